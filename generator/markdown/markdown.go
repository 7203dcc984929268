// Package markdown is the one place goldmark is configured. It turns the
// Markdown body of a document into HTML, and reports what the rest of the
// generator needs to know about it: its headings (with their stable IDs), its
// links to other documents, and its text block by block (for search and for
// the 新旧対照表 diffs).
//
// The dialect is CommonMark with GitHub tables, strikethrough and autolinks,
// footnotes and definition lists, and these rules of our own:
//
//   - Soft line breaks between Japanese characters are dropped (goldmark's
//     CJK extension), so a sentence wrapped in the source reads as one.
//   - Every heading needs an explicit ID, written after it: "## 1 目的 {#purpose}".
//     The ID must be lower-case ASCII letters, digits and hyphens, unique in
//     the document, and the same in both languages, so that the language
//     switch, quiz questions and other documents can point at a section.
//     (goldmark would otherwise call every Japanese heading "heading",
//     "heading-1", …, which changes whenever a section is added.)
//     Headings carry no other attributes.
//   - Raw HTML and HTML comments are dropped, never rendered: policy owners
//     leave internal notes in comments.
//   - A link to another document is a relative link to its Markdown file,
//     "[…](other.md#section)"; it is rewritten to the page (other.html#section)
//     and reported in Result.Links for the caller to check. Web addresses
//     (https:, mailto:) are left alone. Links to other kinds of file, and
//     images, are errors: the site publishes documents only, and nothing on a
//     page may load from elsewhere.
package markdown

import (
	"bufio"
	"bytes"
	"fmt"
	stdhtml "html"
	"net/url"
	"path"
	"policysite/generator/diag"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Heading is one section heading.
type Heading struct {
	ID    string
	Level int // 2 for ##, 3 for ###, …
	Text  string
	Line  int
}

// Link is a link from the document to a document (or to a section of its own).
type Link struct {
	Doc      string // target document path, slash-separated without .md ("basic-policy"); "" for a link within the page
	Fragment string // section ID, or ""
	Dest     string // the destination as written
	Line     int
}

// Block is one block of text as readers see it: a heading, paragraph, list
// item, table row, definition or footnote.
type Block struct {
	Kind    string // "h2".."h6", "p", "li", "tr", "dt", "dd", "pre", "fn"
	Section string // ID of the heading the block is in ("" before the first); for a heading, its own ID
	Text    string
	// Depth is how deeply a list item is nested: 1 for an item of a
	// top-level list, 2 for an item of a list inside it, …; 0 for other
	// blocks. A nested list's items are blocks of their own, after the item
	// that holds them (号 and イロハ), so a comparison can show which item
	// a changed one belongs to.
	Depth int
	Line  int // line of the block's first text in Source.File
}

// Result is a converted document.
type Result struct {
	HTML     []byte
	Headings []Heading
	Links    []Link
	Blocks   []Block
	// CommentAsText reports that a comment marker would reach the page as
	// text (an error too; see checkComments). An old version of a document
	// in that state is not shown at all: its notes may be in its text.
	CommentAsText bool
}

// Source is a document body to convert.
type Source struct {
	File string // for errors: "content/ja/basic-policy.md"
	Line int    // line in File where Body starts
	Path string // the document's path ("standards/network"), to resolve relative links
	Lang string // "en" marks Japanese passages with lang="ja"
	Body []byte
	// Resolve, when set, decides every relative link of the document
	// (to another document or to a section of its own): the page links to
	// the address it returns, and when it says no, or the link is one the
	// dialect rejects, the link's text is kept without a link. Old versions
	// of a document are rendered this way: they may link to a document
	// that is not public now, or from a page in another folder.
	Resolve func(Link) (href string, ok bool)
	// After holds HTML to put right after the heading of a section, by
	// section ID (see notice.go). The caller made it and escaped it; it
	// appears in Result.HTML only, never in Blocks.
	After map[string][]byte

	// shared is Body as a string that is kept anyway (see Memo.get), or
	// "": a block's text that is Body as written is then a substring of
	// it, not a copy.
	shared string
}

// Converter converts Markdown. It is safe for concurrent use.
type Converter struct {
	md goldmark.Markdown
}

// New returns a Converter configured with the dialect described in the
// package documentation.
func New() *Converter {
	md := goldmark.New(
		goldmark.WithExtensions(
			// Tables, strikethrough, autolinks and task lists: what policy
			// owners who know GitHub expect.
			extension.GFM,
			// A backslash-escaped space joins words without a space. Line
			// joins between Japanese characters are handled in walk: the
			// renderer's own East Asian line break option drops the break
			// whenever the next node is not plain text ("word\n[link]"
			// would lose its space).
			extension.NewCJK(extension.WithEscapedSpace()),
			// Translator's notes and references.
			extension.Footnote,
			extension.DefinitionList,
		),
		goldmark.WithParserOptions(
			// "{#id}" after a heading. No automatic IDs: see the package doc.
			parser.WithAttribute(),
		),
		// No html.WithUnsafe: raw HTML is removed from the tree before
		// rendering anyway (see strip), and this is the second lock.
		goldmark.WithRendererOptions(html.WithXHTML(),
			renderer.WithNodeRenderers(util.Prioritized(foreignRenderer{}, 500), util.Prioritized(noticeRenderer{}, 500))),
	)
	return &Converter{md: md}
}

var validID = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Convert converts one document. A non-nil error is a diag.List of every
// problem found, sorted by line; the Result is then still filled as far as
// possible.
func (c *Converter) Convert(src Source) (*Result, error) {
	return c.convert(src, true)
}

// Text is Convert without the HTML: headings, links and blocks only, for
// old revisions that are compared but never shown as pages.
func (c *Converter) Text(src Source) (*Result, error) {
	return c.convert(src, false)
}

func (c *Converter) convert(src Source, withHTML bool) (*Result, error) {
	res, _, err := c.convertAt(src, withHTML, false)
	return res, err
}

// pieceEnds is what a piece of a body leaves to the pieces around it (see
// Memo): the section it ends in, "" if it has no heading with an ID, and
// the line of its first text (as lineOf finds it for the document), 0 if
// it has none.
type pieceEnds struct {
	section string
	first   int
}

// convertAt is convert, and for a piece of a body (see Memo) it gives the
// line noLine to a node whose line lineOf looks for in the document.
func (c *Converter) convertAt(src Source, withHTML, piece bool) (*Result, pieceEnds, error) {
	doc := c.md.Parser().Parse(text.NewReader(src.Body))
	w := walker{src: src, ids: map[string]int{}}
	var ends pieceEnds
	if off, ok := firstOffset(doc); ok {
		ends.first = w.lineAt(off)
	}
	w.piece = piece
	commented := w.checkComments(doc) // before walk drops the raw HTML
	w.walk(doc)
	var buf bytes.Buffer
	if withHTML {
		if src.Lang == "en" {
			markJapanese(doc, src.Body)
		}
		insertNotices(doc, src.After)
		buf.Grow(len(src.Body) + len(src.Body)/4)
		if err := c.md.Renderer().Render(&buf, src.Body, doc); err != nil {
			w.errs = append(w.errs, diag.Errorf(src.File, src.Line, "render: %v", err))
		}
	}
	w.blocks(doc)
	ends.section = w.section
	w.errs.Sort()
	return &Result{HTML: buf.Bytes(), Headings: w.headings, Links: w.links, Blocks: w.out, CommentAsText: commented}, ends, w.errs.Err()
}

type walker struct {
	src      Source
	piece    bool // converting a piece of a body: see Memo
	at       int  // lineAt's last offset
	atLine   int  // and the newlines before it
	ids      map[string]int
	headings []Heading
	links    []Link
	out      []Block
	errs     diag.List
	section  string
	buf      []byte // for text
}

// lineOf returns the file line of a node: its own first line for blocks, the
// first line of the nearest enclosing block for inlines.
func (w *walker) lineOf(n ast.Node) int {
	if n.Type() == ast.TypeInline {
		if t := firstText(n); t != nil {
			return w.lineAt(t.Segment.Start)
		}
	}
	// Containers (lists, quotes) and empty headings have no lines of
	// their own: take the first line found inside, else the parent's.
	for ; n != nil; n = n.Parent() {
		if w.piece && n.Kind() == ast.KindDocument {
			return noLine
		}
		if off, ok := firstOffset(n); ok {
			return w.lineAt(off)
		}
	}
	return w.src.Line
}

// lineAt returns the file line of the byte at off in the body. The walk
// asks in the order of the body, nearly always, so it counts from the last
// answer: a table of line starts, made for every conversion, was 3% of
// a plain build.
func (w *walker) lineAt(off int) int {
	off = min(off, len(w.src.Body))
	if off < 0 {
		return w.src.Line - 1
	}
	if off < w.at {
		w.atLine -= bytes.Count(w.src.Body[off:w.at], newline)
	} else {
		w.atLine += bytes.Count(w.src.Body[w.at:off], newline)
	}
	w.at = off
	return w.src.Line + w.atLine
}

var newline = []byte{'\n'}

func firstOffset(n ast.Node) (int, bool) {
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start, true
	}
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start, true
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if off, ok := firstOffset(c); ok {
			return off, true
		}
	}
	return 0, false
}

func firstText(n ast.Node) *ast.Text {
	if t, ok := n.(*ast.Text); ok {
		return t
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t := firstText(c); t != nil {
			return t
		}
	}
	return nil
}

func (w *walker) errorf(n ast.Node, format string, args ...any) {
	w.errs.Add(w.src.File, w.lineOf(n), format, args...)
}

// walk removes raw HTML, checks headings and rewrites links, in one pass.
func (w *walker) walk(doc ast.Node) {
	var remove, unwrap []ast.Node
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			if n.SoftLineBreak() && eastAsianJoin(n, w.src.Body) {
				n.SetSoftLineBreak(false)
			}
		case *ast.HTMLBlock, *ast.RawHTML:
			remove = append(remove, n)
			return ast.WalkSkipChildren, nil
		case *ast.Heading:
			w.heading(n)
		case *ast.Link:
			links := len(w.links)
			n.Destination = w.link(n, n.Destination)
			if w.src.Resolve == nil {
				break
			}
			href, ok := "", false
			if len(w.links) > links {
				href, ok = w.src.Resolve(w.links[len(w.links)-1])
			} else if u, err := url.Parse(string(n.Destination)); err == nil && (u.Scheme != "" || u.Host != "") {
				href, ok = string(n.Destination), true // a web address
			}
			if !ok {
				unwrap = append(unwrap, n)
				break
			}
			n.Destination = []byte(href)
		case *ast.Image:
			w.errorf(n, "images are not supported: the site publishes text only, and nothing may load from elsewhere")
			remove = append(remove, n)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, n := range remove {
		if p := n.Parent(); p != nil {
			p.RemoveChild(p, n)
		}
	}
	for _, n := range unwrap {
		p := n.Parent()
		for c := n.FirstChild(); c != nil; c = n.FirstChild() {
			p.InsertBefore(p, n, c)
		}
		p.RemoveChild(p, n)
	}
}

func (w *walker) heading(h *ast.Heading) {
	var id string
	if v, ok := h.AttributeString("id"); ok {
		if b, ok := v.([]byte); ok {
			id = string(b)
		}
	}
	// Only the ID survives: class or style attributes would break the
	// Content-Security-Policy and the shared look.
	h.RemoveAttributes()
	txt := w.text(h)
	line := w.lineOf(h)
	switch {
	case h.Level == 1:
		w.errorf(h, "heading %q: level 1 is the document title (from front matter); start sections at ##", txt)
	case id == "":
		w.errorf(h, "heading %q has no ID: add {#some-id} after it, the same in both languages", txt)
	case !validID.MatchString(id):
		w.errorf(h, "heading ID %q: use lower-case letters, digits and hyphens", id)
	case w.ids[id] != 0:
		w.errorf(h, "heading ID %q used twice (first on line %d)", id, w.ids[id])
	}
	if id != "" {
		if w.ids[id] == 0 {
			w.ids[id] = line
		}
		h.SetAttributeString("id", []byte(id))
	}
	w.headings = append(w.headings, Heading{ID: id, Level: h.Level, Text: txt, Line: line})
}

// link checks and rewrites one link destination.
func (w *walker) link(n ast.Node, dest []byte) []byte {
	raw := string(dest)
	u, err := url.Parse(raw)
	if err != nil {
		w.errorf(n, "link %q: %v", raw, err)
		return dest
	}
	if u.Scheme != "" || u.Host != "" {
		return dest
	}
	l := Link{Fragment: u.Fragment, Dest: raw, Line: w.lineOf(n)}
	if u.Path == "" {
		w.links = append(w.links, l)
		return dest
	}
	if !strings.HasSuffix(u.Path, ".md") || u.RawQuery != "" {
		w.errorf(n, "link %q: link to another document's .md file (other.md#section) or to a web address", raw)
		return dest
	}
	target := path.Join(path.Dir(w.src.Path), u.Path)
	if strings.HasPrefix(target, "../") || target == ".." || path.IsAbs(u.Path) {
		w.errorf(n, "link %q leaves the language folder: link to a document in the same language", raw)
		return dest
	}
	l.Doc = strings.TrimSuffix(target, ".md")
	w.links = append(w.links, l)
	out := strings.TrimSuffix(u.Path, ".md") + ".html"
	if u.Fragment != "" {
		out += "#" + u.Fragment
	}
	return []byte(out)
}

// blocks records the text of each block, in document order.
func (w *walker) blocks(doc ast.Node) {
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		w.block(n)
	}
}

func (w *walker) add(kind string, n ast.Node) {
	t := w.text(n)
	if t == "" {
		return
	}
	w.out = append(w.out, Block{Kind: kind, Section: w.section, Text: t, Line: w.lineOf(n)})
}

// list records the items of a list at depth, each without the lists
// nested in it, which follow it as items of depth+1.
func (w *walker) list(n *ast.List, depth int) {
	for it := n.FirstChild(); it != nil; it = it.NextSibling() {
		w.buf = w.buf[:0]
		var nested []*ast.List
		for c := it.FirstChild(); c != nil; c = c.NextSibling() {
			if l, ok := c.(*ast.List); ok {
				nested = append(nested, l)
				continue
			}
			if len(w.buf) > 0 && w.buf[len(w.buf)-1] != ' ' {
				w.buf = append(w.buf, ' ')
			}
			w.buf = appendPlainText(w.buf, c, w.src.Body)
		}
		if t := w.str(bytes.TrimSpace(w.buf), it); t != "" {
			w.out = append(w.out, Block{Kind: "li", Section: w.section, Text: t, Depth: depth})
		}
		for _, l := range nested {
			w.list(l, depth+1)
		}
	}
}

func (w *walker) block(n ast.Node) {
	switch n := n.(type) {
	case *ast.Heading:
		if id, ok := n.AttributeString("id"); ok {
			w.section = string(id.([]byte))
		}
		w.add(fmt.Sprintf("h%d", n.Level), n)
	case *ast.Paragraph, *ast.TextBlock:
		w.add("p", n)
	case *ast.List:
		w.list(n, 1)
	case *ast.Blockquote:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			w.block(c)
		}
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		var b strings.Builder
		for i := 0; i < n.Lines().Len(); i++ {
			s := n.Lines().At(i)
			b.Write(s.Value(w.src.Body))
		}
		if t := strings.TrimRight(b.String(), "\n"); t != "" {
			w.out = append(w.out, Block{Kind: "pre", Section: w.section, Text: t, Line: w.lineOf(n)})
		}
	case *east.Table:
		for r := n.FirstChild(); r != nil; r = r.NextSibling() {
			var cells []string
			for c := r.FirstChild(); c != nil; c = c.NextSibling() {
				cells = append(cells, w.text(c))
			}
			w.out = append(w.out, Block{Kind: "tr", Section: w.section, Text: strings.Join(cells, " | "), Line: w.lineOf(r)})
		}
	case *east.DefinitionList:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c.(type) {
			case *east.DefinitionTerm:
				w.add("dt", c)
			default:
				w.add("dd", c)
			}
		}
	case *east.FootnoteList:
		w.section = "footnotes"
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			w.add("fn", c)
		}
	}
}

// eastAsianJoin reports whether the soft line break after t falls between
// two East Asian wide characters, where Japanese wants no space.
func eastAsianJoin(t *ast.Text, src []byte) bool {
	prev, _ := utf8.DecodeLastRune(t.Segment.Value(src))
	return util.IsEastAsianWideRune(prev) && util.IsEastAsianWideRune(nextRune(t, src))
}

// plainText is the text of n as a reader sees it: a soft line break left by
// walk is a space, and block children are separated by a space.
func plainText(n ast.Node, src []byte) string {
	return string(bytes.TrimSpace(appendPlainText(nil, n, src)))
}

// appendPlainText appends the text of n, as plainText returns it but
// untrimmed, to dst. The walker appends every block to one reused buffer
// and copies out only the trimmed text: built in a buffer of its own, each
// block's text was allocated several times over as the buffer grew.
//
// Text is decoded as the page shows it: backslash escapes ("\[") and
// character references ("&amp;", "&#x5B;") are resolved as goldmark's
// renderer resolves them, except inside code spans, which show them as
// written.
func appendPlainText(dst []byte, n ast.Node, src []byte) []byte {
	start := len(dst)
	var walk func(n ast.Node, code bool)
	walk = func(n ast.Node, code bool) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if c.Type() == ast.TypeBlock && len(dst) > start && dst[len(dst)-1] != ' ' {
				dst = append(dst, ' ')
			}
			switch c := c.(type) {
			case *ast.Text:
				if code || c.IsRaw() {
					dst = append(dst, c.Segment.Value(src)...)
				} else {
					dst = appendShown(dst, c.Segment.Value(src))
				}
				if c.SoftLineBreak() || c.HardLineBreak() {
					dst = append(dst, ' ')
				}
			case *ast.String:
				if c.IsCode() || c.IsRaw() {
					dst = append(dst, c.Value...)
				} else {
					dst = appendShown(dst, c.Value)
				}
			case *ast.AutoLink:
				dst = append(dst, c.URL(src)...)
			case *east.FootnoteLink, *east.FootnoteBacklink:
				// Reference marks carry no text of their own.
			case *ast.CodeSpan:
				walk(c, true)
			default:
				walk(c, code)
			}
		}
	}
	walk(n, false)
	return dst
}

// shownWriter is the writer goldmark's renderer uses for text (the CJK
// extension's escaped-space option included), so that appendShown decodes
// exactly as pages are written.
var shownWriter = html.NewWriter(html.WithEscapedSpace())

// appendShown appends the text a reader sees for the Markdown text v:
// goldmark's writer resolves escapes and references into HTML, which is
// then unescaped. Most text has neither and is copied as is.
func appendShown(dst, v []byte) []byte {
	if !bytes.ContainsAny(v, "\\&\x00") {
		return append(dst, v...)
	}
	sw := shownBuffers.Get().(*shownBuffer)
	defer shownBuffers.Put(sw)
	sw.b.Reset()
	sw.w.Reset(&sw.b)
	shownWriter.Write(sw.w, v)
	sw.w.Flush()
	return append(dst, stdhtml.UnescapeString(sw.b.String())...)
}

// shownBuffer is what appendShown writes into. Pooled: replayed laws
// escape every ASCII punctuation mark, so nearly every text needs one.
type shownBuffer struct {
	b bytes.Buffer
	w *bufio.Writer
}

var shownBuffers = sync.Pool{New: func() any {
	sw := new(shownBuffer)
	sw.w = bufio.NewWriterSize(&sw.b, 256)
	return sw
}}

// text returns the plain text of n, trimmed, made in w's reused buffer.
func (w *walker) text(n ast.Node) string {
	w.buf = appendPlainText(w.buf[:0], n, w.src.Body)
	return w.str(bytes.TrimSpace(w.buf), n)
}

// str returns t, the text of n, as a string: a substring of
// Source.shared where t is the source as written from n's first text on
// (most of a law is), else a copy.
func (w *walker) str(t []byte, n ast.Node) string {
	if s := w.src.shared; s != "" && len(t) > 0 {
		if f := firstText(n); f != nil {
			a := f.Segment.Start
			for a < len(s) && s[a] != t[0] && (s[a] == ' ' || s[a] == '\t') {
				a++
			}
			if a+len(t) <= len(s) && s[a:a+len(t)] == string(t) {
				return s[a : a+len(t)]
			}
		}
	}
	return string(t)
}

func nextRune(n ast.Node, src []byte) rune {
	for s := n.NextSibling(); s != nil; s = s.NextSibling() {
		if t, ok := s.(*ast.Text); ok {
			r, _ := utf8.DecodeRune(t.Segment.Value(src))
			return r
		}
		if t := plainText(s, src); t != "" {
			r, _ := utf8.DecodeRuneInString(t)
			return r
		}
	}
	return ' '
}
