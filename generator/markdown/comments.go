package markdown

import (
	"bytes"
	"html"

	"github.com/yuin/goldmark/ast"
)

// Comments are how policy owners keep internal notes in a document
// (README: "use comments for internal notes"), and the converter drops them
// with all raw HTML. But Markdown turns some of them into text: a comment
// indented four spaces after a blank line is a code block, one in backticks
// is a code span, "<!-->" and "<!--->" are whole comments so the note after
// them is a paragraph, "&lt;!--" is the characters <!--. Policy text never
// needs the markers themselves, so wherever "<!--" or "-->" would reach a
// page as text (as the reader sees it: escapes and character references
// decoded), the document is in error, naming the line (see checkComments).
var commentMarkers = [][]byte{[]byte("<!--"), []byte("-->")}

// linkHasMarker reports a marker in a link's address or title as the
// page shows it: character references decoded (goldmark keeps them).
func linkHasMarker(b []byte) bool {
	return hasCommentMarker(b) || bytes.IndexByte(b, '&') >= 0 && hasCommentMarker([]byte(html.UnescapeString(string(b))))
}

func hasCommentMarker(b []byte) bool {
	for _, m := range commentMarkers {
		if bytes.Contains(b, m) {
			return true
		}
	}
	return false
}

const commentError = "%q would be published as text (Markdown shows it here, in a code block, a code span or after an empty comment <!--> or <!--->): internal notes must be whole comments <!-- like this --> outside code"

const linkCommentError = "%q in a link's address or title would be published (the page keeps both as written): internal notes must be whole comments <!-- like this --> outside links"

// checkComments reports every comment marker left as text in doc, and every
// comment in raw HTML that leaves its note outside it (see unbalanced): in the lines of code blocks, and in the text of
// every block with inline content, as a reader sees it (so that markers
// split over several text nodes, or written with references, are found).
// It reports whether it found any.
func (w *walker) checkComments(doc ast.Node) bool {
	if quickComments && !bytes.ContainsAny(w.src.Body, markerChars) {
		return false
	}
	found := false
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				if v := seg.Value(w.src.Body); hasCommentMarker(v) {
					w.errs.Add(w.src.File, w.lineAt(seg.Start), commentError, marker(v))
					found = true
				}
			}
			if fc, ok := n.(*ast.FencedCodeBlock); ok && fc.Info != nil && hasCommentMarker(fc.Info.Segment.Value(w.src.Body)) {
				w.errs.Add(w.src.File, w.lineAt(fc.Info.Segment.Start), commentError, marker(fc.Info.Segment.Value(w.src.Body)))
				found = true
			}
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			// Dropped whole; but a comment it opens and does not close, or
			// closes at once, leaves the note to the blocks after it.
			var raw []byte
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				raw = append(raw, seg.Value(w.src.Body)...)
			}
			if n.HasClosure() {
				cl := n.ClosureLine
				raw = append(raw, cl.Value(w.src.Body)...)
			}
			if msg := unbalanced(raw); msg != "" {
				w.errs.Add(w.src.File, w.lineOf(n), "%s", msg)
				found = true
			}
			return ast.WalkSkipChildren, nil
		}
		// Inline raw HTML is dropped as a whole too: a comment in it that
		// closes at once leaves the note as text.
		ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
			if l, ok := c.(*ast.Link); ok && entering && (linkHasMarker(l.Destination) || linkHasMarker(l.Title)) {
				// A link keeps its address and title as written (decoded):
				// they are on the page, so a comment in them is no comment.
				m := []byte(html.UnescapeString(string(l.Title)))
				if linkHasMarker(l.Destination) {
					m = []byte(html.UnescapeString(string(l.Destination)))
				}
				w.errs.Add(w.src.File, w.lineOf(l), linkCommentError, marker(m))
				found = true
			}
			if r, ok := c.(*ast.RawHTML); ok && entering {
				var raw []byte
				for i := 0; i < r.Segments.Len(); i++ {
					seg := r.Segments.At(i)
					raw = append(raw, seg.Value(w.src.Body)...)
				}
				if msg := unbalanced(raw); msg != "" {
					first := r.Segments.At(0)
					w.errs.Add(w.src.File, w.lineAt(first.Start), "%s", msg)
					found = true
				}
			}
			if c != n && c.Type() == ast.TypeBlock {
				return ast.WalkSkipChildren, nil
			}
			return ast.WalkContinue, nil
		})
		if !hasInline(n) || quickComments && w.plain(n) {
			return ast.WalkContinue, nil
		}
		if t := []byte(plainText(n, w.src.Body)); hasCommentMarker(t) {
			w.errs.Add(w.src.File, w.markerLine(n), commentError, marker(t))
			found = true
		}
		return ast.WalkContinue, nil
	})
	return found
}

// markerChars are the characters without one of which no comment marker
// can reach a page: "<!--" and "-->" as text need '<' or '>' written, or a
// character reference, which starts with '&'; raw HTML starts with '<'.
const markerChars = "<>&"

// quickComments lets checkComments pass over what cannot hold a marker (see
// plain). Its tests turn it off to check that doing so finds the same.
var quickComments = true

// plain reports whether the text of block n cannot show a comment marker:
// its lines, which its inline content is parsed from, have none of
// markerChars. Finding the text as the reader sees it for every block was
// 7% of a plain build. (A link's address and title can come from a
// definition elsewhere in the document, so links are checked whatever
// this says.) A block without lines of its own is not plain.
func (w *walker) plain(n ast.Node) bool {
	lines := n.Lines()
	if lines == nil || lines.Len() == 0 {
		return false
	}
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		if bytes.ContainsAny(seg.Value(w.src.Body), markerChars) {
			return false
		}
	}
	return true
}

// hasInline reports whether block n holds inline nodes directly.
func hasInline(n ast.Node) bool {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Type() == ast.TypeInline {
			return true
		}
	}
	return false
}

// markerLine returns the line of the first text node of block n at or after
// which the block's text so far holds a marker, else the block's line.
func (w *walker) markerLine(n ast.Node) int {
	var sofar []byte
	line := w.lineOf(n)
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		t, ok := c.(*ast.Text)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		sofar = appendShown(sofar, t.Segment.Value(w.src.Body))
		if hasCommentMarker(sofar) {
			line = w.lineAt(t.Segment.Start)
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return line
}

// marker names the first marker in b.
func marker(b []byte) string {
	i, j := bytes.Index(b, commentMarkers[0]), bytes.Index(b, commentMarkers[1])
	if i >= 0 && (j < 0 || i < j) {
		return "<!--"
	}
	return "-->"
}

// unbalanced checks the comments in raw HTML that the converter drops: each
// "<!--" must be closed by a later "-->", not at once ("<!-->", "<!--->"
// are whole comments in HTML, so the note after them would be text), and no
// "-->" may come without its opener. It returns what is wrong, or "".
func unbalanced(raw []byte) string {
	for {
		i, j := bytes.Index(raw, commentMarkers[0]), bytes.Index(raw, commentMarkers[1])
		switch {
		case i < 0 && j < 0:
			return ""
		case i < 0 || j >= 0 && j < i:
			return `"-->" closes no comment: the text before it is not a comment and would be published`
		}
		rest := raw[i+4:]
		if bytes.HasPrefix(rest, []byte(">")) || bytes.HasPrefix(rest, []byte("->")) {
			return `an empty comment ("<!-->" or "<!--->") ends where it begins: the note after it would be published; write <!-- note -->`
		}
		k := bytes.Index(rest, commentMarkers[1])
		if k < 0 {
			return `"<!--" is not closed here ("-->" must follow in the same block): the note would be published`
		}
		raw = rest[k+3:]
	}
}
