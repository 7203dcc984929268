package site

import (
	"html/template"
	"policysite/generator/content"
	"time"
)

type docView struct {
	Enacted     template.HTML
	Bodies      []string
	Revision    template.HTML // the dates in .date spans (see dateHTML)
	HistoryHref string
	TOC         template.HTML // the nested lists, see tocHTML; "" for none
	HTML        template.HTML
	Pending     []pendingNotice // revisions not yet in force
}

// enactedLine says when d was enacted: 令和8年（2026年）3月31日 制定.
func enactedLine(lang string, d *content.Document) template.HTML {
	date, enacted := dateHTML(lang, d.Enacted), template.HTML(template.HTMLEscapeString(uiStrings[lang].Enacted))
	if lang == "ja" {
		return date + " " + enacted
	}
	return enacted + " " + date
}

// inForcePages makes the pages of the documents a pending revision has
// changed in lang: they show the text in force (see inForce).
func (b *builder) inForcePages(lang string) {
	for _, pair := range b.set.Public() {
		if old, _, ok := b.inForce(lang, pair); ok && pair.Path != "index" {
			if r := b.oldDocument(lang, pair.Path, old, lang+"/"+pair.Path+".html", true, nil); r != nil {
				b.document(lang, pair, r)
			}
		}
	}
}

func (b *builder) document(lang string, pair *content.Pair, r *rendered) {
	d := r.doc
	out := lang + "/" + pair.Path + ".html"
	p := newPage("document", lang, out, d.Title)
	p.Description = d.Summary
	p.Alt = altFor(p, out)
	p.Alt.BiHref = p.LangRoot + "bilingual/" + pair.Path + ".html"
	// The text is spliced into the page, not copied through the template
	// (see renderWith).
	v := &docView{Bodies: d.Bodies, HTML: tablePlaceholder(0), TOC: tocHTML(toc(r.res.Headings))}
	if !d.Enacted.IsZero() {
		v.Enacted = enactedLine(lang, d)
	}
	v.Revision = b.docRevisionLine(lang, pair)
	_, v.Pending, _ = b.inForce(lang, pair)
	if b.opt.History != nil {
		v.HistoryHref = p.LangRoot + "history/" + pair.Path + ".html"
	}
	p.Doc = v
	b.renderWith(out, p, [][]byte{r.res.HTML})
	r.res.HTML = nil // in its page now; a large site would carry it to the end
}

// docRevisionLine says on a document page when it was last changed and
// last officially revised.
func (b *builder) docRevisionLine(lang string, pair *content.Pair) template.HTML {
	ui := uiStrings[lang]
	dh := b.hist[pair.Path]
	if b.opt.History == nil {
		return template.HTML(template.HTMLEscapeString(ui.NoRevisionHistory))
	}
	var revs []*revision
	if dh != nil {
		for _, r := range dh.revs {
			if r.ed != nil && r.ed.state == pending && dh.current != nil {
				break // the page shows the text in force, and says what is coming
			}
			if r.changed(lang) {
				revs = append(revs, r)
			}
		}
	}
	if len(revs) == 0 {
		return template.HTML(template.HTMLEscapeString(ui.NoRevisions))
	}
	last := revs[len(revs)-1].commit
	var line template.HTML
	for i := len(revs) - 1; i >= 0; i-- {
		if c := revs[i].commit; b.message(lang, c).Effective != "" {
			eff := b.message(lang, c).Effective
			t, _ := time.Parse(time.DateOnly, eff)
			line = htmlf(ui.LastRevisedFormat, dateHTML(lang, c.Time), dateHTML(lang, t)) + htmlf(ui.Separator)
			break
		}
	}
	return line + htmlf(ui.LastChangedFormat, dateHTML(lang, last.Time))
}
