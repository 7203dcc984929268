package markdown

import (
	"strings"
	"testing"
)

// With Source.Resolve, every relative link goes where Resolve says, and a
// link it refuses (or one the dialect rejects) keeps its text, unlinked.
// Web addresses are left alone.
func TestResolve(t *testing.T) {
	src := "[公開](open.md#a) [非公開](closed.md) [節](#own) [外](https://example.jp/) [画像ではない](x.pdf) **[強調](closed.md)**\n"
	resolve := func(l Link) (string, bool) {
		switch {
		case l.Doc == "dir/open":
			return "../../open.html#" + l.Fragment, true
		case l.Doc == "" && l.Fragment == "own":
			return "#own", true
		}
		return "", false
	}
	res, _ := New().Convert(Source{File: "x.md", Line: 1, Path: "dir/x", Lang: "ja", Body: []byte(src), Resolve: resolve})
	got := string(res.HTML)
	for _, want := range []string{`<a href="../../open.html#a">公開</a>`, `<a href="#own">節</a>`, `<a href="https://example.jp/">外</a>`, " 非公開 ", " 画像ではない ", "<strong>強調</strong>"} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %q:\n%s", want, got)
		}
	}
	for _, never := range []string{"closed", "x.pdf"} {
		if strings.Contains(got, never) {
			t.Errorf("carries %q:\n%s", never, got)
		}
	}
}
