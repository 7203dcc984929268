package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
)

// repo is a hermetic git repository made with go-git in a temporary folder.
type repo struct {
	t    *testing.T
	dir  string
	r    *git.Repository
	when time.Time
	made []string // the short hashes of the commits, oldest first
}

func newRepo(t *testing.T, files map[string]string) *repo {
	t.Helper()
	dir := writeTree(t, files)
	r, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	return &repo{t: t, dir: dir, r: r, when: time.Date(2026, 3, 31, 9, 0, 0, 0, time.FixedZone("JST", 9*3600))}
}

// commit writes files ("" deletes one) and commits everything, by one
// author (commitAs gives another, or other parents).
func (g *repo) commit(msg string, files map[string]string) {
	g.t.Helper()
	g.commitAs(msg, files, "Hanako Yamada", "hanako@example.jp")
}

// hashes returns the short hashes of the commits made, oldest first.
func (g *repo) hashes() []string { return g.made }

func policyJA(vis, body string) string {
	return mdPage("基本方針", vis, "## 1 目的 {#purpose}\n\n"+body+"\n")
}

func policyEN(vis, body string) string {
	return mdPage("Basic policy", vis, "## 1 Purpose {#purpose}\n\n"+body+"\n")
}

func buildRepo(t *testing.T, g *repo, args ...string) map[string][]byte {
	t.Helper()
	code, _, stderr := build(t, g.dir, args...)
	if code != 0 {
		t.Fatalf("build failed:\n%s", stderr)
	}
	return readTree(t, filepath.Join(g.dir, "public"))
}

// isDiffPage reports whether name is a comparison page in lang with a
// table of doc.
func isDiffPage(out map[string][]byte, name, lang, doc string) bool {
	return strings.HasPrefix(name, lang+"/revisions/") && strings.Contains(string(out[name]), `id="doc-`+doc+`"`)
}

func TestHistoryPages(t *testing.T) {
	t.Parallel()
	g := newRepo(t, minimalSite())
	g.commit("基本方針を制定", map[string]string{
		"content/ja/policy.md": policyJA("public", "機器故障等による情報資産の消去を防ぐ。"),
		"content/en/policy.md": policyEN("public", "Prevent loss through equipment failure."),
	})
	g.commit("誤字を修正", map[string]string{
		"content/ja/policy.md": policyJA("public", "機器の故障等による情報資産の消去を防ぐ。"),
	})
	g.commit("第1条を改定\n\n対象を拡大する。\n\nEffective: 2027-04-01", map[string]string{
		"content/ja/policy.md": policyJA("public", "機器の故障等による情報資産の消去を防ぐ。\n\n新しい段落を加える。"),
		"content/en/policy.md": policyEN("public", "Prevent loss through equipment failures.\n\nA new paragraph."),
	})
	// On its 施行日 (TestPendingRevision builds before it).
	out := buildRepo(t, g, "-date", "2027-04-01")

	hist := string(out["ja/history/policy.html"])
	for _, want := range []string{"第1条を改定", "対象を拡大する。", "誤字を修正", "基本方針を制定", "令和9年（2027年）4月1日"} {
		if !strings.Contains(hist, want) {
			t.Errorf("history page lacks %q", want)
		}
	}
	if strings.Contains(hist, "Hanako") || strings.Contains(hist, "hanako@") {
		t.Error("history page shows the author without -authors")
	}
	if i, j := strings.Index(hist, "第1条を改定"), strings.Index(hist, "誤字を修正"); i < 0 || j < 0 || i > j {
		t.Error("official revision not listed before the editorial one")
	}
	var diffs []string
	for name := range out {
		if isDiffPage(out, name, "ja", "policy") {
			diffs = append(diffs, name)
		}
	}
	if len(diffs) != 3 {
		t.Fatalf("ja diff pages: %v, want 3", diffs)
	}
	var enDiffs int
	for name := range out {
		if isDiffPage(out, name, "en", "policy") {
			enDiffs++
		}
	}
	if enDiffs != 2 {
		t.Errorf("en diff pages: %d, want 2 (the Japanese-only fix is not an English revision)", enDiffs)
	}
	if strings.Contains(string(out["en/history/policy.html"]), "誤字を修正") {
		t.Error("English history lists a commit that changed only the Japanese text")
	}
	found := false
	for _, d := range diffs {
		page := string(out[d])
		if strings.Contains(page, "誤字を修正") {
			found = true
			if !strings.Contains(page, "機器<ins>の</ins>故障等") || !strings.Contains(page, "機器故障等") {
				t.Errorf("%s: the character-level mark of の is missing:\n%s", d, page)
			}
		}
	}
	if !found {
		t.Error("no diff page for the editorial commit")
	}
	doc := string(out["ja/policy.html"])
	if !strings.Contains(doc, "最終改定") || !strings.Contains(doc, `<span class="date">令和9年（2027年）4月1日</span><wbr>施行`) {
		t.Errorf("document page lacks the revision line")
	}
	if !strings.Contains(string(out["en/whats-new.html"]), "Effective") && !strings.Contains(string(out["en/whats-new.html"]), "第1条を改定") {
		t.Error("what's new lacks the revision")
	}
	if feed := string(out["ja/feed.atom"]); !strings.Contains(feed, "<feed") || strings.Count(feed, "<entry>") != 3 {
		t.Errorf("feed:\n%s", feed)
	}
	// Pages render in parallel: two builds must still be byte-identical.
	if again := buildRepo(t, g, "-date", "2027-04-01"); !sameTree(out, again) {
		t.Error("two builds with history differ")
	}
	withAuthors := buildRepo(t, g, "-authors")
	if !strings.Contains(string(withAuthors["ja/history/policy.html"]), "Hanako Yamada") {
		t.Error("-authors does not show names")
	}
}

// Markers in history that must never be published.
func TestHistoryLeak(t *testing.T) {
	t.Parallel()
	files := minimalSite()
	// A document internal at first (its early text is secret), published
	// later with new text.
	files["content/ja/later.md"] = mdPage("後に公開", "internal", "## 本文 {#body}\n\nHISTINTERNALJA\n")
	files["content/en/later.md"] = mdPage("Later", "internal", "## Body {#body}\n\nHISTINTERNALEN\n")
	// A document public at first and internal now: no history at all.
	files["content/ja/gone.md"] = mdPage("HISTNOWINTERNALTITLE", "public", "## 本文 {#body}\n\nHISTNOWINTERNALBODY\n")
	files["content/en/gone.md"] = mdPage("HISTNOWINTERNALTITLE", "public", "## Body {#body}\n\nHISTNOWINTERNALBODY\n")
	// An HTML comment in an old revision of a public document.
	files["content/ja/policy.md"] = policyJA("public", "本文。<!-- HISTOLDCOMMENT -->")
	files["content/en/plan.md"] = mdPage("Plan", "internal", "## x {#x}\n\nplan\n")
	files["content/ja/plan.md"] = mdPage("計画", "internal", "## x {#x}\n\n計画\n")
	g := newRepo(t, files)
	g.commit("initial", nil)
	g.commit("HISTINTERNALONLYMSG 計画を更新", map[string]string{
		"content/ja/plan.md": mdPage("計画", "internal", "## x {#x}\n\nHISTINTERNALONLYBODY\n"),
	})
	g.commit("公開する", map[string]string{
		"content/ja/later.md":  mdPage("後に公開", "public", "## 本文 {#body}\n\n公開版の本文。\n"),
		"content/en/later.md":  mdPage("Later", "public", "## Body {#body}\n\nPublished text.\n"),
		"content/ja/policy.md": policyJA("public", "本文です。"),
		"content/ja/gone.md":   mdPage("HISTNOWINTERNALTITLE", "internal", "## 本文 {#body}\n\nHISTNOWINTERNALBODY\n"),
		"content/en/gone.md":   mdPage("HISTNOWINTERNALTITLE", "internal", "## Body {#body}\n\nHISTNOWINTERNALBODY\n"),
	})
	out := buildRepo(t, g)
	assertNoMarkers(t, out, []string{"HISTINTERNALJA", "HISTINTERNALEN", "HISTNOWINTERNAL", "HISTOLDCOMMENT", "HISTINTERNALONLY", "gone.html", "plan.html"})
	// The first public revision of later.md shows as newly published: no
	// old side at all.
	var laterDiffs int
	for name, data := range out {
		if isDiffPage(out, name, "ja", "later") {
			laterDiffs++
			if !strings.Contains(string(data), "新規公開") {
				t.Errorf("%s: first public revision not shown as newly published", name)
			}
		}
	}
	if laterDiffs != 1 {
		t.Errorf("later.md has %d diff pages, want 1 (its internal revisions hidden)", laterDiffs)
	}
	if _, ok := out["ja/history/gone.html"]; ok {
		t.Error("a document that is internal now has a history page")
	}
}

func TestNoRepository(t *testing.T) {
	t.Parallel()
	dir := writeTree(t, minimalSite())
	code, _, stderr := build(t, dir)
	if code != 0 {
		t.Fatal(stderr)
	}
	if strings.Count(stderr, "no git repository") != 1 {
		t.Errorf("want one warning about the missing repository, got:\n%s", stderr)
	}
	out := readTree(t, filepath.Join(dir, "public"))
	if !strings.Contains(string(out["ja/policy.html"]), "改定履歴はありません") {
		t.Error("document page does not say that no history is available")
	}
	if !strings.Contains(string(out["en/policy.html"]), "No revision history is available") {
		t.Error("English document page does not say that no history is available")
	}
	for name := range out {
		if strings.Contains(name, "/history/") {
			t.Errorf("%s built without a history to show", name)
		}
	}
}

const staleQuiz = `title: {ja: 研修, en: Training}
pass_mark: 80
questions:
  - id: purpose
    type: truefalse
    ref: policy.md#purpose
    answer: true
    prompt: {ja: 目的がある。, en: There is a purpose.}
    explanation: {ja: 第1条のとおり。, en: As section 1 says.}
`

func TestStaleQuestion(t *testing.T) {
	t.Parallel()
	files := minimalSite()
	files["quizzes/training.yaml"] = staleQuiz
	g := newRepo(t, files)
	g.commit("initial", nil)
	code, _, stderr := build(t, g.dir)
	if code != 0 || strings.Contains(stderr, "review the question") {
		t.Fatalf("code %d, stderr:\n%s", code, stderr)
	}
	g.commit("第1条を改める", map[string]string{"content/ja/policy.md": policyJA("public", "改めた本文。")})
	code, _, stderr = build(t, g.dir)
	want := `quizzes/training.yaml:4: question "purpose": section policy.md#purpose changed in`
	if code != 0 || !strings.Contains(stderr, want) {
		t.Errorf("code %d, stderr:\n%s\nwant %q", code, stderr, want)
	}
	g.commit("クイズを見直す", map[string]string{"quizzes/training.yaml": strings.Replace(staleQuiz, "第1条のとおり。", "改めた第1条のとおり。", 1)})
	if _, _, stderr = build(t, g.dir); strings.Contains(stderr, "review the question") {
		t.Errorf("warning persists after the question was reviewed:\n%s", stderr)
	}
	out := readTree(t, filepath.Join(g.dir, "public"))
	if page := string(out["ja/quiz/training.html"]); !strings.Contains(page, `"quizRevision":"`) || strings.Contains(page, `"quizRevision":""`) {
		t.Error("quiz page lacks the quiz revision for the certificate")
	}
}

func TestShallowClone(t *testing.T) {
	t.Parallel()
	g := newRepo(t, minimalSite())
	g.commit("initial", nil)
	g.commit("改める", map[string]string{"content/ja/policy.md": policyJA("public", "改めた本文。")})
	head, err := g.r.Head()
	if err != nil {
		t.Fatal(err)
	}
	// A depth-1 clone lists HEAD as a boundary: its parent is missing.
	if err := os.WriteFile(filepath.Join(g.dir, ".git", "shallow"), []byte(head.Hash().String()+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := build(t, g.dir)
	if code != 0 {
		t.Fatal(stderr)
	}
	if strings.Count(stderr, "warning: shallow git clone") != 1 {
		t.Errorf("want one warning about the shallow clone:\n%s", stderr)
	}
	out := readTree(t, filepath.Join(g.dir, "public"))
	if !strings.Contains(string(out["ja/policy.html"]), "改定履歴はありません") {
		t.Error("document page of a shallow clone does not say that no history is available")
	}
	for name := range out {
		if isDiffPage(out, name, "ja", "policy") {
			t.Errorf("shallow clone produced a diff page %s with a history that starts at the wrong place", name)
		}
	}
}

func TestMixedCommitWarning(t *testing.T) {
	t.Parallel()
	files := minimalSite()
	files["content/ja/plan.md"] = mdPage("計画", "internal", "## x {#x}\n\n計画\n")
	g := newRepo(t, files)
	g.commit("initial", nil)
	g.commit("方針とMIXEDSECRET計画を更新", map[string]string{
		"content/ja/policy.md": policyJA("public", "改めた本文。"),
		"content/ja/plan.md":   mdPage("計画", "internal", "## x {#x}\n\n改めた計画\n"),
	})
	code, _, stderr := build(t, g.dir)
	if code != 0 {
		t.Fatal(stderr)
	}
	if !strings.Contains(stderr, "its message is not published") {
		t.Errorf("want a warning about the mixed commit:\n%s", stderr)
	}
	// Fail closed: the message of a commit that also touched an internal
	// document may speak of it, so it is never published.
	out := readTree(t, filepath.Join(g.dir, "public"))
	assertNoMarkers(t, out, []string{"MIXEDSECRET"})
	if !strings.Contains(string(out["ja/history/policy.html"]), "内容は新旧対照表のとおりです。") {
		t.Error("the withheld message is not replaced by the neutral note")
	}
}

// A build that reuses the cache left in the git folder by the build before
// it gives the same site as one that derives everything again, also after
// new commits; and the cache is where the repository is, never in the
// output.
func TestBuildCache(t *testing.T) {
	t.Parallel()
	files := minimalSite()
	files["content/ja/plan.md"] = mdPage("計画 CACHEMARKTITLE", "internal", "CACHEMARKBODY\n")
	files["content/en/plan.md"] = mdPage("Plan CACHEMARKTITLE", "internal", "CACHEMARKBODY\n")
	g := newRepo(t, files)
	g.commit("制定", nil)
	g.commit("第1条を改正", map[string]string{
		"content/ja/policy.md": policyJA("public", "機器の故障等による消去を防ぐ。"),
		"content/en/policy.md": policyEN("public", "Prevent loss through equipment failures."),
	})
	check := func(what string) {
		t.Helper()
		fresh := buildRepo(t, g, "-cache=false")
		for i, run := range []string{"first", "second"} {
			if got := buildRepo(t, g); !sameTree(fresh, got) {
				t.Errorf("%s, %s build with the cache differs from one without (%d)", what, run, i)
			}
		}
	}
	check("two commits")
	g.commit("第1条を再改正\n\nEffective: 2027-04-01", map[string]string{
		"content/ja/policy.md": policyJA("public", "機器の故障等による情報の消去を防ぐ。"),
		"content/en/policy.md": policyEN("public", "Prevent loss of information through equipment failures."),
		"content/ja/plan.md":   mdPage("計画 CACHEMARKTITLE", "internal", "CACHEMARKBODY2\n"),
	})
	check("a new commit on top")

	cacheDir := filepath.Join(g.dir, ".git", "policysite")
	site, err := os.ReadFile(filepath.Join(cacheDir, "site.cache"))
	if err != nil {
		t.Fatalf("no site cache in the git folder: %v", err)
	}
	if strings.Contains(string(site), "CACHEMARK") {
		t.Error("the site cache holds text of an internal document")
	}
	for name := range readTree(t, filepath.Join(g.dir, "public")) {
		if strings.Contains(name, "cache") {
			t.Errorf("public/%s: a cache file in the output", name)
		}
	}
	entries, _ := os.ReadDir(g.dir)
	for _, e := range entries {
		if e.Name() != ".git" && e.Name() != "public" && e.Name() != "content" {
			t.Errorf("the build left %s in the work tree", e.Name())
		}
	}
}

// Every link of a site with a varied history resolves: revisions of one
// language only, a period when the document was internal, a rename. The
// language switch of a comparison page whose revision changed only its own
// language leads to the other language's history page.
func TestHistoryLinks(t *testing.T) {
	t.Parallel()
	g := newRepo(t, minimalSite())
	g.commit("基本方針を制定", map[string]string{
		"content/ja/policy.md": policyJA("public", "機器故障等による消去を防ぐ。"),
		"content/en/policy.md": policyEN("public", "Prevent loss through equipment failure."),
	})
	g.commit("誤字を修正", map[string]string{
		"content/ja/policy.md": policyJA("public", "機器の故障等による消去を防ぐ。"),
	})
	g.commit("Fix a typo in the translation", map[string]string{
		"content/en/policy.md": policyEN("public", "Prevent loss through equipment failures."),
	})
	g.commit("一時非公開", map[string]string{
		"content/ja/policy.md": policyJA("internal", "機器の故障等による消去を防ぐ。"),
	})
	g.commit("再公開", map[string]string{
		"content/ja/policy.md": policyJA("public", "機器の故障等による情報の消去を防ぐ。"),
	})
	g.commit("改名", map[string]string{
		"content/ja/policy.md": "", "content/en/policy.md": "",
		"content/ja/basic.md": policyJA("public", "機器の故障等による情報の消去を防ぐ。"),
		"content/en/basic.md": policyEN("public", "Prevent loss through equipment failures."),
	})
	out := buildRepo(t, g)
	if pages := checkPages(t, out); pages < 10 {
		t.Fatalf("only %d pages", pages)
	}
	var jaOnly string
	for name, data := range out {
		if isDiffPage(out, name, "ja", "basic") && strings.Contains(string(data), "誤字を修正") {
			jaOnly = string(data)
		}
	}
	if !strings.Contains(jaOnly, `class="lang-switch" href="../../en/history/basic.html"`) {
		t.Errorf("the Japanese-only revision's language switch does not lead to the English history:\n%s", jaOnly)
	}
}

// A commit that changed several documents has one comparison page per
// language, a table for each public document in document order, and
// nothing of the internal one it also changed.
func TestRevisionPageCoversCommit(t *testing.T) {
	t.Parallel()
	files := minimalSite()
	files["content/ja/second.md"] = mdPage("第二の規程", "public", "## 1 目的 {#purpose}\n\n旧い本文。\n")
	files["content/en/second.md"] = mdPage("Second", "public", "## 1 Purpose {#purpose}\n\nOld text.\n")
	files["content/ja/plan.md"] = mdPage("計画 REVPAGEMARK", "internal", "REVPAGEMARK\n")
	files["content/en/plan.md"] = mdPage("Plan REVPAGEMARK", "internal", "REVPAGEMARK\n")
	g := newRepo(t, files)
	g.commit("制定", nil)
	g.commit("二つの規程を改正\n\nEffective: 2027-04-01", map[string]string{
		"content/ja/policy.md": mdPage("基本方針", "public", "## 1 目的 {#purpose}\n\n新しい本文。\n"),
		"content/ja/second.md": mdPage("第二の規程", "public", "## 1 目的 {#purpose}\n\n新しい本文。\n"),
	})
	out := buildRepo(t, g)
	assertNoMarkers(t, out, []string{"REVPAGEMARK", "doc-plan"})
	var pages []string
	for name := range out {
		if strings.HasPrefix(name, "ja/revisions/") {
			pages = append(pages, name)
		}
	}
	if len(pages) != 2 {
		t.Fatalf("ja comparison pages %v, want one for each commit", pages)
	}
	var page string
	for _, name := range pages {
		if p := string(out[name]); strings.Contains(p, "二つの規程を改正") {
			page = p
		}
	}
	i, j := strings.Index(page, `id="doc-policy"`), strings.Index(page, `id="doc-second"`)
	if i < 0 || j < 0 || i > j {
		t.Errorf("tables of the two documents missing or out of document order:\n%s", page)
	}
	if !strings.Contains(page, "<title>新旧対照表: 基本方針 ほか1件") || !strings.Contains(page, "改定") {
		t.Errorf("title or kind of the commit page:\n%s", page)
	}
	for _, doc := range []string{"policy", "second"} {
		if !strings.Contains(string(out["ja/history/"+doc+".html"]), "#doc-"+doc+`"`) {
			t.Errorf("ja/history/%s.html does not link to its table", doc)
		}
	}
	// Only the Japanese changed: there is no English page for the commit,
	// and the language switch leads to the first document's history.
	if strings.Count(strings.Join(keys(out), " "), "en/revisions/") != 1 {
		t.Errorf("English comparison pages: want only the first commit's")
	}
	if !strings.Contains(page, `class="lang-switch" href="../../en/history/policy.html"`) {
		t.Error("the language switch does not lead to the English history")
	}
	checkPages(t, out)
}

func keys(m map[string][]byte) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}
