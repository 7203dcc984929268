package markdown

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	git "github.com/go-git/go-git/v5"

	"policysite/generator/jplaws"
	"policysite/internal/longtest"
)

// oldResolve decides links as an old version's page does: a document link
// by its target alone, a link within the page by the headings a first
// conversion found (the way site's oldDocument asks Convert).
func convertAsOld(c *Converter, src Source, withHTML bool) *Result {
	var own *Result
	docs := src.Resolve
	src.Resolve = func(l Link) (string, bool) {
		if l.Doc != "" {
			return docs(l)
		}
		return "#" + l.Fragment, l.Fragment != "" && (own == nil || hasID(own, l.Fragment))
	}
	res, _ := c.convert(src, withHTML)
	for _, l := range res.Links {
		if l.Doc == "" && l.Fragment != "" && !hasID(res, l.Fragment) {
			own = res
			res, _ = c.convert(src, withHTML)
			break
		}
	}
	return res
}

func hasID(r *Result, id string) bool {
	for _, h := range r.Headings {
		if h.ID == id {
			return true
		}
	}
	return false
}

// resolveSome links every other document whose name has an even length.
func resolveSome(l Link) (string, bool) {
	return "../" + l.Doc + ".html#" + l.Fragment, len(l.Doc)%2 == 0
}

// sameResult reports how got differs from want ("" if it does not).
func sameResult(got, want *Result) string {
	switch {
	case !bytes.Equal(got.HTML, want.HTML):
		return "HTML:\n" + string(got.HTML) + "\nwant:\n" + string(want.HTML)
	case !reflect.DeepEqual(got.Headings, want.Headings):
		return fmt.Sprintf("headings:\n%+v\nwant:\n%+v", got.Headings, want.Headings)
	case !reflect.DeepEqual(got.Links, want.Links):
		return fmt.Sprintf("links:\n%+v\nwant:\n%+v", got.Links, want.Links)
	case !reflect.DeepEqual(got.Blocks, want.Blocks):
		return fmt.Sprintf("blocks:\n%+v\nwant:\n%+v", got.Blocks, want.Blocks)
	case got.CommentAsText != want.CommentAsText:
		return "CommentAsText differs"
	}
	return ""
}

// checkRemembered converts each of bodies, in order, through one memo per
// kind and checks that every result is what converting it whole gives.
func checkRemembered(t *testing.T, c *Converter, lang string, bodies []string) {
	t.Helper()
	for _, withHTML := range []bool{true, false} {
		for _, resolve := range []func(Link) (string, bool){nil, resolveSome} {
			m := NewMemo(withHTML)
			for i, body := range bodies {
				src := Source{File: "content/ja/doc.md", Line: 5 + i, Path: "dir/doc", Lang: lang, Body: []byte(body), Resolve: resolve}
				var want *Result
				if resolve == nil {
					want, _ = c.convert(src, withHTML)
				} else {
					want = convertAsOld(c, src, withHTML)
				}
				if d := sameResult(c.Remembered(src, m), want); d != "" {
					t.Fatalf("version %d (html %v, resolve %v) of\n%s\n%s", i, withHTML, resolve != nil, body, d)
				}
			}
		}
	}
}

func TestRememberedIsConvert(t *testing.T) {
	c := New()
	// Every golden input, each on its own and all in a row through one memo.
	files, _ := filepath.Glob("testdata/*.txt")
	var golden []string
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		golden = append(golden, parseArchive(data).get("input.md"))
	}
	for _, lang := range []string{"ja", "en"} {
		checkRemembered(t, c, lang, golden)
	}
	law := "前文\n\n## 第一条 {#a1}\n\nこの法律は、[第二条](#a2)に定める。\n\n" +
		"## 第二条 {#a2}\n\n- 一 号\n  - イ [他](other.md#x)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n" +
		"## 第三条 {#a3}\n用語\n: 定義\n\n[第九条](#a9)を見よ。\n"
	// Versions of one law, as revisions leave them: an article changed,
	// one inserted, one deleted, the one a link points at removed.
	versions := []string{
		law,
		strings.Replace(law, "定める。", "定めるものとする。", 1),
		strings.Replace(law, "## 第三条", "## 第二条の二 {#a2-2}\n\n新設\n\n## 第三条", 1),
		strings.Replace(law, "## 第二条 {#a2}\n\n", "", 1),
		law + "\n## 第九条 {#a9}\n\n末尾\n",
		"",
		"## 見出しだけ {#h}",
		"#\n\n##\n\n# 一 {#one}\n本文\n#not-heading\n## 二 {#two}\n",
	}
	for _, lang := range []string{"ja", "en"} {
		checkRemembered(t, c, lang, versions)
	}
	// What cutSections must refuse to cut, each with a heading line
	// inside: converted whole, results are still those of Convert.
	uncut := []string{
		"[a]\n\n## 一 {#a}\n\n[a]: https://example.org\n",
		"本文[^1]\n\n## 一 {#a}\n\n[^1]: 注\n",
		"```\n## not a heading\n```\n\n## 一 {#a}\n",
		"~~~\n## not a heading\n~~~\n",
		"<!-- note\n## still the note\n-->\n\n## 一 {#a}\n",
		"   <div>\n## in html\n</div>\n",
		"- item\n## heading after a list {#h}\n> quote\n## after a quote {#q}\n",
	}
	for _, body := range uncut {
		if strings.Contains(body, "not a heading") || strings.Contains(body, "note") || strings.Contains(body, "[") || strings.Contains(body, "html") {
			if cutSections([]byte(body)) != nil {
				t.Errorf("cutSections cut %q", body)
			}
		}
	}
	for _, lang := range []string{"ja", "en"} {
		checkRemembered(t, c, lang, uncut)
	}
}

// TestRememberedAfter checks that notices are inserted as Convert inserts
// them, and that a memo does not hand one Source's notices to another.
func TestRememberedAfter(t *testing.T) {
	c := New()
	m := NewMemo(true)
	body := []byte("## 一 {#a1}\n\n本文\n\n## 二 {#a2}\n\n本文\n")
	for _, after := range []map[string][]byte{{"a2": []byte("<p>注記一</p>")}, {"a1": []byte("<p>注記二</p>")}, nil} {
		src := Source{File: "content/en/doc.md", Line: 3, Path: "doc", Lang: "en", Body: body, After: after, Resolve: resolveSome}
		if d := sameResult(c.Remembered(src, m), convertAsOld(c, src, true)); d != "" {
			t.Fatalf("notices %q: %s", after, d)
		}
	}
}

func TestCutSections(t *testing.T) {
	for _, tt := range []struct {
		body string
		want []int
	}{
		{"", []int{0}},
		{"a\n## b\nc\n", []int{0, 2}},
		{"## a\n### b\n####### c\n #### d\n#e\n# f", []int{0, 5, 32}},
		{"a\n\t## b\n", []int{0}},
		{"a\n[x]: /y\n## b\n", nil},
		{"a\n  ```\n## b\n", nil},
		{"a\n   <p>\n## b\n", nil},
		{"a\n    <p>\n## b\n", []int{0, 10}},
	} {
		if got := cutSections([]byte(tt.body)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("cutSections(%q) = %v, want %v", tt.body, got, tt.want)
		}
	}
}

// FuzzRemembered checks that converting through a memo gives what
// converting whole gives, for a body and an edited version of it.
func FuzzRemembered(f *testing.F) {
	f.Add("## 1 目的 {#purpose}\n\n本文 [a](#purpose)\n## 2 {#b}\n- x\n  - y\n", "## 2 {#b}\n[c](d.md#e)")
	f.Add("前文\n# 一\n\n| a |\n|---|\n## 二 {#two}\n用語\n: 定義", "`code\n## x`\n")
	f.Add("*強調\n## 見出し*\n", "> 引用\n## 次 {#n}\n> 続き")
	c := New()
	f.Fuzz(func(t *testing.T, body, edit string) {
		if len(body)+len(edit) > 4000 {
			return
		}
		checkRemembered(t, c, "en", []string{body, body + "\n" + edit, edit + "\n" + body})
	})
}

// TestRememberedJPLaws converts every revision of fourteen laws (the
// jp-laws corpus, see generator/jplaws) through one memo per law, in
// order, as the build converts a document's versions, and checks each
// result against converting it whole. Long mode only.
func TestRememberedJPLaws(t *testing.T) {
	longtest.Skip(t, "converts 165 revisions of fourteen laws four ways")
	repo, err := git.PlainOpen(longtest.Clone(t, "jp-laws.bundle"))
	if err != nil {
		t.Fatal(err)
	}
	revs, err := jplaws.Read(repo)
	if err != nil {
		t.Fatal(err)
	}
	byLaw := map[string][]string{}
	var laws []string
	for _, r := range revs {
		if byLaw[r.Law] == nil {
			laws = append(laws, r.Law)
		}
		title, blocks := jplaws.Parse(r.Text)
		md := jplaws.Markdown(title, blocks)
		// The body: what follows the front matter.
		if i := bytes.Index(md, []byte("\n---\n")); i >= 0 {
			md = md[i+5:]
		}
		byLaw[r.Law] = append(byLaw[r.Law], string(md))
	}
	c := New()
	for _, law := range laws {
		if cutSections([]byte(byLaw[law][0])) == nil {
			t.Errorf("%s: not cut into sections", law)
		}
		for _, lang := range []string{"ja", "en"} {
			checkRemembered(t, c, lang, byLaw[law])
		}
	}
	t.Logf("%d revisions of %d laws", len(revs), len(laws))
}
