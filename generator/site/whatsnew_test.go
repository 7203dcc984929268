package site

import (
	"regexp"
	"strings"
	"testing"
	"time"

	deftemplates "policysite/templates"
)

// On the home and what's-new pages every revision links the document's
// title; what each link says to screen readers (its text, visually hidden
// words included) differs from every other's: the date, and the commit
// when one document changed twice on a day.
func TestWhatsNewLinksSayWhere(t *testing.T) {
	hh := newHandHistory()
	ja := func(body string) string {
		return mdDoc("基本方針", "public", "## 1 目的 {#purpose}\n\n"+body+"\n")
	}
	en := func(body string) string {
		return mdDoc("Basic policy", "public", "## 1 Purpose {#purpose}\n\n"+body+"\n")
	}
	hh.commit("制定", "", map[string]string{"content/ja/policy.md": ja("本文。"), "content/en/policy.md": en("Text.")})
	hh.commit("第1条を改定", "2026-04-05", map[string]string{"content/ja/policy.md": ja("改めた本文。"), "content/en/policy.md": en("Revised text.")})
	third := hh.commit("誤字を修正", "", map[string]string{"content/ja/policy.md": ja("改めた本文です。")})
	second := hh.h.Commits[1]
	third.Time = second.Time.Add(time.Hour) // the same day as the revision
	fsys := handSite(map[string]string{"content/ja/policy.md": ja("改めた本文です。"), "content/en/policy.md": en("Revised text.")})
	s, err := Build(Options{FS: fsys, Templates: deftemplates.FS, History: withChanges(hh.h), Today: date("2026-12-03")})
	if err != nil {
		t.Fatal(err)
	}
	link := regexp.MustCompile(`<a href="([^"]*)">([^<]*)<span class="visually-hidden">([^<]*)</span></a>`)
	for _, name := range []string{"ja/index.html", "ja/whats-new.html", "en/index.html", "en/whats-new.html"} {
		says := map[string]string{}
		for _, m := range link.FindAllStringSubmatch(string(s.Files[name]), -1) {
			name := m[2] + m[3]
			if href, ok := says[name]; ok && href != m[1] {
				t.Errorf("%s: %q leads to %s and %s", name, name, href, m[1])
			}
			says[name] = m[1]
		}
		if want := map[byte]int{'j': 3, 'e': 2}[name[0]]; len(says) != want {
			t.Errorf("%s: %d revision links, want %d: %q", name, len(says), want, says)
		}
	}
	page := string(s.Files["ja/whats-new.html"])
	for _, c := range []string{second.Short, third.Short} {
		if !strings.Contains(page, c+"の新旧対照表）</span>") {
			t.Errorf("ja/whats-new.html: the two revisions of one day do not name their commits (%s)", c)
		}
	}
	if strings.Contains(page, hh.h.Commits[0].Short+"の新旧対照表") {
		t.Error("ja/whats-new.html: a revision alone on its day names its commit")
	}
	if !strings.Contains(page, `<span class="rev-kind">改定</span> <span class="rev-status">`) {
		t.Error("ja/whats-new.html: the badges are not apart")
	}
}
