package markdown

import (
	"bytes"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unsafe"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

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
			m, kept := NewMemo(withHTML), NewMemo(false)
			for i, body := range bodies {
				src := Source{File: "content/ja/doc.md", Line: 5 + i, Path: "dir/doc", Lang: lang, Body: []byte(body), Resolve: resolve}
				var want *Result
				if resolve == nil {
					want, _ = c.convert(src, withHTML)
				} else {
					want = convertAsOld(c, src, withHTML)
				}
				got := c.Remembered(src, m)
				if d := sameResult(got, want); d != "" {
					t.Fatalf("version %d (html %v, resolve %v) of\n%s\n%s", i, withHTML, resolve != nil, body, d)
				}
				if bs, commented := c.RememberBlocks(src, m); !reflect.DeepEqual(bs.AppendTo(nil), got.Blocks) || commented != got.CommentAsText || bs.Len() != len(got.Blocks) {
					t.Fatalf("version %d (html %v, resolve %v) of\n%s\nRememberBlocks: %+v (comment as text %v)\nwant those of Remembered:\n%+v (%v)", i, withHTML, resolve != nil, body, bs.AppendTo(nil), commented, got.Blocks, got.CommentAsText)
				}
				// A version page's conversion gives the blocks its
				// comparisons take (site's version.useBlocks).
				plain := src
				plain.Resolve = nil
				text, _ := c.convert(plain, false)
				if !reflect.DeepEqual(got.Blocks, text.Blocks) {
					t.Fatalf("version %d (html %v, resolve %v) of\n%s\nblocks:\n%+v\nwant those of Text:\n%+v", i, withHTML, resolve != nil, body, got.Blocks, text.Blocks)
				}
				// Through a memo that keeps the bodies (as the site's
				// histories do), whose blocks share the kept text.
				kept.Keep(plain.Body)
				if bs, _ := c.RememberBlocks(plain, kept); !reflect.DeepEqual(bs.AppendTo(nil), text.Blocks) {
					t.Fatalf("version %d of\n%s\nblocks through a memo that keeps bodies:\n%+v\nwant those of Text:\n%+v", i, body, bs.AppendTo(nil), text.Blocks)
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
	// What cutSections must not cut inside, each with a heading line
	// that is not one: results are still those of Convert.
	uncut := []string{
		"[a]\n\n## 一 {#a}\n\n[a]: https://example.org\n",
		"本文[^1]\n\n## 一 {#a}\n\n[^1]: 注\n",
		"```\n## not a heading\n```\n\n## 一 {#a}\n",
		"~~~\n## not a heading\n~~~\n",
		"<!-- note\n## not a heading either\n-->\n\n## 一 {#a}\n",
		"<!-- note -->\n```\n## not a heading\n```\n\n## 一 {#a}\n",
		"   <div>\n## not a heading: html\n</div>\n",
		"- item\n## heading after a list {#h}\n> quote\n## after a quote {#q}\n",
	}
	for _, body := range uncut {
		cuts := cutSections([]byte(body))
		if strings.Contains(body, "[") && cuts != nil {
			t.Errorf("cutSections(%q) = %v, want nil", body, cuts)
		}
		for _, at := range cuts {
			if strings.HasPrefix(body[at:], "## not a heading") {
				t.Errorf("cutSections(%q) cut at %d, inside a block", body, at)
			}
		}
	}
	for _, lang := range []string{"ja", "en"} {
		checkRemembered(t, c, lang, uncut)
	}
}

// TestRememberedLines builds bodies from lines that open, close or sit in
// blocks which may or may not reach across a heading (fences of both kinds
// and lengths, raw HTML of every kind, indented and tab-indented copies,
// list items, quotes), in a fixed pseudo-random order, and checks each
// through one memo against converting it whole: a cut inside a block
// changes the result.
func TestRememberedLines(t *testing.T) {
	lines := []string{
		"## 一 {#a}", "## 二", "# 三 {#c}", "### [見出し](#a)", "本文 [一](#a)", "",
		"```", "````", "```go", "```a`b", "~~~", "~~~~ x", "   ```", "    ```", "\t```", "  ~~~",
		"<!-- 注", "<!-- 注 -->", "-->", "a -->", "<!-->",
		"<script>", "</script>", "<PRE x>", "</pre>", "<style>a</style>",
		"<?x", "?>", "<!DOC", ">", "<![CDATA[", "]]>",
		"<div>", "</div>", "<span>", "<https://example.org>", "  <!-- 注",
		"- 項目", "  - 子", "  ```", "> 引用", "1. 一", "\t本文", "    字下げ",
		// Blocks inside containers, which a heading at the margin closes.
		"- 項目\n  ```", "- 項目\n  <!-- 注", "> ```", "1. <script>", "- 項目\n\t~~~",
	}
	c := New()
	next := rand.New(rand.NewPCG(1, 0)).IntN // fixed: the same cases every run
	var bodies []string
	for range 1500 {
		var b strings.Builder
		for range 2 + next(12) {
			b.WriteString(lines[next(len(lines))])
			b.WriteByte('\n')
		}
		bodies = append(bodies, b.String())
	}
	for i := 0; i < len(bodies); i += 50 {
		checkRemembered(t, c, "ja", bodies[i:i+50])
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
		// Fences and raw HTML of kinds 1 to 5 at the margin are followed
		// to their end; no cut falls inside them.
		{"<!-- x -->\n## b\n", []int{0, 11}},
		{"<!-- x\n## b\n-->\n## c\n", []int{0, 16}},
		{"<!-- a -->\n```\n## b\n```\n## c\n", []int{0, 24}},
		{"```\n## b\n```\n## c\n", []int{0, 13}},
		{"````\n```\n## b\n````\n## c", []int{0, 19}},
		{"```\n## b\n   ```  \n## c", []int{0, 18}},
		{"```\n## b\n    ```\n## c", []int{0}},
		{"~~~\n## a\n", []int{0}},
		{"```a`b\n## c\n", []int{0, 7}},
		{"\t```\n## b\n", []int{0, 5}},
		{"<script>\n## a\n</SCRIPT>\n## b", []int{0, 24}},
		{"<Pre class=x></pre>\n## a", []int{0, 20}},
		{"<?php\n## a\n?>\n## b\n", []int{0, 14}},
		{"<!DOCTYPE html\n## a\n>\n## b", []int{0, 22}},
		{"<![CDATA[\n## a\n]]>\n## b", []int{0, 19}},
		// Kinds 6 and 7, or a paragraph's text: not cut.
		{"<div>\n## b\n", nil},
		{"<pre/x\n## a\n", nil},
		{"<https://example.com>\n## a\n", nil},
		{"a\n  <!-- x -->\n## b\n", nil},
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
	f.Add("<!-- a\n## b\n-->\n## c {#c}\n[x](#c)\n", "```\n## a\n```\n## b\n<script>\n## c\n</script>\n")
	f.Add("- a\n  ```\n## b\n```\n## c\n```\n", "<!-- x -->\n~~~\n\n## d\n~~~~\n")
	f.Add("<?x\n## a ?>\n## b\n<!D\n## c\n>", "<![CDATA[\n## a\n]]>\n## b\n")
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

// TestRememberedSitePolicy converts every version of every Markdown file
// in GitHub's site-policy history (first parent, oldest first) through one
// memo per file, and checks each against converting it whole: imported
// policies, with comments and code at the margin. Long mode only.
func TestRememberedSitePolicy(t *testing.T) {
	longtest.Skip(t, "converts every version of GitHub's site policies four ways")
	repo, err := git.PlainOpen(longtest.Clone(t, "site-policy.bundle"))
	if err != nil {
		t.Fatal(err)
	}
	head, err := repo.Head()
	if err != nil {
		t.Fatal(err)
	}
	var commits []*object.Commit
	for c, err := repo.CommitObject(head.Hash()); ; c, err = c.Parent(0) {
		if err != nil {
			t.Fatal(err)
		}
		commits = append(commits, c)
		if c.NumParents() == 0 {
			break
		}
	}
	versions := map[string][]string{}
	last := map[string]plumbing.Hash{}
	for i := len(commits) - 1; i >= 0; i-- {
		tree, err := commits[i].Tree()
		if err != nil {
			t.Fatal(err)
		}
		err = tree.Files().ForEach(func(f *object.File) error {
			if !strings.HasSuffix(f.Name, ".md") || last[f.Name] == f.Hash {
				return nil
			}
			last[f.Name] = f.Hash
			body, err := f.Contents()
			if err != nil {
				return err
			}
			// The body: what follows the front matter.
			if rest, ok := strings.CutPrefix(body, "---\n"); ok {
				if i := strings.Index(rest, "\n---\n"); i >= 0 {
					body = rest[i+5:]
				}
			}
			versions[f.Name] = append(versions[f.Name], body)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	c := New()
	n, cut := 0, 0
	for _, name := range slices.Sorted(maps.Keys(versions)) {
		vs := versions[name]
		n += len(vs)
		if cutSections([]byte(vs[len(vs)-1])) != nil {
			cut++
		}
		checkRemembered(t, c, "en", vs)
	}
	t.Logf("%d versions of %d files; the last version of %d of them is cut into sections", n, len(versions), cut)
	if cut < len(versions)/2 {
		t.Errorf("only %d of %d files cut into sections", cut, len(versions))
	}
}

// TestKeep checks that a kept body gives back its bytes, and that the
// bodies a memo keeps share their pieces.
func TestKeep(t *testing.T) {
	m := NewMemo(false)
	one := "前文\n## 第一条 {#a1}\n本文\n<!-- 注\n## 注の中\n-->\n## 第二条 {#a2}\n本文\n"
	two := strings.Replace(one, "前文", "改正後の前文", 1)
	k1, k2 := m.Keep([]byte(one)), m.Keep([]byte(two))
	for _, tt := range []struct {
		k    Kept
		want string
	}{{k1, one}, {k2, two}, {m.Keep(nil), ""}, {Whole([]byte(one)), one}} {
		if got := string(tt.k.AppendTo(nil)); got != tt.want || tt.k.Len() != len(tt.want) {
			t.Errorf("kept %q, got back %q (%d bytes)", tt.want, got, tt.k.Len())
		}
	}
	if len(k1.pieces) != 3 || len(k2.pieces) != 3 {
		t.Fatalf("cut into %d and %d pieces, want 3 each", len(k1.pieces), len(k2.pieces))
	}
	for i := 1; i < 3; i++ {
		if unsafe.StringData(k1.pieces[i]) != unsafe.StringData(k2.pieces[i]) {
			t.Errorf("piece %d of the two versions held twice", i)
		}
	}
}

// TestKeptBlocksShareText checks that the blocks of a body a memo keeps
// hold no copy of text that is the source as written: their strings are
// the kept pieces' (a long law's versions keep every block).
func TestKeptBlocksShareText(t *testing.T) {
	c := New()
	body := []byte("## 第一条（目的） {#a1}\n\nこの法律は、目的を定める。\n\n- 一　第一号\n- 二　第二号\n  - イ　細目\n\n" +
		"## 第二条（定義） {#a2}\n\n用語の意義は、\n次のとおりとする。\n")
	m := NewMemo(false)
	k := m.Keep(body)
	bs, _ := c.RememberBlocks(Source{File: "content/ja/law.md", Line: 1, Path: "law", Lang: "ja", Body: body}, m)
	within := func(s string) bool {
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		for _, piece := range k.pieces {
			q := uintptr(unsafe.Pointer(unsafe.StringData(piece)))
			if p >= q && p+uintptr(len(s)) <= q+uintptr(len(piece)) {
				return true
			}
		}
		return false
	}
	shared := 0
	for bl := range bs.All() {
		if within(bl.Text) {
			shared++
		} else if strings.Contains(string(body), bl.Text) {
			t.Errorf("block %q is the source as written, but a copy", bl.Text)
		}
	}
	// The paragraph joined over a line break is not the source as written.
	if want := bs.Len() - 1; shared != want {
		t.Errorf("%d of %d blocks share the kept text, want %d", shared, bs.Len(), want)
	}
}
