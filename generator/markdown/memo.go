package markdown

import (
	"bytes"
	"iter"
	"slices"
	"sync"

	"github.com/yuin/goldmark/util"
)

// A Memo remembers the conversion of a document's sections, so that the
// versions of one document, which share most of their sections, convert
// each distinct section once: a revision of a long law changes a few
// articles, and converting every version whole was most of what a first
// build with history cost.
//
// A body is cut before every line that is a heading at the margin
// ("## 第三条"); the pieces are converted on their own and their results
// joined. That gives what converting the whole body gives only where
// nothing reaches across such a line, so a body that may hold something
// that does is converted whole, and remembered whole: a link reference
// definition or footnote (any part of the document may use them), or a
// fenced code block or raw HTML block that cutSections cannot follow to
// its end (neither ends at a heading). Notices to insert (Source.After)
// are not remembered (see Remembered).
// TestRememberedIsConvert holds the two ways to the same result.
//
// A Memo serves one kind of page: the links of a piece are decided by the
// Resolve function of the Source it was first met in, so a Memo must be
// used with one resolver, one Lang and one Path only. It is safe for
// concurrent use.
type Memo struct {
	html  bool
	mu    sync.Mutex
	parts map[string]*part
	// kept holds each piece a Kept body of the memo has, once: the parts'
	// keys are these strings when Keep met the piece first.
	kept map[string]string
}

// NewMemo returns an empty Memo for results with HTML (as Convert makes
// them) or without (as Text does).
func NewMemo(withHTML bool) *Memo {
	return &Memo{html: withHTML, parts: map[string]*part{}, kept: map[string]string{}}
}

// Kept is a body held as the pieces Memo cuts it into, each distinct
// piece held once by the memo for all the bodies it keeps: the versions of
// a long law share nearly every article, and holding every version whole
// was the largest part of a first build's memory.
type Kept struct {
	pieces []string
	whole  []byte // see Whole
}

// Whole returns body held as it is, not copied: for a document's only
// version, which shares nothing with another, and whose bytes are held
// anyway.
func Whole(body []byte) Kept {
	return Kept{whole: body}
}

// Keep returns body held as its pieces, shared with the other bodies m
// keeps. body may be changed or let go afterwards.
func (m *Memo) Keep(body []byte) Kept {
	pieces := splitSections(body)
	k := Kept{pieces: make([]string, len(pieces))}
	m.mu.Lock()
	defer m.mu.Unlock()
	for i, piece := range pieces {
		s, ok := m.kept[string(piece)]
		if !ok {
			s = string(piece)
			m.kept[s] = s
		}
		k.pieces[i] = s
	}
	return k
}

// Len returns the length in bytes of the body k holds.
func (k Kept) Len() int {
	n := len(k.whole)
	for _, p := range k.pieces {
		n += len(p)
	}
	return n
}

// AppendTo appends the body k holds to dst.
func (k Kept) AppendTo(dst []byte) []byte {
	dst = slices.Grow(dst, k.Len())
	dst = append(dst, k.whole...)
	for _, p := range k.pieces {
		dst = append(dst, p...)
	}
	return dst
}

// part is the conversion of one piece of a body, its lines counted from 1
// at the piece's first line (noLine where Convert would give Source.Line,
// 0 where it gives none).
type part struct {
	res *Result
	// ends.section is the section the piece ends in; its blocks before a
	// heading with an ID have Section "" and are in the section the pieces
	// before it end in.
	ends  pieceEnds
	own   []string // fragments of the piece's links within the page, taken to be there
	lines int
}

// noLine is the line a part gives a node whose line lineOf takes from the
// document's first text, which a part does not know.
const noLine = -1 << 30

// Remembered converts src as Convert (or Text, as m was made) would, and
// converts each piece of it only the first time m meets it. It reports no
// errors: it is for old versions, whose errors were the build errors of
// their day. When src.Resolve is set, a link within the page ("#section")
// is kept if the document has that heading and is otherwise its text, and
// Resolve is asked about links to other documents only; it must give the
// same answer for the same link every time.
//
// The Result shares its strings with other results of m: callers must not
// change them. A Source with notices (After) is converted whole and not
// remembered, as the notices are not part of what m remembers a piece by.
func (c *Converter) Remembered(src Source, m *Memo) *Result {
	pieces := splitSections(src.Body)
	if src.After != nil {
		pieces = [][]byte{src.Body}
	}
	parts := make([]*part, len(pieces))
	for i, piece := range pieces {
		if src.After != nil {
			parts[i] = c.convertPart(src, piece, m.html, nil)
		} else {
			parts[i] = m.get(c, src, piece)
		}
	}
	have := map[string]bool{}
	for _, p := range parts {
		for _, h := range p.res.Headings {
			have[h.ID] = true
		}
	}
	out := &Result{}
	size, nh, nl, nb := 0, 0, 0, 0
	for i, p := range parts {
		for _, f := range p.own {
			if !have[f] {
				// Rare: a link to a section the document lacks. Converted
				// again, not remembered, as the answer depends on the
				// other pieces.
				p = c.convertPart(src, pieces[i], m.html, have)
				parts[i] = p
				break
			}
		}
		size, nh, nl, nb = size+len(p.res.HTML), nh+len(p.res.Headings), nl+len(p.res.Links), nb+len(p.res.Blocks)
	}
	if m.html {
		out.HTML = make([]byte, 0, size)
	}
	if nh > 0 {
		out.Headings = make([]Heading, 0, nh)
	}
	if nl > 0 {
		out.Links = make([]Link, 0, nl)
	}
	if nb > 0 {
		out.Blocks = make([]Block, 0, nb)
	}
	bs := joined(parts, src.Line)
	line := 0
	for _, p := range parts {
		base := src.Line + line
		out.HTML = append(out.HTML, p.res.HTML...)
		for _, h := range p.res.Headings {
			h.Line = bs.at(base, h.Line)
			out.Headings = append(out.Headings, h)
		}
		for _, l := range p.res.Links {
			l.Line = bs.at(base, l.Line)
			out.Links = append(out.Links, l)
		}
		out.CommentAsText = out.CommentAsText || p.res.CommentAsText
		line += p.lines
	}
	out.Blocks = bs.AppendTo(out.Blocks)
	return out
}

// Blocks are the blocks of a body converted through a Memo (see
// RememberBlocks), held as the memo's parts and made into Blocks only when
// asked for: the versions of a long law share nearly every article, and a
// copy of every block for every version was most of what a build with
// history held.
type Blocks struct {
	parts         []*part
	line, docLine int     // Source.Line, and the line of the body's first text
	flat          []Block // see BlocksOf
}

// BlocksOf returns bs held as Blocks.
func BlocksOf(bs []Block) Blocks {
	return Blocks{flat: bs}
}

// joined returns the blocks of parts, a body that starts at line.
func joined(parts []*part, line int) Blocks {
	// lineOf gives a node without a line of its own the line of the
	// document's first text.
	b := Blocks{parts: parts, line: line, docLine: line}
	n := 0
	for _, p := range parts {
		if p.ends.first != 0 {
			b.docLine = line + n + p.ends.first - 1
			break
		}
		n += p.lines
	}
	return b
}

// at returns the line in the file of line l of a part that starts at base.
func (b Blocks) at(base, l int) int {
	switch l {
	case 0: // a list item's block has none
		return 0
	case noLine:
		return b.docLine
	}
	return base + l - 1
}

// Len returns the number of blocks.
func (b Blocks) Len() int {
	n := len(b.flat)
	for _, p := range b.parts {
		n += len(p.res.Blocks)
	}
	return n
}

// All returns the blocks in order, as Convert would have them.
func (b Blocks) All() iter.Seq[Block] {
	return func(yield func(Block) bool) {
		for _, bl := range b.flat {
			if !yield(bl) {
				return
			}
		}
		line, section := 0, ""
		for _, p := range b.parts {
			base := b.line + line
			for _, bl := range p.res.Blocks {
				bl.Line = b.at(base, bl.Line)
				if bl.Section == "" {
					bl.Section = section
				}
				if !yield(bl) {
					return
				}
			}
			if p.ends.section != "" {
				section = p.ends.section
			}
			line += p.lines
		}
	}
}

// AppendTo appends the blocks to dst.
func (b Blocks) AppendTo(dst []Block) []Block {
	dst = slices.Grow(dst, b.Len())
	for bl := range b.All() {
		dst = append(dst, bl)
	}
	return dst
}

// RememberBlocks returns the blocks Remembered would give, and whether a
// comment marker would reach the page as text, held as m's parts (see
// Blocks) and so only as long as they are: nothing of the result is
// copied.
func (c *Converter) RememberBlocks(src Source, m *Memo) (Blocks, bool) {
	if src.After != nil {
		res := c.Remembered(src, m) // converted whole, see Remembered
		return BlocksOf(res.Blocks), res.CommentAsText
	}
	pieces := splitSections(src.Body)
	parts := make([]*part, len(pieces))
	commented := false
	for i, piece := range pieces {
		parts[i] = m.get(c, src, piece)
		commented = commented || parts[i].res.CommentAsText
	}
	return joined(parts, src.Line), commented
}

// get returns the part of piece, converting it the first time.
func (m *Memo) get(c *Converter, src Source, piece []byte) *part {
	m.mu.Lock()
	p, ok := m.parts[string(piece)]
	kept, isKept := m.kept[string(piece)]
	m.mu.Unlock()
	if ok {
		return p
	}
	// A piece the memo keeps (see Keep) gives its blocks their text where
	// it is the source as written: a long law's every version keeps its
	// blocks, and their texts were as large again as the pieces.
	src.shared = kept
	p = c.convertPart(src, piece, m.html, nil)
	key := kept
	if !isKept {
		key = string(piece)
	}
	m.mu.Lock()
	m.parts[key] = p
	m.mu.Unlock()
	return p
}

// convertPart converts one piece of src.Body; with have nil, a link
// within the page is taken to find its section, else it must be in have.
func (c *Converter) convertPart(src Source, piece []byte, withHTML bool, have map[string]bool) *part {
	p := &part{lines: bytes.Count(piece, []byte{'\n'})}
	psrc := Source{File: src.File, Line: 1, Path: src.Path, Lang: src.Lang, Body: piece, After: src.After, shared: src.shared}
	if resolve := src.Resolve; resolve != nil {
		psrc.Resolve = func(l Link) (string, bool) {
			if l.Doc != "" {
				return resolve(l)
			}
			if have == nil {
				p.own = append(p.own, l.Fragment)
			}
			return "#" + l.Fragment, l.Fragment != "" && (have == nil || have[l.Fragment])
		}
	}
	p.res, p.ends, _ = c.convertAt(psrc, withHTML, true)
	return p
}

// splitSections returns the pieces of body (see cutSections), or body
// whole when it may not be cut.
func splitSections(body []byte) [][]byte {
	cuts := cutSections(body)
	if cuts == nil {
		return [][]byte{body}
	}
	pieces := make([][]byte, len(cuts))
	for i, start := range cuts {
		end := len(body)
		if i+1 < len(cuts) {
			end = cuts[i+1]
		}
		pieces[i] = body[start:end]
	}
	return pieces
}

// cutSections returns where the pieces of body start (0 first), before
// each line that is a heading at the margin, or nil when something in body
// might reach across such a line (see Memo).
//
// A fenced code block or raw HTML block that starts at the margin is
// followed to its end as goldmark's parser would (CommonMark's rules), and
// no cut is made inside it: policies imported from elsewhere carry
// comments such as <!-- markdownlint-disable --> at the margin, and giving
// up on them made every version of such a document convert whole. Such a
// block that starts indented may belong to a list item, which a heading at
// the margin would close, or to the top level, which it would not: a body
// with one is not cut. No container can hold a line at the margin that
// opens a fence or raw HTML (neither is a lazy continuation line), so these
// blocks are always at the top level.
func cutSections(body []byte) []int {
	if bytes.Contains(body, []byte("]:")) || bytes.Contains(body, []byte("[^")) {
		return nil
	}
	cuts := []int{0}
	var open *openBlock
	for start := 0; start < len(body); {
		end := bytes.IndexByte(body[start:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += start + 1
		}
		line := body[start:end]
		start = end
		if open != nil {
			if open.ends(line) {
				open = nil
			}
			continue
		}
		if start > len(line) && isMarginHeading(line) {
			cuts = append(cuts, start-len(line))
			continue
		}
		n, cols := indent(line)
		if cols >= 4 {
			continue // code, or in a container a heading at the margin closes
		}
		s := line[n:]
		if len(s) == 0 || s[0] != '<' && s[0] != '`' && s[0] != '~' {
			continue
		}
		b, text := opens(s)
		switch {
		case text:
			continue
		case b == nil || n > 0:
			return nil
		}
		// Raw HTML may end on its first line; goldmark then reads the
		// next line as opening blocks of its own.
		if b.fence != 0 || !b.contains(s) {
			open = b
		}
	}
	return cuts
}

// An openBlock is a fenced code block or raw HTML block that starts at the
// margin and has not ended yet.
type openBlock struct {
	fence byte // '`' or '~' for a fence, 0 for raw HTML
	n     int  // the fence's length
	// until is what ends raw HTML: a line containing it.
	until    []byte
	untilTag bool // a line containing a closing tag of kind 1, in any case
}

// opens returns the block s (a line starting with <, ` or ~, its indent
// removed) opens when it is a fenced code block or raw HTML of
// CommonMark's kinds 1 to 5, which end at a mark of their own, or reports
// that s is text (backticks with a backtick after them open no fence).
// Neither means s may open raw HTML of kinds 6 or 7: whether it does, or
// is the text of a paragraph (which a fence would interrupt, a blank line
// not ending the fence), depends on the blocks before it, so a body with
// such a line is not cut.
func opens(s []byte) (b *openBlock, text bool) {
	switch c := s[0]; c {
	case '`', '~':
		n := 0
		for n < len(s) && s[n] == c {
			n++
		}
		if n < 3 || c == '`' && bytes.IndexByte(s[n:], '`') >= 0 {
			return nil, true
		}
		return &openBlock{fence: c, n: n}, false
	}
	lower := bytes.ToLower(s)
	for _, tag := range [...]string{"script", "pre", "style", "textarea"} {
		rest, ok := bytes.CutPrefix(lower, []byte("<"+tag))
		if !ok {
			continue
		}
		// After the name: the end of the line, a space, > or />.
		if len(rest) == 0 || rest[0] == '>' || bytes.HasPrefix(rest, []byte("/>")) || util.IsSpace(rest[0]) {
			return &openBlock{untilTag: true}, false
		}
	}
	switch {
	case bytes.HasPrefix(s, []byte("<!--")):
		return &openBlock{until: []byte("-->")}, false
	case bytes.HasPrefix(s, []byte("<?")):
		return &openBlock{until: []byte("?>")}, false
	case len(s) > 2 && s[1] == '!' && 'A' <= s[2] && s[2] <= 'Z':
		return &openBlock{until: []byte(">")}, false
	case bytes.HasPrefix(s, []byte("<![CDATA[")):
		return &openBlock{until: []byte("]]>")}, false
	}
	return nil, false
}

// ends reports whether line, which follows the block's first line or an
// earlier line that did not end it, ends the block. The line that ends it
// is part of it.
func (b *openBlock) ends(line []byte) bool {
	if b.fence != 0 {
		n, cols := indent(line)
		if cols >= 4 {
			return false
		}
		s := line[n:]
		i := 0
		for i < len(s) && s[i] == b.fence {
			i++
		}
		return i >= b.n && util.IsBlank(s[i:])
	}
	return b.contains(line)
}

func (b *openBlock) contains(line []byte) bool {
	if !b.untilTag {
		return bytes.Contains(line, b.until)
	}
	l := bytes.ToLower(line)
	for _, tag := range [...]string{"</script>", "</pre>", "</style>", "</textarea>"} {
		if bytes.Contains(l, []byte(tag)) {
			return true
		}
	}
	return false
}

// indent returns the bytes and columns of line's leading spaces and tabs
// (a tab advances to the next multiple of four).
func indent(line []byte) (n, cols int) {
	for n < len(line) {
		switch line[n] {
		case ' ':
			cols++
		case '\t':
			cols += 4 - cols%4
		default:
			return n, cols
		}
		n++
	}
	return n, cols
}

// isMarginHeading reports whether line is an ATX heading with no indent:
// one to six #, then a space, a tab or the end of the line.
func isMarginHeading(line []byte) bool {
	n := 0
	for n < len(line) && line[n] == '#' {
		n++
	}
	if n == 0 || n > 6 {
		return false
	}
	return n == len(line) || line[n] == ' ' || line[n] == '\t' || line[n] == '\n' || line[n] == '\r'
}
