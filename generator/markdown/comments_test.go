package markdown

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// TestCommentAsText: every way Markdown turns a comment marker into text is
// an error at the marker's line, and nothing of the note is in the HTML or
// the blocks; whole comments are dropped silently.
func TestCommentAsText(t *testing.T) {
	for _, tt := range []struct {
		name, body string
		line       int // 0: no error
	}{
		{"whole comment", "本文。<!-- NOTEMARK -->\n\n<!--\nNOTEMARK\n-->\n", 0},
		{"comment block after a list", "- 項目\n\n<!-- NOTEMARK -->\n", 0},
		{"indented code block", "本文。\n\n    <!-- NOTEMARK -->\n", 3},
		{"fenced code block", "本文。\n\n```\nNOTEMARK -->\n```\n", 4},
		{"fence info", "```<!--x\nNOTEMARK\n```\n", 1},
		{"code span", "本文 `<!-- NOTEMARK -->` です。\n", 1},
		{"empty comment <!--> as a block", "本文。\n\n<!-->\nNOTEMARK\n", 3},
		{"empty comment <!---> as a block", "<!--->\nNOTEMARK\n", 1},
		{"comment in another HTML block, closed in a later one", "<div>\n<!-- x\n\nNOTEMARK\n\n<div>-->\n", 1},
		{"empty comment <!--->", "本文 <!---> NOTEMARK --> です。\n", 1},
		{"empty comment, inline, later line", "本文。\n次の行 <!--> NOTEMARK\nさらに -->\n", 3},
		{"character reference", "本文 &lt;!-- NOTEMARK --&gt; です。\n", 1},
		{"numeric reference", "本文 &#60;!-- NOTEMARK --&#62; です。\n", 1},
		{"backslash escape", "本文 \\<!-- NOTEMARK --> です。\n", 1},
		{"unclosed in a paragraph across a blank line", "本文 <!-- NOTEMARK\n\n続き -->\n", 1},
		{"heading", "## 見出し <!-->NOTEMARK--> {#h}\n", 1},
		{"table cell", "| a | b |\n| - | - |\n| `<!--` NOTEMARK | x |\n", 3},
		{"list item", "- 項目\n- `-->` NOTEMARK\n", 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, err := New().Convert(Source{File: "content/ja/x.md", Line: 5, Path: "x", Lang: "ja", Body: []byte(tt.body)})
			if tt.line == 0 {
				if err != nil {
					t.Fatal(err)
				}
				if strings.Contains(string(res.HTML), "NOTEMARK") {
					t.Errorf("HTML has the note:\n%s", res.HTML)
				}
				return
			}
			want := "content/ja/x.md:" + strconv.Itoa(tt.line+4) + ": "
			if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "published") {
				t.Errorf("error %v, want one at %s", err, want)
			}
			if !res.CommentAsText {
				t.Error("CommentAsText false")
			}
		})
	}
}

// FuzzQuickComments checks that passing over the blocks that cannot show a
// marker (quickComments) finds every error the whole check finds.
func FuzzQuickComments(f *testing.F) {
	for _, s := range []string{
		"本文 &lt;!-- NOTEMARK --&gt; です。\n",
		"本文。\n\n    <!-- NOTEMARK -->\n",
		"[a][r] と本文。\n\n[r]: <x> \"&lt;!--\"\n",
		"| a | b |\n| - | - |\n| `<!--` NOTEMARK | x |\n",
		"- 項目\n- `-->` NOTEMARK\n\n> 引用 -\\->\n",
		"本文 <!---> NOTEMARK --> です。\n",
	} {
		f.Add(s)
	}
	c := New()
	f.Fuzz(func(t *testing.T, body string) {
		src := Source{File: "content/ja/x.md", Line: 1, Path: "x", Lang: "ja", Body: []byte(body)}
		quick, qerr := c.Convert(src)
		quickComments = false
		whole, werr := c.Convert(src)
		quickComments = true
		if quick.CommentAsText != whole.CommentAsText || fmt.Sprint(qerr) != fmt.Sprint(werr) {
			t.Fatalf("%q: quick check %v (%v), whole check %v (%v)", body, quick.CommentAsText, qerr, whole.CommentAsText, werr)
		}
	})
}
