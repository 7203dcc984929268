package site

import "html/template"

type landingView struct{ EnglishName, Intro string }

type homeView struct {
	Intro     template.HTML
	Documents []card
	Quizzes   []card
	Recent    []recentEntry
}

type card struct {
	Href, Title, Summary string
	Meta                 template.HTML // the dates in .date spans
}

func (b *builder) landing() {
	p := newPage("landing", "ja", "index.html", b.org["ja"].Site)
	p.Landing = &landingView{EnglishName: b.org["en"].Site, Intro: b.docs["ja/index"].doc.Summary}
	b.render("index.html", p)
}

func (b *builder) home(lang string) {
	r := b.docs[lang+"/index"]
	out := lang + "/index.html"
	p := newPage("home", lang, out, r.doc.Title)
	p.Description = r.doc.Summary
	p.Alt = altFor(p, out)
	h := &homeView{Intro: template.HTML(r.res.HTML)}
	for _, pair := range b.set.Public() {
		if pair.Path == "index" {
			continue
		}
		d := pair.In(lang)
		c := card{Href: pair.Path + ".html", Title: d.Title, Summary: d.Summary}
		if !d.Enacted.IsZero() {
			c.Meta = enactedLine(lang, d)
		}
		h.Documents = append(h.Documents, c)
	}
	for _, q := range b.quiz {
		h.Quizzes = append(h.Quizzes, card{Href: "quiz/" + q.Name + ".html", Title: q.Title.In(lang), Summary: q.Description.In(lang)})
	}
	h.Recent = b.recent(lang, p.LangRoot)
	if len(h.Recent) > 5 {
		h.Recent = h.Recent[:5]
	}
	p.Feed = len(h.Recent) > 0
	p.Home = h
	b.render(out, p)
}
