package site

import (
	"bytes"
	"fmt"
	"html/template"
	"sync"
)

// render executes the page's template into files[out]. It may be called
// from several goroutines at once.
func (b *builder) render(out string, p *page) {
	b.renderWith(out, p, nil)
}

// tablePlaceholder stands for the i-th comparison table in the template's
// output; renderWith puts the table in its place. A table is most of its
// page and is already escaped HTML (see tableRows), so it is copied once,
// into the page, rather than passed through the template as a string.
func tablePlaceholder(i int) template.HTML {
	return template.HTML(fmt.Sprintf("<policysite-table-%d></policysite-table-%d>", i, i))
}

// renderWith is render, with tables[i] in place of tablePlaceholder(i).
// Pages are minimal (see Options.Out).
func (b *builder) renderWith(out string, p *page, tables [][]byte) {
	buf := renderBuffers.Get().(*bytes.Buffer)
	defer renderBuffers.Put(buf)
	buf.Reset()
	p.HasGlossary = b.gloss != nil
	// The names of the organisation are the content's, one set per build,
	// while a page's UI wording is the generator's.
	p.Org = b.org[p.Lang]
	if err := b.tmpl.execute(buf, p); err != nil {
		b.fail(fmt.Errorf("%s: %w", out, err))
		return
	}
	b.put(out, splice(buf.Bytes(), tables), true)
}

// splice returns page with tables[i] in place of tablePlaceholder(i), in
// one pass: a commit that published a whole site at once has thousands of
// tables on its page, and replacing them one by one copied the page as
// many times. The template puts them in order; one it left out is left
// out, and one out of order is found by a search from the start.
func splice(page []byte, tables [][]byte) []byte {
	if tables == nil {
		return page
	}
	size := len(page)
	for _, t := range tables {
		size += len(t)
	}
	out := make([]byte, 0, size)
	rest := page
	var late [][]byte // placeholders not found after the previous one
	var lateIdx []int
	for i, t := range tables {
		ph := []byte(tablePlaceholder(i))
		j := bytes.Index(rest, ph)
		if j < 0 {
			late, lateIdx = append(late, t), append(lateIdx, i)
			continue
		}
		out = append(append(out, rest[:j]...), t...)
		rest = rest[j+len(ph):]
	}
	out = append(out, rest...)
	for k, t := range late {
		out = bytes.Replace(out, []byte(tablePlaceholder(lateIdx[k])), t, 1)
	}
	return out
}

// put hands a finished file to the Writer and records its name. The
// caller may reuse data afterwards. It may be called from several
// goroutines at once.
func (b *builder) put(name string, data []byte, minimal bool) {
	err := b.out.Add(name, data, minimal)
	b.mu.Lock()
	defer b.mu.Unlock()
	if err != nil {
		b.errs = append(b.errs, err)
	}
	b.files[name] = nil
}

func (b *builder) fail(err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.errs = append(b.errs, err)
}

// renderBuffers are reused from page to page, so a buffer grows to the
// largest page once instead of for every page.
var renderBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}
