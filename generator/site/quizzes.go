package site

import (
	"fmt"
	"html/template"
	"strings"

	"policysite/generator/content"
	"policysite/generator/quiz"
)

// loadQuizzes reads quizzes/, checks every question's reference against the
// public documents, and lists the sections no question covers.
func (b *builder) loadQuizzes() {
	qs, errs := quiz.Load(b.opt.FS, "quizzes")
	b.errs = append(b.errs, errs...)
	for _, q := range qs {
		b.errs = append(b.errs, q.CheckRefs(b.refStatus)...)
	}
	if len(qs) == 0 {
		return
	}
	b.quiz = qs
	for _, pair := range b.set.Public() {
		if pair.Path == "index" {
			continue
		}
		// Only sections with text of their own can be asked about: "2 定義"
		// is covered through its subsections.
		var ids []string
		seen := map[string]bool{}
		for _, bl := range b.docs["ja/"+pair.Path].res.Blocks {
			if !isHeading(bl.Kind) && bl.Section != "" && bl.Section != "footnotes" && !seen[bl.Section] {
				seen[bl.Section] = true
				ids = append(ids, bl.Section)
			}
		}
		if un := quiz.Uncovered(pair.Path+".md", ids, qs...); len(un) > 0 {
			b.warns = append(b.warns, fmt.Sprintf("content/ja/%s.md: no quiz question covers %d section(s): %s", pair.Path, len(un), strings.Join(un, ", ")))
		}
	}
}

// refStatus answers for quiz.CheckRefs. doc is as written in the quiz
// ("basic-policy.md"); a section must exist in both languages.
func (b *builder) refStatus(doc, section string) quiz.RefStatus {
	p := strings.TrimSuffix(doc, ".md")
	pair := b.set.Lookup(p)
	switch {
	case pair == nil || !strings.HasSuffix(doc, ".md"):
		return quiz.RefNoDocument
	case !pair.Public():
		return quiz.RefNotPublic
	}
	for _, lang := range content.Languages {
		if !hasHeading(b.docs[lang+"/"+p].res, section) {
			return quiz.RefNoSection
		}
	}
	return quiz.RefOK
}

func (b *builder) quizPage(lang string, q *quiz.Quiz) {
	out := lang + "/quiz/" + q.Name + ".html"
	p := newPage("quiz", lang, out, q.Title.In(lang))
	p.Description = q.Description.In(lang)
	p.Alt = altFor(p, out)
	resolve := func(ref string) (string, string) {
		doc, sec, _ := strings.Cut(ref, "#")
		path := strings.TrimSuffix(doc, ".md")
		r := b.docs[lang+"/"+path]
		if r == nil {
			return "", ""
		}
		for _, h := range r.res.Headings {
			if h.ID == sec {
				return "../" + path + ".html#" + sec, h.Text
			}
		}
		return "", ""
	}
	data, err := q.ClientJSON(lang, resolve, b.quizMeta(q))
	if err != nil {
		b.errs = append(b.errs, err)
		return
	}
	p.Quiz = &quizView{
		Description: q.Description.In(lang),
		StorageKey:  "policysite:quiz:" + q.Name + ":" + lang,
		JSON:        template.JS(data),
	}
	p.Crumbs = []link{{Href: "../index.html", Title: uiStrings[lang].Home}}
	b.render(out, p)
}

// quizMeta says which revisions of the quiz and the policy a certificate
// covers. Without history there is nothing to say.
func (b *builder) quizMeta(q *quiz.Quiz) quiz.Meta {
	return quiz.Meta{}
}
