package markdown

import (
	"bytes"
	"flag"
	"fmt"
	stdhtml "html"
	"os"
	"path/filepath"
	"policysite/generator/diag"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// Each testdata/*.txt is an archive in txtar form: "-- input.md --" holds the
// Markdown, "-- output.html --" and "-- report --" what Convert made of it.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txt")
	if len(files) == 0 {
		t.Fatal("no testdata")
	}
	c := New()
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			a := parseArchive(data)
			lang := strings.TrimSpace(a.get("lang"))
			res, errs := c.Convert(Source{File: "content/ja/doc.md", Line: 5, Path: "dir/doc", Lang: lang, Body: []byte(a.get("input.md"))})
			report := renderReport(res, errs)
			if *update {
				a.set("output.html", string(res.HTML))
				a.set("report", report)
				if err := os.WriteFile(file, a.format(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if got, want := string(res.HTML), a.get("output.html"); got != want {
				t.Errorf("HTML:\n%s\nwant:\n%s", got, want)
			}
			if got, want := report, a.get("report"); got != want {
				t.Errorf("report:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

func renderReport(res *Result, err error) string {
	var b strings.Builder
	for _, h := range res.Headings {
		fmt.Fprintf(&b, "heading %d h%d #%s %q\n", h.Line, h.Level, h.ID, h.Text)
	}
	for _, l := range res.Links {
		fmt.Fprintf(&b, "link %d %q -> doc=%q frag=%q\n", l.Line, l.Dest, l.Doc, l.Fragment)
	}
	for _, bl := range res.Blocks {
		if bl.Depth > 0 {
			fmt.Fprintf(&b, "block %s%d #%s %q\n", bl.Kind, bl.Depth, bl.Section, bl.Text)
		} else {
			fmt.Fprintf(&b, "block %s #%s %q\n", bl.Kind, bl.Section, bl.Text)
		}
	}
	for _, e := range diag.Of(err) {
		fmt.Fprintf(&b, "error %v\n", e)
	}
	return b.String()
}

type archive struct {
	names []string
	files map[string]string
}

func parseArchive(data []byte) *archive {
	a := &archive{files: map[string]string{}}
	var cur string
	for _, line := range strings.SplitAfter(string(data), "\n") {
		if strings.HasPrefix(line, "-- ") && strings.HasSuffix(strings.TrimRight(line, "\n"), " --") {
			cur = strings.TrimSuffix(strings.TrimPrefix(strings.TrimRight(line, "\n"), "-- "), " --")
			a.names = append(a.names, cur)
			a.files[cur] = ""
			continue
		}
		if cur != "" {
			a.files[cur] += line
		}
	}
	return a
}

func (a *archive) get(name string) string { return a.files[name] }

func (a *archive) set(name, data string) {
	if _, ok := a.files[name]; !ok {
		a.names = append(a.names, name)
	}
	a.files[name] = data
}

func (a *archive) format() []byte {
	var b bytes.Buffer
	for _, n := range a.names {
		fmt.Fprintf(&b, "-- %s --\n%s", n, a.files[n])
		if s := a.files[n]; s != "" && !strings.HasSuffix(s, "\n") {
			b.WriteByte('\n')
		}
	}
	return b.Bytes()
}

func TestRawHTMLNeverRendered(t *testing.T) {
	src := "## a {#a}\n\n<!-- SECRET1 -->\n\ntext <!-- SECRET2 --> more <span>SECRET3</span>\n\n<div>\nSECRET4\n</div>\n\n<!--\nSECRET5\n-->\n"
	res, errs := New().Convert(Source{File: "x.md", Line: 1, Body: []byte(src)})
	if errs != nil {
		t.Fatal(errs)
	}
	for _, m := range []string{"SECRET1", "SECRET2", "SECRET4", "SECRET5", "<span", "<div", "<!--"} {
		if bytes.Contains(res.HTML, []byte(m)) {
			t.Errorf("HTML contains %q:\n%s", m, res.HTML)
		}
		for _, b := range res.Blocks {
			if strings.Contains(b.Text, m) {
				t.Errorf("block text contains %q: %q", m, b.Text)
			}
		}
	}
}

func FuzzConvert(f *testing.F) {
	f.Add("## 1 目的 {#purpose}\n\n本文\n<!-- x -->\n[a](b.md#c)\n")
	f.Add("- (1) a\n- ① b\n\n| a |\n|---|\n| b |\n")
	f.Add("注記 安全性\nand 完全性、可用性 `安全` [リンク](a.md)\n")
	c := New()
	f.Fuzz(func(t *testing.T, src string) {
		for _, lang := range []string{"ja", "en"} {
			res, _ := c.Convert(Source{File: "x.md", Line: 1, Path: "p", Lang: lang, Body: []byte(src)})
			if bytes.Contains(res.HTML, []byte("<!--")) || bytes.Contains(res.HTML, []byte("<script")) {
				t.Fatalf("raw HTML reached the output: %q", res.HTML)
			}
		}
	})
}

// TestBlockTextIsShownText checks that each block's text, which comparisons
// and the search index show, is the text the page shows for it: escapes and
// character references decoded, code spans as written.
func TestBlockTextIsShownText(t *testing.T) {
	src := []byte("## 第一条 \\[定義\\] {#art1}\n\n" +
		"「情報資産」とは、\\[別表\\]に掲げるもの\\=以下同じ。\n\n" +
		"引用符 \\\"こう\\\" と &amp; と &#x5B;括弧&#93; と &copy; と &nosuchentity; と \\a と \\\\ を書く。\n\n" +
		"コード `\\[そのまま\\] &amp;` は書いたとおり。\n")
	res, errs := New().Convert(Source{File: "content/ja/doc.md", Line: 1, Path: "doc", Lang: "ja", Body: src})
	if errs != nil {
		t.Fatal(errs)
	}
	// The page's text of each block, from its HTML: tags dropped,
	// references unescaped.
	tag := regexp.MustCompile(`<[^>]*>`)
	var shown []string
	for _, line := range strings.Split(string(res.HTML), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			shown = append(shown, stdhtml.UnescapeString(tag.ReplaceAllString(line, "")))
		}
	}
	want := []string{
		"第一条 [定義]",
		"「情報資産」とは、[別表]に掲げるもの=以下同じ。",
		`引用符 "こう" と & と [括弧] と © と &nosuchentity; と \a と \ を書く。`,
		`コード \[そのまま\] &amp; は書いたとおり。`,
	}
	if len(res.Blocks) != len(want) || len(shown) != len(want) {
		t.Fatalf("blocks %v, page lines %q, want %d of each", res.Blocks, shown, len(want))
	}
	for i, bl := range res.Blocks {
		if bl.Text != want[i] {
			t.Errorf("block %d: got %q, want %q", i, bl.Text, want[i])
		}
		if bl.Text != shown[i] {
			t.Errorf("block %d: text %q, but the page shows %q", i, bl.Text, shown[i])
		}
	}
	if got := res.Headings[0].Text; got != want[0] {
		t.Errorf("heading text %q, want %q", got, want[0])
	}
}

// TestLineAt: asked in any order, lineAt answers as counting the newlines
// before the offset does.
func TestLineAt(t *testing.T) {
	body := []byte("一\n\n二行目\nthree\n\n\nlast")
	w := walker{src: Source{Line: 5, Body: body}}
	for _, off := range []int{0, 3, len(body), 4, 1, 2, 9, 8, len(body) + 3, 0, 12, 5, -1, 6} {
		want := 5 + bytes.Count(body[:max(0, min(off, len(body)))], []byte{'\n'})
		if off < 0 {
			want = 4
		}
		if got := w.lineAt(off); got != want {
			t.Errorf("lineAt(%d) = %d, want %d", off, got, want)
		}
	}
}
