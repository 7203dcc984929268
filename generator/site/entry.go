package site

import (
	"fmt"
	"html/template"
	"time"
	"unicode"
)

type revEntry struct {
	Date               string
	Effective          template.HTML // its date in a .date span; effectiveText the same as text
	effectiveText      string
	Official           bool
	Edition            bool // it began an edition: a publication or an official revision
	NewlyPublished     bool
	Status             string // of an edition: 未施行 or 現行
	FullTextHref       string // of an edition: its full text
	FullTextLabel      string
	Subject, Body      string
	SubjectLang        string // "ja" when the message is in Japanese on an English page, or the reverse
	Short, Href, Title string // Title: the document's, for lists across documents
	Author             string
	KindLabel          string // 改定 / 軽微な修正 / 新規公開
}

func (b *builder) entry(lang string, dh *docHistory, rev *revision, from string) revEntry {
	c := rev.commit
	m := b.message(lang, c)
	subject, body := m.Subject, m.Body
	e := revEntry{
		Date:           formatDate(lang, c.Time),
		Official:       m.Effective != "",
		Edition:        rev.ed != nil && rev.ed.first == rev,
		NewlyPublished: rev.prev == nil,
		Subject:        subject,
		Body:           body,
		Short:          c.Short,
		Href:           from + revisionPath(c.Short) + "#" + docAnchor(dh.pair.Path),
		Title:          rev.in(lang).title,
	}
	ui := uiStrings[lang]
	if t, err := time.Parse(time.DateOnly, m.Effective); err == nil {
		e.Effective, e.effectiveText = htmlf(ui.EffectiveFormat, dateHTML(lang, t)), fmt.Sprintf(ui.EffectiveFormat, formatDate(lang, t))
	}
	enacted := dh.pair.In(lang).Enacted
	switch {
	case e.NewlyPublished && rev == dh.revs[0] && !enacted.IsZero():
		// The document's first publication: it was enacted, not edited. A
		// commit dated after the enactment put an earlier enactment on the
		// site (新規公開); calling that date 新規制定 would misdate it.
		e.KindLabel = ui.Enactment
		if c.Time.Format(time.DateOnly) > enacted.Format(time.DateOnly) {
			e.KindLabel = ui.NewlyPublished
		}
		if e.Effective == "" {
			e.Effective, e.effectiveText = htmlf(ui.EnactedFormat, dateHTML(lang, enacted)), fmt.Sprintf(ui.EnactedFormat, formatDate(lang, enacted))
		}
	case e.NewlyPublished:
		e.KindLabel = ui.NewlyPublished
	case e.Official:
		e.KindLabel = ui.Official
	default:
		e.KindLabel = ui.Editorial
	}
	if e.Edition {
		switch rev.ed.state {
		case pending:
			e.Status = ui.NotInForce
		case current:
			e.Status = ui.InForceNow
		}
		e.FullTextHref, e.FullTextLabel = fullTextHref(from, dh, rev.ed), ui.FullText
	}
	if japanese(subject+body) != (lang == "ja") {
		e.SubjectLang = other(lang)
	}
	if b.opt.ShowAuthors {
		e.Author = c.Author
	}
	return e
}

// japanese reports whether s has Japanese script in it.
func japanese(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) {
			return true
		}
	}
	return false
}
