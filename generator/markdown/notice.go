package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// A notice is HTML the caller puts under a section's heading (Source.After):
// the site says there that the English of a section may lag behind a
// revision of the Japanese. It is a node of its own, rendered as given,
// because raw HTML in the Markdown is never rendered (see the package doc)
// and a notice must not depend on that rule bending.

var kindNotice = ast.NewNodeKind("Notice")

type notice struct {
	ast.BaseBlock
	html []byte
}

func (n *notice) Kind() ast.NodeKind { return kindNotice }

func (n *notice) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"HTML": string(n.html)}, nil)
}

type noticeRenderer struct{}

func (noticeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindNotice, func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			w.Write(n.(*notice).html)
			w.WriteByte('\n')
		}
		return ast.WalkSkipChildren, nil
	})
}

// insertNotices puts each of src.After's notices after its section's
// heading. Headings are direct children of the document.
func insertNotices(doc ast.Node, after map[string][]byte) {
	if len(after) == 0 {
		return
	}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		h, ok := n.(*ast.Heading)
		if !ok {
			continue
		}
		id, ok := h.AttributeString("id")
		if !ok {
			continue
		}
		if html, ok := after[string(id.([]byte))]; ok {
			nn := &notice{html: html}
			doc.InsertAfter(doc, h, nn)
			n = nn
		}
	}
}
