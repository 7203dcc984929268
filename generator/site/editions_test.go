package site

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"policysite/generator/history"
	deftemplates "policysite/templates"
)

// An official revision whose Effective date is after the build date is
// not in force: the document's page keeps the text in force and announces
// the revision, history and what's new say 未施行, and the revision's text
// is a page of its own. On the 施行日 the page shows the revision, and the
// text before it becomes a past version. An internal period yields no
// version page and nothing of its text.
func TestPendingRevision(t *testing.T) {
	ja := func(vis, body string) string {
		return mdDoc("基本方針", vis, "## 1 目的 {#purpose}\n\n"+body+"\n")
	}
	en := func(vis, body string) string {
		return mdDoc("Basic policy", vis, "## 1 Purpose {#purpose}\n\n"+body+"\n")
	}
	hh := newHandHistory()
	c0 := hh.commit("制定", "", map[string]string{"content/ja/policy.md": ja("public", "制定時の本文。[目的へ](#purpose)[無い節へ](#nope)"), "content/en/policy.md": en("public", "Enacted text.")})
	c1 := hh.commit("一時非公開", "2026-06-01", map[string]string{"content/ja/policy.md": ja("internal", "PENDINGLEAK"), "content/en/policy.md": en("internal", "PENDINGLEAK")})
	c2 := hh.commit("再公開", "", map[string]string{"content/ja/policy.md": ja("public", "再公開の本文。"), "content/en/policy.md": en("public", "Republished text.")})
	c3 := hh.commit("改定", "2027-04-01", map[string]string{"content/ja/policy.md": ja("public", "改定後の本文。"), "content/en/policy.md": en("public", "Revised text.")})
	h := withChanges(hh.h)
	fsys := handSite(map[string]string{"content/ja/policy.md": ja("public", "改定後の本文。"), "content/en/policy.md": en("public", "Revised text.")})
	build := func(today string) map[string][]byte {
		t.Helper()
		var d time.Time
		if today != "" {
			d = date(today)
		}
		s, err := Build(Options{FS: fsys, Templates: deftemplates.FS, History: h, Today: d})
		if err != nil {
			t.Fatal(err)
		}
		return s.Files
	}
	page := func(c *history.Commit) string { return "ja/" + versionPath("policy", c.Short) }

	before := build("2027-03-31")
	doc := string(before["ja/policy.html"])
	for _, want := range []string{
		"再公開の本文。", // the text in force
		"この規定は令和9年（2027年）4月1日に改定されます（未施行）。",
		`href="./revisions/` + c3.Short + `.html#doc-policy"`,
		`href="./` + versionPath("policy", c3.Short) + `"`,
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("before: the document page lacks %q", want)
		}
	}
	if strings.Contains(doc, "改定後の本文。") {
		t.Error("before: the document page shows text not yet in force")
	}
	if v := string(before[page(c3)]); !strings.Contains(v, "改定後の本文。") || !strings.Contains(v, "この版は令和9年（2027年）4月1日から施行されます（未施行）。") {
		t.Errorf("before: the pending version's page:\n%s", v)
	}
	if v := string(before[page(c0)]); !strings.Contains(v, "制定時の本文。") || !strings.Contains(v, "この版は令和8年（2026年）3月31日から令和8年（2026年）4月1日まで施行されていたものです。") {
		t.Errorf("before: the first version's page:\n%s", v)
	}
	if v := string(before[page(c0)]); !strings.Contains(v, `<a href="#purpose">目的へ</a>`) || strings.Contains(v, "#nope") || !strings.Contains(v, "無い節へ") {
		t.Errorf("before: the first version's links to its own sections:\n%s", v)
	}
	if _, ok := before[page(c2)]; ok {
		t.Error("before: the version in force has a page of its own besides the document's")
	}
	for _, name := range []string{"ja/history/policy.html", "ja/whats-new.html", "ja/revisions/" + c3.Short + ".html"} {
		if !strings.Contains(string(before[name]), "未施行") {
			t.Errorf("before: %s does not say 未施行", name)
		}
	}
	if !strings.Contains(string(before["ja/feed.atom"]), "未施行 改定 （令和9年（2027年）4月1日施行）") {
		t.Errorf("before: the feed does not say 未施行:\n%s", before["ja/feed.atom"])
	}
	if !strings.Contains(string(before["ja/whats-new.html"]), `（<span class="date">令和9年（2027年）4月1日</span><wbr>施行）`) {
		t.Error("before: what's new does not show the 施行日")
	}
	if en := string(before["en/policy.html"]); !strings.Contains(en, "Republished text.") || strings.Contains(en, "Revised text.") {
		t.Error("before: the English page shows text not yet in force")
	}

	for _, today := range []string{"2027-04-01", ""} {
		on := build(today)
		doc := string(on["ja/policy.html"])
		if !strings.Contains(doc, "改定後の本文。") || strings.Contains(doc, "未施行") {
			t.Errorf("%q: the document page does not show the revision in force", today)
		}
		if _, ok := on[page(c3)]; ok {
			t.Errorf("%q: the version in force has a page of its own besides the document's", today)
		}
		past := string(on[page(c2)])
		if !strings.Contains(past, "この版は令和8年（2026年）4月2日から令和9年（2027年）3月31日まで施行されていたものです。") ||
			!strings.Contains(past, `href="../policy.html"`) {
			t.Errorf("%q: past version page:\n%s", today, past)
		}
		if strings.Contains(string(on["ja/history/policy.html"]), "未施行") {
			t.Errorf("%q: history still says 未施行", today)
		}
	}
	// Nothing of the internal period, in any build.
	for _, files := range []map[string][]byte{before, build("2027-04-01")} {
		for name, data := range files {
			if strings.Contains(string(data), "PENDINGLEAK") || strings.Contains(name, c1.Short) {
				t.Errorf("%s carries the internal period", name)
			}
		}
	}
}

// The first publication is 新規制定 when it is committed on its enactment
// date (or before it), 新規公開 when it puts an earlier enactment on the site;
// either way with the enactment date, never 軽微な修正. A withheld message
// reads neutrally.
func TestFirstPublicationLabel(t *testing.T) {
	for _, tc := range []struct {
		enacted, label, dated string
	}{
		{"2019-04-01", "新規公開", `（<span class="date">平成31年（2019年）4月1日</span><wbr>制定）`},
		{"2026-03-31", "新規制定", `（<span class="date">令和8年（2026年）3月31日</span><wbr>制定）`}, // the first commit's day
		{"2026-04-01", "新規制定", `（<span class="date">令和8年（2026年）4月1日</span><wbr>制定）`},
	} {
		t.Run(tc.enacted, func(t *testing.T) {
			hh := newHandHistory()
			doc := func(body string) string {
				return "---\ntitle: 基本方針\nvisibility: public\nenacted: " + tc.enacted + "\n---\n\n## 1 目的 {#purpose}\n\n" + body + "\n"
			}
			en := "---\ntitle: Basic policy\nvisibility: public\nenacted: " + tc.enacted + "\n---\n\n## 1 Purpose {#purpose}\n\nText.\n"
			hh.commit("初版", "", map[string]string{"content/ja/policy.md": doc("本文。"), "content/en/policy.md": en})
			hh.commit("誤字を修正", "", map[string]string{"content/ja/policy.md": doc("本文です。")})
			fsys := handSite(map[string]string{"content/ja/policy.md": doc("本文です。"), "content/en/policy.md": en})
			s, err := Build(Options{FS: fsys, Templates: deftemplates.FS, History: withChanges(hh.h), Today: date("2026-12-03")})
			if err != nil {
				t.Fatal(err)
			}
			label := `<span class="rev-kind">` + tc.label + `</span>`
			hist := string(s.Files["ja/history/policy.html"])
			official, editorial, _ := strings.Cut(hist, `id="editorial"`)
			if !strings.Contains(official, label) || !strings.Contains(official, tc.dated) {
				t.Errorf("the first publication is not %s %s among the versions:\n%s", tc.label, tc.dated, hist)
			}
			if strings.Contains(editorial, "新規") || !strings.Contains(editorial, "誤字を修正") {
				t.Errorf("editorial section:\n%s", editorial)
			}
			if rev := string(s.Files["ja/revisions/"+hh.h.Commits[0].Short+".html"]); !strings.Contains(rev, label) {
				t.Errorf("comparison page of the first publication:\n%s", rev)
			}
		})
	}
	for _, lang := range []string{"ja", "en"} {
		if w := uiStrings[lang].WithheldMessage; strings.Contains(w, "掲載していません") || strings.Contains(w, "not published") {
			t.Errorf("%s: withheld message %q sounds like something is hidden", lang, w)
		}
	}
}

// handSite is a project with a home page and docs.
func handSite(docs map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{
		"content/ja/index.md": {Data: []byte(mdDoc("ホーム", "public", "ようこそ。\n"))},
		"content/en/index.md": {Data: []byte(mdDoc("Home", "public", "Welcome.\n"))},
	}
	for name, data := range docs {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

// withChanges fills in what each commit of a history made by hand changed
// (history.Commit.Changes), as Read does from git, so that messages are
// judged publishable as they would be: each changed file on both sides,
// and its translation beside it as context.
func withChanges(h *history.History) *history.History {
	at := map[string][]byte{}
	for _, c := range h.Commits {
		c.Changes = nil
		changed := map[string][]byte{}
		for name, vs := range h.Files {
			for _, v := range vs {
				if v.Commit == c {
					changed[name] = v.Data
				}
			}
		}
		side := func(data []byte) history.File {
			if data == nil {
				return history.File{}
			}
			return history.File{Mode: 0o100644, Data: data}
		}
		seen := map[string]bool{}
		for name, data := range changed {
			c.Changes = append(c.Changes, history.Change{Path: name, Old: side(at[name]), New: side(data)})
			seen[name] = true
		}
		for name := range changed {
			for _, lang := range []string{"ja", "en"} {
				other := "content/" + lang + "/" + strings.SplitN(strings.TrimPrefix(name, "content/"), "/", 2)[1]
				if !seen[other] {
					seen[other] = true
					c.Changes = append(c.Changes, history.Change{Path: other, Old: side(at[other]), New: side(at[other]), Context: true})
				}
			}
		}
		sort.Slice(c.Changes, func(i, j int) bool { return c.Changes[i].Path < c.Changes[j].Path })
		for name, data := range changed {
			at[name] = data
		}
	}
	return h
}

// Editions: editorial changes fold into the edition before them; a date
// before the previous edition's is taken as that date (with a warning);
// an edition superseded on its own 施行日 was never in force.
func TestEditionStates(t *testing.T) {
	type rev struct{ effective, committed string }
	tests := []struct {
		name  string
		revs  []rev
		today string
		want  string // each edition: first revision's index, state, from..until
	}{
		{"editorial folds", []rev{{"", "2026-01-05"}, {"", "2026-02-01"}, {"2026-04-01", "2026-03-01"}}, "2026-12-03",
			"0 past 2026-01-05..2026-03-31, 2 current 2026-04-01"},
		{"pending", []rev{{"", "2026-01-05"}, {"2027-04-01", "2026-03-01"}, {"2028-04-01", "2026-03-02"}}, "2026-12-03",
			"0 current 2026-01-05, 1 pending 2027-04-01, 2 pending 2028-04-01"},
		{"backwards date", []rev{{"", "2026-01-05"}, {"2027-04-01", "2026-03-01"}, {"2026-06-01", "2026-03-02"}}, "2026-12-03",
			"0 current 2026-01-05, 1 pending 2027-04-01, 2 pending 2027-04-01"},
		{"same day", []rev{{"", "2026-01-05"}, {"2026-04-01", "2026-03-01"}, {"2026-04-01", "2026-03-02"}}, "2026-12-03",
			"0 past 2026-01-05..2026-03-31, 1 never 2026-04-01, 2 current 2026-04-01"},
		{"no build date", []rev{{"", "2026-01-05"}, {"2117-12-31", "2026-03-01"}}, "",
			"0 past 2026-01-05..2117-12-30, 1 current 2117-12-31"},
	}
	names := map[editionState]string{current: "current", past: "past", pending: "pending", never: "never"}
	for _, tt := range tests {
		b := &builder{}
		if tt.today != "" {
			b.opt.Today = date(tt.today)
		}
		dh := &docHistory{}
		var prev *revision
		for i, r := range tt.revs {
			c := &history.Commit{Short: fmt.Sprint(i), Effective: r.effective, Time: date(r.committed)}
			rv := &revision{commit: c, prev: prev}
			dh.revs = append(dh.revs, rv)
			prev = rv
		}
		b.editions(dh)
		var got []string
		for _, ed := range dh.eds {
			s := fmt.Sprintf("%s %s %s", ed.first.commit.Short, names[ed.state], ed.from.Format(time.DateOnly))
			if ed.state == past {
				s += ".." + ed.until.Format(time.DateOnly)
			}
			got = append(got, s)
		}
		if g := strings.Join(got, ", "); g != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, g, tt.want)
		}
		if warned := len(b.warns) > 0; warned != (tt.name == "backwards date") {
			t.Errorf("%s: warnings %q", tt.name, b.warns)
		}
	}
}
