package site

import (
	"strings"
	"testing"
	"testing/fstest"

	deftemplates "policysite/templates"
)

// TestSearchIndexShowsRenderedText checks that the search index holds a
// section's title and text as the page shows them: Markdown backslash
// escapes and character references decoded, not as written in the source.
func TestSearchIndexShowsRenderedText(t *testing.T) {
	body := "## 第一条 \\[定義\\] {#a1}\n\n「情報資産」とは、\\[別表\\]に掲げるもの\\=以下同じ &amp; &#x5B;注&#93; \\\"引用\\\"。\n"
	fsys := fstest.MapFS{
		"content/ja/index.md":  {Data: []byte(mdDoc("ホーム", "public", "ようこそ。\n"))},
		"content/en/index.md":  {Data: []byte(mdDoc("Home", "public", "Welcome.\n"))},
		"content/ja/policy.md": {Data: []byte(mdDoc("基本方針", "public", body))},
		"content/en/policy.md": {Data: []byte(mdDoc("Basic policy", "public", "## Article 1 {#a1}\n\nTerms.\n"))},
	}
	s, err := Build(Options{FS: fsys, Templates: deftemplates.FS, Today: date("2026-12-03")})
	if err != nil {
		t.Fatal(err)
	}
	idx := string(s.Files["assets/search-index-ja.js"])
	for _, want := range []string{`"第一条 [定義]"`, `「情報資産」とは、[別表]に掲げるもの=以下同じ \u0026 [注] \"引用\"。`} {
		if !strings.Contains(idx, want) {
			t.Errorf("search index lacks %s:\n%s", want, idx)
		}
	}
	if strings.Contains(idx, `\\[`) || strings.Contains(idx, `\\=`) || strings.Contains(idx, "&amp;") {
		t.Errorf("search index shows escapes as written:\n%s", idx)
	}
}
