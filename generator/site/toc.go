package site

import (
	"html"
	"html/template"
	"net/url"
	"policysite/generator/markdown"
	"strings"
)

type tocEntry struct {
	ID, Text string
	Children []*tocEntry
}

// tocHTML writes a table of contents as nested ordered lists, each entry
// a link to its section. It is written here rather than by a recursive
// template: html/template escapes every value through reflection, and the
// contents were half of a document page's template time.
func tocHTML(entries []*tocEntry) template.HTML {
	if len(entries) == 0 {
		return ""
	}
	var b strings.Builder
	var write func([]*tocEntry)
	write = func(es []*tocEntry) {
		b.WriteString("<ol>")
		for _, e := range es {
			b.WriteString(`<li><a href="#`)
			b.WriteString(html.EscapeString(url.PathEscape(e.ID)))
			b.WriteString(`">`)
			b.WriteString(html.EscapeString(e.Text))
			b.WriteString("</a>")
			if len(e.Children) > 0 {
				write(e.Children)
			}
			b.WriteString("</li>")
		}
		b.WriteString("</ol>")
	}
	write(entries)
	return template.HTML(b.String())
}

// toc nests headings: each heading under the nearest shallower one before it.
func toc(hs []markdown.Heading) []*tocEntry {
	var top []*tocEntry
	var stack []struct {
		level int
		e     *tocEntry
	}
	for _, h := range hs {
		e := &tocEntry{ID: h.ID, Text: h.Text}
		for len(stack) > 0 && stack[len(stack)-1].level >= h.Level {
			stack = stack[:len(stack)-1]
		}
		if len(stack) == 0 {
			top = append(top, e)
		} else {
			parent := stack[len(stack)-1].e
			parent.Children = append(parent.Children, e)
		}
		stack = append(stack, struct {
			level int
			e     *tocEntry
		}{h.Level, e})
	}
	return top
}
