package site

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"policysite/generator/history"
	deftemplates "policysite/templates"
)

// handHistory is a history made by hand, no git needed: commit adds a
// commit with the files it changed.
type handHistory struct {
	h   *history.History
	day time.Time
}

func newHandHistory() *handHistory {
	return &handHistory{h: &history.History{Files: map[string][]history.Version{}},
		day: time.Date(2026, 3, 31, 9, 0, 0, 0, time.FixedZone("JST", 9*3600))}
}

func (hh *handHistory) commit(subject, effective string, files map[string]string) *history.Commit {
	h := hh.h
	c := &history.Commit{Hash: fmt.Sprintf("%07x%033d", 0xabc0000+len(h.Commits), 0), Subject: subject,
		Effective: effective, Time: hh.day.AddDate(0, 0, len(h.Commits)), Seq: len(h.Commits)}
	c.Short = c.Hash[:7]
	h.Commits = append(h.Commits, c)
	for name, data := range files {
		h.Files[name] = append(h.Files[name], history.Version{Commit: c, Path: name, Data: []byte(data)})
	}
	return c
}

// A comparison carries what changed and the rows around it, not every
// unchanged block of the document: those are one （略） row linking to the
// full text.
func TestOmittedRowsCarryNoText(t *testing.T) {
	body := func(lang, changed string) string {
		var b strings.Builder
		b.WriteString("## 1 目的 {#purpose}\n\n" + changed + "\n\n")
		for i := range 20 {
			fmt.Fprintf(&b, "## %d 条 {#art-%d}\n\nUNCHANGED%s%d の本文。\n\n", i+2, i+2, lang, i)
		}
		return b.String()
	}
	ja := func(changed string) string { return mdDoc("基本方針", "public", body("ja", changed)) }
	en := func(changed string) string { return mdDoc("Basic policy", "public", body("en", changed)) }
	hh := newHandHistory()
	hh.commit("制定", "", map[string]string{"content/ja/policy.md": ja("旧"), "content/en/policy.md": en("old")})
	c := hh.commit("改定", "2026-04-01", map[string]string{"content/ja/policy.md": ja("新"), "content/en/policy.md": en("new")})
	fsys := fstest.MapFS{
		"content/ja/index.md":  {Data: []byte(mdDoc("ホーム", "public", "ようこそ。\n"))},
		"content/en/index.md":  {Data: []byte(mdDoc("Home", "public", "Welcome.\n"))},
		"content/ja/policy.md": {Data: []byte(ja("新"))},
		"content/en/policy.md": {Data: []byte(en("new"))},
	}
	s, err := Build(Options{FS: fsys, Templates: deftemplates.FS, History: hh.h, Today: date("2026-12-03")})
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"ja", "en"} {
		page := string(s.Files[lang+"/revisions/"+c.Short+".html"])
		if page == "" {
			t.Fatalf("%s: no comparison page", lang)
		}
		if strings.Contains(page, "UNCHANGED"+lang+"5") {
			t.Errorf("%s: the comparison carries an unchanged block far from the change", lang)
		}
		if !strings.Contains(page, `<tr class="omitted"><td>`+uiStrings[lang].Omitted+`</td><td>`+uiStrings[lang].Omitted) {
			t.Errorf("%s: no （略） row in both columns", lang)
		}
		if !strings.Contains(page, `class="omitted-link" href="../policy.html#art-2"`) {
			t.Errorf("%s: the （略） row does not link to the full text where it begins", lang)
		}
		if strings.Contains(page, "<policysite-") {
			t.Errorf("%s: a placeholder of the build reached the page", lang)
		}
	}
}

func date(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}
