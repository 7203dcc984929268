package site

import (
	"io"
	"policysite/generator/content"
	"policysite/generator/parallel"
	"policysite/generator/search"
	"strings"
)

func (b *builder) search(lang string) {
	out := lang + "/search.html"
	p := newPage("search", lang, out, uiStrings[lang].SearchPage)
	p.Alt = altFor(p, out)
	ui := search.UI(lang)
	p.SearchUI = &ui
	b.render(out, p)
}

// searchIndex is one language's search index, written as the documents
// are converted.
type searchIndex struct {
	name string
	b    *search.Builder
	w    io.WriteCloser
	err  error
}

// createIndex starts a language's search index, written into a file of
// the Writer's as it is made.
func (b *builder) createIndex(idx *searchIndex, lang string) error {
	idx.name = "assets/search-index-" + lang + ".js"
	f, err := b.out.Create(idx.name)
	if err != nil {
		return err
	}
	b.mu.Lock()
	b.files[idx.name] = nil
	b.mu.Unlock()
	idx.w = f
	idx.b, err = search.NewBuilder(lang, f)
	return err
}

// searchIndexes finishes the search indexes convert began: each language's
// assets/search-index-<lang>.js, from the public documents' sections. Only
// what was rendered is indexed, and only public documents are rendered.
func (b *builder) searchIndexes() {
	b.stats = map[string]search.Stats{}
	stats := make([]search.Stats, len(content.Languages))
	parallel.For(len(content.Languages), func(i int) {
		idx := &b.index[i]
		if idx.err == nil {
			stats[i], idx.err = idx.b.Finish()
		}
		if idx.w != nil {
			if err := idx.w.Close(); idx.err == nil {
				idx.err = err
			}
		}
	})
	for i, lang := range content.Languages {
		if err := b.index[i].err; err != nil {
			b.errs = append(b.errs, err)
			continue
		}
		b.stats[lang] = stats[i]
	}
	b.index = nil
}

// sections splits a rendered document at its headings.
func sections(href string, r *rendered) []search.Section {
	var out []search.Section
	// out[i]'s text is its blocks' joined by newlines, made by one
	// strings.Join, which allocates it once at its exact size: a site's
	// text is megabytes, and building it by appending allocated it about
	// three times over, in memory new to the process each time.
	var parts [][]string
	byID := map[string]int{}
	titles := map[string]string{"": r.doc.Title}
	for _, h := range r.res.Headings {
		titles[h.ID] = h.Text
	}
	for _, bl := range r.res.Blocks {
		i, ok := byID[bl.Section]
		if !ok {
			u := href
			if bl.Section != "" {
				u += "#" + bl.Section
			}
			i = len(out)
			byID[bl.Section] = i
			out = append(out, search.Section{URL: u, DocTitle: r.doc.Title, Title: titles[bl.Section]})
			parts = append(parts, nil)
		}
		if isHeading(bl.Kind) {
			continue // the heading is the section's title
		}
		parts[i] = append(parts[i], bl.Text)
	}
	for i, p := range parts {
		out[i].Text = strings.Join(p, "\n")
	}
	return out
}
