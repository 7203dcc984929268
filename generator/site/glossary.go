package site

import (
	"fmt"
	"strings"

	"policysite/generator/content"
	"policysite/generator/diag"
	"policysite/generator/glossary"
	"policysite/generator/markdown"
	"policysite/generator/quiz"
)

// The glossary (generator/glossary) is checked against every public
// document, passage by passage (see passages), and every quiz text; each
// mismatch is a warning, or with Options.Strict an error. Only public
// documents are converted, so nothing internal is ever checked against it
// or quoted in a message. The glossary pages list every term with a link to
// the section that defines it, which checkGlossaryRefs requires to be a
// section of a public document.

// glossaryProblem is one mismatch, ready to report.
type glossaryProblem struct {
	file string
	line int
	msg  string
}

// report adds problems to the build's warnings, or to its errors under
// Options.Strict. It is called from one goroutine.
func (b *builder) report(ps []glossaryProblem) {
	for _, p := range ps {
		if b.opt.Strict {
			b.errs = append(b.errs, diag.Errorf(p.file, p.line, "glossary: %s", p.msg))
		} else {
			b.warns = append(b.warns, fmt.Sprintf("%s:%d: glossary: %s", p.file, p.line, p.msg))
		}
	}
}

// bothLanguages does what needs both languages of a converted document at
// once, while their blocks are at hand: the glossary check and, for a
// document other than the home page, its 対訳 pages. It may be called from
// several goroutines at once.
func (b *builder) bothLanguages(pair *content.Pair, ja, en *rendered) []glossaryProblem {
	ps := passages(ja.res.Blocks, en.res.Blocks)
	if pair.Path != "index" {
		for _, lang := range content.Languages {
			b.bilingualPage(lang, pair, ja, en, ps)
		}
	}
	if b.gloss == nil {
		return nil
	}
	var out []glossaryProblem
	for _, p := range ps {
		if len(p.ja) == 0 || len(p.en) == 0 {
			continue
		}
		jaText, enText := joinText(p.ja), joinText(p.en)
		for _, m := range b.gloss.Check(jaText, enText) {
			line := p.en[0].Line
			if m.Wrong != "" {
				for _, bl := range p.en {
					if strings.Contains(strings.ToLower(bl.Text), strings.ToLower(m.Wrong)) {
						line = bl.Line
						break
					}
				}
			}
			out = append(out, glossaryProblem{en.doc.File, line, m.String()})
		}
	}
	return out
}

func joinText(bs []markdown.Block) string {
	var sb strings.Builder
	for _, bl := range bs {
		sb.WriteString(bl.Text)
		sb.WriteByte('\n')
	}
	return sb.String()
}

// checkGlossaryQuizzes checks every text of every quiz.
func (b *builder) checkGlossaryQuizzes() {
	if b.gloss == nil {
		return
	}
	for _, q := range b.quiz {
		var ps []glossaryProblem
		check := func(t quiz.Text) {
			for _, m := range b.gloss.Check(t.JA, t.EN) {
				line := t.ENLine
				if line == 0 {
					line = t.Line
				}
				ps = append(ps, glossaryProblem{q.Path, line, m.String()})
			}
		}
		check(q.Title)
		check(q.Description)
		for _, qu := range q.Questions {
			check(qu.Prompt)
			for _, c := range qu.Choices {
				check(c.Text)
			}
			check(qu.Explanation)
		}
		b.report(ps)
	}
}

// checkGlossaryRefs requires each term's defining section to be a section
// of a public document. Of a document that is not public, it says only
// that: not whether it exists.
func (b *builder) checkGlossaryRefs() {
	if b.gloss == nil {
		return
	}
	for _, t := range b.gloss.Terms {
		pair := b.set.Lookup(t.Doc())
		switch {
		case pair == nil:
			b.errs = append(b.errs, diag.Errorf(glossary.File, t.Line, "term %s: defined %q: no document content/ja/%s.md", t.JA, t.Defined, t.Doc()))
		case !pair.Public():
			b.errs = append(b.errs, diag.Errorf(glossary.File, t.Line, "term %s: defined %q points to a document that is not public", t.JA, t.Defined))
		case !hasHeading(b.docs["ja/"+t.Doc()].res, t.Section()):
			b.errs = append(b.errs, diag.Errorf(glossary.File, t.Line, "term %s: defined %q: no section {#%s}", t.JA, t.Defined, t.Section()))
		}
	}
}

// glossaryView is a glossary page: every term in file order.
type glossaryView struct {
	Terms []glossaryEntry
}

type glossaryEntry struct {
	Term, Rendering    string // in the page's language first
	TermLang, RendLang string
	Wrong              []string
	Note               string
	Href, Where        string // the defining section
}

// glossaryPage makes <lang>/glossary.html.
func (b *builder) glossaryPage(lang string) {
	if b.gloss == nil {
		return
	}
	out := lang + "/glossary.html"
	ui := uiStrings[lang]
	p := newPage("glossary", lang, out, ui.Glossary)
	p.Description = ui.GlossaryIntro
	p.Alt = altFor(p, out)
	v := &glossaryView{}
	for _, t := range b.gloss.Terms {
		e := glossaryEntry{Term: t.JA, Rendering: t.EN, TermLang: "ja", RendLang: "en", Wrong: t.Wrong, Note: t.NoteJA,
			Href: p.LangRoot + t.Doc() + ".html#" + t.Section()}
		if lang == "en" {
			e.Term, e.Rendering, e.TermLang, e.RendLang, e.Note = t.EN, t.JA, "en", "ja", t.NoteEN
		}
		r := b.docs[lang+"/"+t.Doc()]
		e.Where = sectionName(r, t.Section())
		v.Terms = append(v.Terms, e)
	}
	p.Glossary = v
	b.render(out, p)
}

// sectionName names a section for a list of references: its heading, after
// its parent's for a subsection ("6 情報セキュリティ対策 (5) 人的セキュリティ"),
// as "(5)" alone does not say which article it is in.
func sectionName(r *rendered, id string) string {
	var parent string
	for _, h := range r.res.Headings {
		if h.Level == 2 {
			parent = h.Text
		}
		if h.ID == id {
			if h.Level > 2 && parent != "" {
				return parent + " " + h.Text
			}
			return h.Text
		}
	}
	return r.doc.Title
}
