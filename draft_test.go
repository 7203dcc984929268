package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"policysite/internal/browsertest"
)

// draftRepo is a committed site with a public policy and an internal plan,
// then saved, uncommitted edits to both.
func draftRepo(t *testing.T) *repo {
	t.Helper()
	files := minimalSite()
	files["content/ja/policy.md"] = policyJA("public", "職員は、規程を守る。\n\n第二項は変わらない。"+jaTail)
	files["content/en/policy.md"] = policyEN("public", "Staff follow the rules.\n\nThe second paragraph stays."+enTail)
	files["content/ja/plan.md"] = mdPage("手順 DRAFTSECRETTITLE", "internal", "## 手順 {#steps}\n\n旧手順 DRAFTSECRETOLD\n")
	g := newRepo(t, files)
	g.commit("最初の版", nil)
	// Saved, not committed.
	for name, data := range map[string]string{
		"content/ja/policy.md": policyJA("public", "職員等は、規程を必ず守る。\n\n第二項は変わらない。"+jaTail),
		"content/en/policy.md": policyEN("public", "Staff always follow the rules.\n\nThe second paragraph stays."+enTail),
		"content/ja/plan.md":   mdPage("手順 DRAFTSECRETTITLE", "internal", "## 手順 {#steps}\n\n新手順 DRAFTSECRETNEW\n"),
	} {
		if err := os.WriteFile(filepath.Join(g.dir, filepath.FromSlash(name)), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return g
}

// Unchanged sections, folded as （略）.
const (
	jaTail = "\n\n## 2 範囲 {#scope}\n\n範囲の一。\n\n範囲の二。\n\n範囲の三。\n\n範囲の四。"
	enTail = "\n\n## 2 Scope {#scope}\n\nScope one.\n\nScope two.\n\nScope three.\n\nScope four."
)

var draftSecrets = []string{"DRAFTSECRETTITLE", "DRAFTSECRETOLD", "DRAFTSECRETNEW"}

// TestDraft: the saved edits against HEAD, marked as published comparisons
// are; internal documents left out; public/ and .git/ untouched.
func TestDraft(t *testing.T) {
	g := draftRepo(t)
	t.Setenv("SOURCE_DATE_EPOCH", "1796256000") // 2026-12-03
	// A previous build's public/ and the git folder, to prove the draft
	// leaves them alone.
	buildRepo(t, g)
	before := readTree(t, g.dir)
	out := filepath.Join(t.TempDir(), "draft")
	code, stdout, stderr := build(t, g.dir, "draft", "-out", out)
	if code != 0 {
		t.Fatalf("draft failed:\n%s", stderr)
	}
	if !strings.Contains(stdout, "draft ja: 1 documents changed") {
		t.Errorf("stdout: %s", stdout)
	}
	after := readTree(t, g.dir)
	for name, data := range before {
		if !bytes.Equal(after[name], data) {
			t.Errorf("%s changed", name)
		}
	}
	for name := range after {
		if _, ok := before[name]; !ok {
			t.Errorf("%s was created in the project folder", name)
		}
	}
	files := readTree(t, out)
	for _, name := range []string{"ja.html", "en.html", "assets/style.css", "assets/draft.css", "assets/draft-ja.css", "assets/draft-en.css"} {
		if files[name] == nil {
			t.Errorf("%s missing from the draft", name)
		}
	}
	assertNoMarkers(t, files, draftSecrets)
	ja, en := string(files["ja.html"]), string(files["en.html"])
	for _, want := range []string{
		"<title>基本方針　新旧対照表（案）</title>",
		"令和8年（2026年）12月3日 作成",
		`<p class="draft-mark" aria-hidden="true">案</p>`,
		`<th scope="col">改正案</th><th scope="col">現行</th>`,
		"<td>職員<ins>等</ins>は、規程を<ins>必ず</ins>守る。</td><td>職員は、規程を守る。</td>",
		"（略）",
	} {
		if !strings.Contains(ja, want) {
			t.Errorf("ja.html lacks %q", want)
		}
	}
	for _, want := range []string{`<th scope="col">Current</th><th scope="col">Proposed</th>`, "<ins>always </ins>"} {
		if !strings.Contains(en, want) {
			t.Errorf("en.html lacks %q:\n%s", want, en)
		}
	}
	// A draft has no page of the full text: its （略） rows link nowhere.
	for name, page := range map[string]string{"ja.html": ja, "en.html": en} {
		if strings.Contains(page, "<policysite-") || strings.Contains(page, "omitted-link") {
			t.Errorf("%s: an omitted row links to a full text the draft does not have, or a placeholder is left", name)
		}
	}
	if !strings.Contains(ja, `<tr class="omitted"><td>（略）</td><td>（略）</td></tr>`) {
		t.Errorf("ja.html: no （略） row in both columns")
	}
	if strings.Contains(ja, "内部資料") || strings.Contains(string(files["assets/draft-ja.css"]), "内部資料") {
		t.Error("a draft of public documents says 内部資料")
	}
	if css := string(files["assets/draft-ja.css"]); !strings.Contains(css, `@top-right { content: "案"`) || !strings.Contains(css, "counter(pages)") || !strings.Contains(css, "size: A4") {
		t.Errorf("draft-ja.css lacks the printed 案, page numbers or A4:\n%s", css)
	}

	// The column order follows the site's setting; -against names the
	// revision (here the same commit).
	old := filepath.Join(t.TempDir(), "old-new")
	if code, _, stderr := build(t, g.dir, "draft", "-diff-order", "old-new", "-against", "master", "-out", old); code != 0 {
		t.Fatalf("draft -diff-order old-new failed:\n%s", stderr)
	}
	if ja := string(readTree(t, old)["ja.html"]); !strings.Contains(ja, `<th scope="col">現行</th><th scope="col">改正案</th>`) ||
		!strings.Contains(ja, "<td>職員は、規程を守る。</td><td>職員<ins>等</ins>は") {
		t.Errorf("old-new: columns not 現行 | 改正案:\n%s", ja)
	}
}

// TestDraftInternal: -include-internal compares internal documents too and
// says so on every page; targets where a draft could be published or do
// harm are refused.
func TestDraftInternal(t *testing.T) {
	t.Parallel()
	g := draftRepo(t)
	out := filepath.Join(t.TempDir(), "draft")
	code, _, stderr := build(t, g.dir, "draft", "-include-internal", "-out", out)
	if code != 0 {
		t.Fatalf("draft failed:\n%s", stderr)
	}
	files := readTree(t, out)
	ja := string(files["ja.html"])
	for _, want := range []string{`<p class="draft-internal-banner">内部資料</p>`, "<del>旧</del>", "<ins>新</ins>", "DRAFTSECRETTITLE"} {
		if !strings.Contains(ja, want) {
			t.Errorf("ja.html lacks %q", want)
		}
	}
	if css := string(files["assets/draft-ja.css"]); !strings.Contains(css, `@top-center { content: "内部資料"`) {
		t.Errorf("the printed page does not say 内部資料:\n%s", css)
	}
	// Again into the same folder: a previous draft is replaced.
	if code, _, stderr := build(t, g.dir, "draft", "-include-internal", "-out", out); code != 0 {
		t.Fatalf("draft into its previous folder failed:\n%s", stderr)
	}

	buildRepo(t, g) // public/ now exists
	other := filepath.Join(t.TempDir(), "site")
	if code, _, stderr := build(t, g.dir, "-out", other); code != 0 {
		t.Fatalf("build failed:\n%s", stderr)
	}
	busy := writeTree(t, map[string]string{"notes.txt": "mine"})
	for _, target := range []string{
		filepath.Join(g.dir, "public"),
		filepath.Join(g.dir, "public", "draft"),
		filepath.Join(other, "ja", "draft"), // inside another build's output
		filepath.Join(g.dir, ".git", "draft"),
		filepath.Join(g.dir, "content", "draft"),
		busy, // not empty, not a draft
	} {
		before := readTree(t, g.dir)
		code, _, stderr := build(t, g.dir, "draft", "-include-internal", "-out", target)
		if code == 0 || !regexp.MustCompile(`refusing|not empty`).MatchString(stderr) {
			t.Errorf("draft -out %s: exit %d, stderr %q; want a refusal", target, code, stderr)
		}
		if !sameTree(before, readTree(t, g.dir)) {
			t.Errorf("draft -out %s changed the project folder", target)
		}
	}
	if got := readTree(t, busy); len(got) != 1 {
		t.Errorf("the refused folder now holds %d files", len(got))
	}
}

// TestBrowserDraftPrint prints a draft long enough for several A4 pages in
// Chromium, as the policy owner would for approval.
func TestBrowserDraftPrint(t *testing.T) {
	t.Parallel()
	var ja, en strings.Builder
	var jaNew, enNew strings.Builder
	for range 40 {
		s := strings.Repeat("情報資産を適切に管理する。", 6)
		ja.WriteString(s + "\n\n")
		jaNew.WriteString(strings.Replace(s, "適切", "厳格", 1) + "\n\n")
		en.WriteString("Manage information assets properly.\n\n")
		enNew.WriteString("Manage information assets strictly.\n\n")
	}
	files := minimalSite()
	files["content/ja/policy.md"] = policyJA("public", ja.String())
	files["content/en/policy.md"] = policyEN("public", en.String())
	g := newRepo(t, files)
	g.commit("最初の版", nil)
	os.WriteFile(filepath.Join(g.dir, "content/ja/policy.md"), []byte(policyJA("public", jaNew.String())), 0o644)
	os.WriteFile(filepath.Join(g.dir, "content/en/policy.md"), []byte(policyEN("public", enNew.String())), 0o644)
	out := filepath.Join(t.TempDir(), "draft")
	if code, _, stderr := build(t, g.dir, "draft", "-out", out); code != 0 {
		t.Fatalf("draft failed:\n%s", stderr)
	}
	browser := browsertest.Shared(t)
	tab, w := browsertest.NewTab(t, browser)
	// Over HTTP, so that the page may read its own stylesheets' rules
	// (over file:// each file is an origin of its own).
	base := browsertest.Serve(t, out, "/")
	browsertest.Do(t, tab, chromedp.Navigate(base+"ja.html"), chromedp.WaitVisible(css("table.comparison")))
	// The printed page box: A4 with 「案」 and page numbers, from the
	// stylesheet the draft carries.
	rules := browsertest.Get(t, tab, chromedp.Evaluate[string](`[...document.styleSheets].flatMap(s => [...s.cssRules])
		.filter(r => r instanceof CSSPageRule).map(r => r.cssText).join("\n")`))
	for _, want := range []string{"size: a4", `"案"`, "counter(page)"} {
		if !strings.Contains(strings.ToLower(rules), want) {
			t.Errorf("@page rules lack %s:\n%s", want, rules)
		}
	}
	pdf := browsertest.Get(t, tab, chromedp.Action[[]byte](func(ctx context.Context, tg *chromedp.Target) ([]byte, error) {
		res, err := cdp.Call(ctx, tg, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: ptr(true)})
		return res.Data, err
	}))
	pages := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
	if pages < 2 {
		t.Errorf("the draft printed on %d pages, want several (a long table)", pages)
	}
	// A4 is 595 × 842 points.
	box := regexp.MustCompile(`/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]`).FindSubmatch(pdf)
	var pw, ph float64
	if box != nil {
		fmt.Sscan(string(box[1])+" "+string(box[2]), &pw, &ph)
	}
	if pw < 594 || pw > 596 || ph < 841 || ph > 843 {
		t.Errorf("the PDF's pages are not A4: %q", box)
	}
	// In print, the header row is repeated on every page and the screen
	// header gives way to the page box.
	browsertest.Do(t, tab, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	}))
	got := browsertest.Get(t, tab, chromedp.Evaluate[[]string](`[getComputedStyle(document.querySelector("table.comparison thead")).display,
		getComputedStyle(document.querySelector(".draft-header")).display]`))
	if got[0] != "table-header-group" || got[1] != "none" {
		t.Errorf("in print: thead %s, header %s; want table-header-group, none", got[0], got[1])
	}
	w.Check(t, base)
}

func ptr[T any](v T) *T { return &v }
