package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Tests of issue 14: the glossary check, translation drift and the 対訳
// pages, on small hermetic projects.

const testGlossary = `terms:
  - ja: 人的セキュリティ
    en: personnel security
    wrong: [human security]
    defined: policy.md#human
  - ja: 情報資産
    en: information assets
    forms: [information asset]
    defined: policy.md#purpose
`

const glossaryQuiz = `title: {ja: 研修, en: Training}
pass_mark: 80
questions:
  - id: human
    type: truefalse
    ref: policy.md#human
    answer: true
    prompt:
      ja: 人的セキュリティでは教育を行う。
      en: Human security includes training.
    explanation: {ja: 6(5)のとおり。, en: As 6(5) says.}
`

func glossarySite(enHuman string) map[string]string {
	files := minimalSite()
	files["content/glossary.yaml"] = testGlossary
	files["content/ja/policy.md"] = mdPage("基本方針", "public",
		"## 1 目的 {#purpose}\n\n情報資産を守る。\n\n## 2 人的セキュリティ {#human}\n\n教育を行う。\n\n人的セキュリティを講じる。\n")
	files["content/en/policy.md"] = mdPage("Basic policy", "public",
		"## 1 Purpose {#purpose}\n\nTo protect information assets.\n\n## 2 Personnel security {#human}\n\nTraining is given.\n\n"+enHuman+"\n")
	return files
}

func TestGlossaryCheck(t *testing.T) {
	t.Parallel()
	// Line 14 of content/en/policy.md is the paragraph planted below.
	files := glossarySite("Human security measures shall be taken.")
	files["quizzes/q.yaml"] = glossaryQuiz
	dir := writeTree(t, files)
	code, _, stderr := build(t, dir, "check")
	if code != 0 {
		t.Fatalf("check failed (mismatches are warnings):\n%s", stderr)
	}
	for _, want := range []string{
		`warning: content/en/policy.md:14: glossary: 人的セキュリティ should be "personnel security" (found "human security")`,
		`warning: quizzes/q.yaml:10: glossary: 人的セキュリティ should be "personnel security" (found "human security")`,
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("missing %q in:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "情報資産 should") {
		t.Errorf("a rendering in another case or number was refused:\n%s", stderr)
	}
	code, _, stderr = build(t, dir, "check", "-strict")
	if code != 1 || !strings.Contains(stderr, "content/en/policy.md:14: glossary:") || !strings.Contains(stderr, "quizzes/q.yaml:10: glossary:") {
		t.Errorf("check -strict: code %d, stderr:\n%s", code, stderr)
	}

	// Mended: no warning, and the glossary pages link each term to its section.
	dir = writeTree(t, glossarySite("Personnel security measures shall be taken."))
	code, _, stderr = build(t, dir, "-strict")
	if code != 0 || strings.Contains(stderr, "glossary:") {
		t.Fatalf("code %d, stderr:\n%s", code, stderr)
	}
	out := readTree(t, filepath.Join(dir, "public"))
	if page := string(out["en/glossary.html"]); !strings.Contains(page, `href="./policy.html#human"`) || !strings.Contains(page, "personnel security") {
		t.Errorf("en/glossary.html lacks the term's link:\n%s", page)
	}
	if !strings.Contains(string(out["ja/index.html"]), `href="./glossary.html"`) {
		t.Error("ja/index.html does not link to the glossary")
	}
	checkPages(t, out)
}

func TestGlossaryInternalTarget(t *testing.T) {
	t.Parallel()
	files := glossarySite("Personnel security.")
	files["content/ja/plan.md"] = mdPage("計画", "internal", "## 手順 {#steps}\n\n秘匿。\n")
	files["content/en/plan.md"] = mdPage("Plan", "internal", "## Steps {#steps}\n\nSecret.\n")
	files["content/glossary.yaml"] = testGlossary + "  - ja: 手順\n    en: steps\n    defined: plan.md#steps\n"
	code, _, stderr := build(t, writeTree(t, files), "check")
	if code != 1 || !strings.Contains(stderr, `content/glossary.yaml:10: term 手順: defined "plan.md#steps" points to a document that is not public`) {
		t.Errorf("code %d, stderr:\n%s", code, stderr)
	}
}

func TestDrift(t *testing.T) {
	t.Parallel()
	ja := func(purpose, scope string) string {
		return mdPage("基本方針", "public", "## 1 目的 {#purpose}\n\n"+purpose+"\n\n## 2 範囲 {#scope}\n\n"+scope+"\n")
	}
	en := func(purpose, scope string) string {
		return mdPage("Basic policy", "public", "## 1 Purpose {#purpose}\n\n"+purpose+"\n\n## 2 Scope {#scope}\n\n"+scope+"\n")
	}
	files := minimalSite()
	delete(files, "content/ja/policy.md")
	delete(files, "content/en/policy.md")
	files["content/ja/basic.md"] = ja("目的の本文。", "範囲の本文。")
	files["content/en/basic.md"] = en("Purpose text.", "Scope text.")
	g := newRepo(t, files)
	g.commit("制定", nil)
	if code, _, stderr := build(t, g.dir, "check"); code != 0 || strings.Contains(stderr, "section ") {
		t.Fatalf("drift reported for a document published in both languages at once:\n%s", stderr)
	}

	// A Japanese-only revision of section scope.
	g.commit("第2条を改定", map[string]string{"content/ja/basic.md": ja("目的の本文。", "改めた範囲の本文。")})
	code, _, stderr := build(t, g.dir)
	warn := regexp.MustCompile(`warning: content/en/basic\.md:10: section scope: the Japanese was revised in ([0-9a-f]{7}) \(2026-04-02\)`)
	m := warn.FindStringSubmatch(stderr)
	if code != 0 || m == nil || strings.Contains(stderr, "section purpose") {
		t.Fatalf("code %d, want one warning for section scope:\n%s", code, stderr)
	}
	// Again, from what the first build left in the cache.
	if _, _, again := build(t, g.dir, "check"); !strings.Contains(again, m[0]) {
		t.Errorf("a rebuild lost the drift warning:\n%s", again)
	}
	out := readTree(t, filepath.Join(g.dir, "public"))
	page := string(out["en/basic.html"])
	notice := `<p class="drift-notice" role="note">The Japanese text of this section was revised on 2 April 2026;`
	if i, j := strings.Index(page, notice), strings.Index(page, `id="scope"`); i < 0 || i < j || strings.Count(page, `class="drift-notice"`) != 1 {
		t.Errorf("en/basic.html: want one notice, after the heading of scope:\n%s", page)
	}
	if href := `href="../ja/revisions/` + m[1] + `.html#doc-basic"`; !strings.Contains(page, href) {
		t.Errorf("en/basic.html lacks the link %s", href)
	}
	if strings.Contains(string(out["ja/basic.html"]), "drift-notice") {
		t.Error("the Japanese page has a drift notice")
	}
	checkPages(t, out)

	// Renaming the file and reordering its sections changes nothing; the
	// English of another section does not clear it.
	g.commit("文書名を変更", map[string]string{
		"content/ja/basic.md": "", "content/en/basic.md": "",
		"content/ja/policy.md": mdPage("基本方針", "public", "## 2 範囲 {#scope}\n\n改めた範囲の本文。\n\n## 1 目的 {#purpose}\n\n目的の本文。\n"),
		"content/en/policy.md": mdPage("Basic policy", "public", "## 2 Scope {#scope}\n\nScope text.\n\n## 1 Purpose {#purpose}\n\nPurpose text, reworded.\n"),
	})
	code, _, stderr = build(t, g.dir, "check")
	if code != 0 || !strings.Contains(stderr, "warning: content/en/policy.md:6: section scope: the Japanese was revised in "+m[1]) {
		t.Fatalf("after rename and reorder: code %d, stderr:\n%s", code, stderr)
	}

	// An English-only fix of the section clears it.
	g.commit("第2条の英訳を修正", map[string]string{
		"content/en/policy.md": mdPage("Basic policy", "public", "## 2 Scope {#scope}\n\nRevised scope text.\n\n## 1 Purpose {#purpose}\n\nPurpose text, reworded.\n"),
	})
	code, _, stderr = build(t, g.dir)
	if code != 0 || strings.Contains(stderr, "section scope") {
		t.Fatalf("drift not cleared by the English fix: code %d, stderr:\n%s", code, stderr)
	}
	if page := readTree(t, filepath.Join(g.dir, "public"))["en/policy.html"]; strings.Contains(string(page), "drift-notice") {
		t.Error("notice persists after the English fix")
	}
}

func TestBilingualPages(t *testing.T) {
	t.Parallel()
	dir := writeTree(t, glossarySite("Personnel security measures shall be taken."))
	if code, _, stderr := build(t, dir); code != 0 {
		t.Fatal(stderr)
	}
	out := readTree(t, filepath.Join(dir, "public"))
	page := string(out["ja/bilingual/policy.html"])
	for _, want := range []string{"日本語（正文）", `<div class="bi-row" id="human">`, "<p>人的セキュリティを講じる。</p>", "<p>Personnel security measures shall be taken.</p>"} {
		if !strings.Contains(page, want) {
			t.Errorf("ja/bilingual/policy.html lacks %q", want)
		}
	}
	// Every page's language switch reaches a 対訳 page.
	for name, data := range out {
		if strings.HasSuffix(name, ".html") && strings.Count(name, "/") > 0 && !strings.Contains(name, "bilingual/") && !strings.Contains(string(data), "bi-switch") {
			t.Errorf("%s: no 対訳 link in the language switch", name)
		}
	}
	if !strings.Contains(string(out["en/policy.html"]), `class="lang-switch bi-switch" href="./bilingual/policy.html"`) {
		t.Error("en/policy.html: the 対訳 link is not to its own 対訳 page")
	}
	checkPages(t, out)
}
