package markdown

import (
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Japanese words quoted in an English document (a translator's note citing
// 安全性, say) are wrapped in <span lang="ja">, so that screen readers
// pronounce them as Japanese (WCAG 2.1 success criterion 3.1.2, Language of
// Parts). Latin words in Japanese text need no mark: they are read as
// loanwords.

// kindForeign is the node kind of a run of text in another language.
var kindForeign = ast.NewNodeKind("Foreign")

type foreign struct {
	ast.BaseInline
	lang string
}

func (n *foreign) Kind() ast.NodeKind { return kindForeign }

func (n *foreign) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Lang": n.lang}, nil)
}

type foreignRenderer struct{}

func (foreignRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindForeign, func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			w.WriteString(`<span lang="` + n.(*foreign).lang + `">`)
		} else {
			w.WriteString("</span>")
		}
		return ast.WalkContinue, nil
	})
}

func isJapanese(r rune) bool {
	if r < 0x2E80 { // below CJK radicals: most English text stops here
		return false
	}
	return unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) || r == 'ー' || r == '々'
}

// markJapanese splits the text nodes under doc so that each run of Japanese
// script sits in a foreign node. Punctuation between two Japanese runs stays
// inside the span (「機密性、完全性」 is one passage).
func markJapanese(doc ast.Node, src []byte) {
	var texts []*ast.Text
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*ast.Text); ok && entering {
			if _, in := t.Parent().(*foreign); !in {
				texts = append(texts, t)
			}
		}
		if _, ok := n.(*ast.CodeSpan); ok {
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, t := range texts {
		splitJapanese(t, src)
	}
}

func splitJapanese(t *ast.Text, src []byte) {
	seg := t.Segment
	v := seg.Value(src)
	type run struct{ start, stop int }
	var runs []run
	for i := 0; i < len(v); {
		r, n := utf8.DecodeRune(v[i:])
		if !isJapanese(r) {
			i += n
			continue
		}
		start := i
		end := i + n
		for j := end; j < len(v); {
			r, n := utf8.DecodeRune(v[j:])
			switch {
			case isJapanese(r):
				j += n
				end = j
			case unicode.IsPunct(r) && r >= 0x3000:
				j += n // full-width punctuation: keep going, include if Japanese follows
			default:
				j = len(v)
			}
		}
		runs = append(runs, run{start, end})
		i = end
	}
	if len(runs) == 0 {
		return
	}
	parent := t.Parent()
	soft, hard := t.SoftLineBreak(), t.HardLineBreak()
	pos := 0
	var last ast.Node
	insert := func(n ast.Node) {
		parent.InsertBefore(parent, t, n)
		last = n
	}
	piece := func(a, b int) *ast.Text {
		return ast.NewTextSegment(text.NewSegment(seg.Start+a, seg.Start+b))
	}
	for _, r := range runs {
		if r.start > pos {
			insert(piece(pos, r.start))
		}
		f := &foreign{lang: "ja"}
		f.AppendChild(f, piece(r.start, r.stop))
		insert(f)
		pos = r.stop
	}
	if pos < len(v) {
		insert(piece(pos, len(v)))
	}
	// The line break belongs after the last piece.
	switch l := last.(type) {
	case *ast.Text:
		l.SetSoftLineBreak(soft)
		l.SetHardLineBreak(hard)
	case *foreign:
		lt := l.LastChild().(*ast.Text)
		lt.SetSoftLineBreak(soft)
		lt.SetHardLineBreak(hard)
	}
	parent.RemoveChild(parent, t)
}
