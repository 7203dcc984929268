package site

import (
	"bytes"
	"html"
	"html/template"

	"policysite/generator/content"
	"policysite/generator/markdown"
)

// The 対訳 view: per public document, a page with the Japanese and the
// English side by side, section by section, and paragraph by paragraph
// where the two align (see passages), the Japanese marked as the
// authoritative text. It is made in each language's chrome,
// <lang>/bilingual/<path>.html, so that the language switch of every page
// can reach it (see altFor), and <lang>/bilingual/index.html lists them.
// The text is the blocks' plain text (links are not followed on this
// page: it is for reading the two texts against each other).

// passage is a stretch of a document in both languages: a section, or one
// block of it when the two languages' blocks of the section align.
type passage struct {
	section string
	ja, en  []markdown.Block
}

// passages pairs the blocks of the two languages by section ID, in the
// Japanese order. Where a section has as many blocks of the same kinds in
// both languages, each block is a passage of its own. Translator's notes
// (footnotes) have no Japanese counterpart and come last.
func passages(ja, en []markdown.Block) []passage {
	bySection := func(bs []markdown.Block) ([]string, map[string][]markdown.Block) {
		m := map[string][]markdown.Block{}
		var order []string
		for _, bl := range bs {
			if _, ok := m[bl.Section]; !ok {
				order = append(order, bl.Section)
			}
			m[bl.Section] = append(m[bl.Section], bl)
		}
		return order, m
	}
	jaOrder, jaSec := bySection(ja)
	enOrder, enSec := bySection(en)
	var out []passage
	for _, id := range jaOrder {
		j, e := jaSec[id], enSec[id]
		if aligned(j, e) {
			for i := range j {
				out = append(out, passage{section: id, ja: j[i : i+1], en: e[i : i+1]})
			}
			continue
		}
		out = append(out, passage{section: id, ja: j, en: e})
	}
	for _, id := range enOrder {
		if _, ok := jaSec[id]; !ok {
			out = append(out, passage{section: id, en: enSec[id]})
		}
	}
	return out
}

func aligned(ja, en []markdown.Block) bool {
	if len(ja) != len(en) {
		return false
	}
	for i := range ja {
		if ja[i].Kind != en[i].Kind {
			return false
		}
	}
	return true
}

// bilingualView is a 対訳 page.
type bilingualView struct {
	DocHref   string // the document page in this language
	JATitle   string
	ENTitle   string
	Rows      template.HTML // a placeholder for the rows (see bilingualRows and renderWith)
	Documents []card        // on the index page
}

// bilingualRows writes the rows of a 対訳 page: a row per passage, the
// Japanese beside the English. They are written here rather than by the
// template, as the comparison tables are: a long law has thousands of
// blocks, and the template's loop over them was a third of a plain build.
func bilingualRows(ui *UI, ps []passage) []byte {
	n := 0
	for _, p := range ps {
		for _, bl := range p.ja {
			n += len(bl.Text) + 32
		}
		for _, bl := range p.en {
			n += len(bl.Text) + 32
		}
		n += 80
	}
	b := bytes.NewBuffer(make([]byte, 0, n))
	blocks := func(bs []markdown.Block) {
		for _, bl := range bs {
			switch {
			case isHeading(bl.Kind):
				b.WriteString(`<p class="bi-h">`)
			case bl.Kind == "li":
				b.WriteString(`<p class="bi-li">`)
			default:
				b.WriteString(`<p>`)
			}
			b.WriteString(html.EscapeString(bl.Text))
			b.WriteString(`</p>`)
		}
	}
	prev := "\x00"
	for _, p := range ps {
		notes := p.section == "footnotes"
		b.WriteString(`<div class="bi-row`)
		if notes {
			b.WriteString(` bi-notes`)
		}
		b.WriteString(`"`)
		if p.section != prev && p.section != "" && !notes {
			b.WriteString(` id="` + html.EscapeString(p.section) + `"`)
		}
		prev = p.section
		b.WriteString(">\n<div class=\"bi-ja\" lang=\"ja\">")
		if !notes {
			blocks(p.ja)
		}
		b.WriteString("</div>\n<div class=\"bi-en\" lang=\"en\">")
		if notes {
			b.WriteString(`<p class="bi-h">` + html.EscapeString(ui.TranslatorNotes) + `</p>`)
		}
		blocks(p.en)
		b.WriteString("</div>\n</div>\n")
	}
	return b.Bytes()
}

// bilingualPage makes <lang>/bilingual/<path>.html. It may be called from
// several goroutines at once.
func (b *builder) bilingualPage(lang string, pair *content.Pair, ja, en *rendered, ps []passage) {
	out := lang + "/bilingual/" + pair.Path + ".html"
	ui := uiStrings[lang]
	d := pair.In(lang)
	p := newPage("bilingual", lang, out, d.Title+ui.BilingualSuffix)
	p.Alt = altFor(p, out)
	p.Alt.BiHref = "" // this is the 対訳 page
	p.Crumbs = []link{{Href: p.LangRoot + "index.html", Title: ui.Home}, {Href: p.LangRoot + pair.Path + ".html", Title: d.Title}}
	v := &bilingualView{DocHref: p.LangRoot + pair.Path + ".html", JATitle: ja.doc.Title, ENTitle: en.doc.Title, Rows: tablePlaceholder(0)}
	p.Bilingual = v
	b.renderWith(out, p, [][]byte{bilingualRows(ui, ps)})
}

// bilingualIndex makes <lang>/bilingual/index.html, the list of 対訳 pages
// that pages without a document of their own link to.
func (b *builder) bilingualIndex(lang string) {
	out := lang + "/bilingual/index.html"
	ui := uiStrings[lang]
	p := newPage("bilingual", lang, out, ui.Bilingual)
	p.Alt = altFor(p, out)
	p.Alt.BiHref = ""
	v := &bilingualView{}
	for _, pair := range b.set.Public() {
		if pair.Path == "index" {
			continue
		}
		d := pair.In(lang)
		v.Documents = append(v.Documents, card{Href: pair.Path + ".html", Title: d.Title, Summary: d.Summary})
	}
	p.Bilingual = v
	b.render(out, p)
}
