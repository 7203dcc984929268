package site

import (
	"policysite/generator/content"
	"policysite/generator/parallel"
)

// historyView is a document's revision history page.
type historyView struct {
	DocTitle, DocHref string
	Official          []revEntry
	Editorial         []revEntry
	Note              string // why there is no history, or ""
}

// historyPages writes the history page of every public document in lang,
// on at most workers goroutines (the comparison pages are revisionPages').
// Without a history there is nothing to show: document pages say so
// themselves.
func (b *builder) historyPages(lang string, workers int) {
	if b.opt.History == nil {
		return
	}
	pairs := b.set.Public()
	parallel.ForN(workers, len(pairs), func(i int) {
		if pair := pairs[i]; pair.Path != "index" {
			b.historyPage(lang, pair)
		}
	})
}

// historyPage writes one document's history page.
func (b *builder) historyPage(lang string, pair *content.Pair) {
	dh := b.hist[pair.Path]
	out := lang + "/history/" + pair.Path + ".html"
	d := b.docs[lang+"/"+pair.Path].doc
	p := newPage("history", lang, out, uiStrings[lang].History+": "+d.Title)
	p.Alt = altFor(p, out)
	v := &historyView{DocTitle: d.Title, DocHref: p.LangRoot + pair.Path + ".html"}
	if dh != nil {
		for i := len(dh.revs) - 1; i >= 0; i-- {
			if !dh.revs[i].changed(lang) {
				continue
			}
			e := b.entry(lang, dh, dh.revs[i], p.LangRoot)
			if e.Edition {
				v.Official = append(v.Official, e)
			} else {
				v.Editorial = append(v.Editorial, e)
			}
		}
		if len(v.Official)+len(v.Editorial) == 0 {
			v.Note = uiStrings[lang].NoRevisions
		}
	}
	p.History = v
	p.Crumbs = []link{{Href: p.LangRoot + "index.html", Title: uiStrings[lang].Home}, {Href: v.DocHref, Title: d.Title}}
	b.render(out, p)
}
