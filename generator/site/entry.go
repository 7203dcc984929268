package site

import (
	"fmt"
	"time"
	"unicode"
)

type revEntry struct {
	Date, Effective    string
	Official           bool
	NewlyPublished     bool
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
		NewlyPublished: rev.prev == nil,
		Subject:        subject,
		Body:           body,
		Short:          c.Short,
		Href:           from + revisionPath(c.Short) + "#" + docAnchor(dh.pair.Path),
		Title:          rev.in(lang).title,
	}
	if t, err := time.Parse(time.DateOnly, m.Effective); err == nil {
		e.Effective = fmt.Sprintf(uiStrings[lang].EffectiveFormat, formatDate(lang, t))
	}
	switch ui := uiStrings[lang]; {
	case e.NewlyPublished:
		e.KindLabel = ui.NewlyPublished
	case e.Official:
		e.KindLabel = ui.Official
	default:
		e.KindLabel = ui.Editorial
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
