package site

import (
	"fmt"
	"html/template"
	"strings"

	"policysite/generator/content"
	"policysite/generator/history"
	"policysite/generator/quiz"
)

// loadQuizzes reads quizzes/, checks every question's reference against the
// public documents, warns about what lets a learner guess the answers
// (quiz.Lint), and lists the sections no question covers.
func (b *builder) loadQuizzes() {
	qs, err := quiz.Load(b.opt.FS, "quizzes")
	if err != nil {
		b.errs = append(b.errs, err)
	}
	for _, q := range qs {
		if err := q.CheckRefs(b.refStatus); err != nil {
			b.errs = append(b.errs, err)
		}
		for _, w := range q.Lint() {
			b.warns = append(b.warns, w.Error())
		}
	}
	if len(qs) == 0 {
		return
	}
	b.quiz = qs
	for _, pair := range b.set.Public() {
		if pair.Path == "index" {
			continue
		}
		if un := quiz.Uncovered(pair.Path+".md", b.docs["ja/"+pair.Path].covered, qs...); len(un) > 0 {
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
	data, err := q.ClientJSON(lang, resolve, b.quizMeta(lang, q))
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

// quizMeta says which revisions of the quiz and of the documents it asks
// about a certificate covers: the last commit of each. Without history
// there is nothing to say, and the certificate says so.
func (b *builder) quizMeta(lang string, q *quiz.Quiz) quiz.Meta {
	var m quiz.Meta
	if b.opt.History == nil {
		return m
	}
	describe := func(c *history.Commit) string {
		return c.Short + " (" + formatDate(lang, c.Time) + ")"
	}
	if vs := b.opt.History.Files[q.Path]; len(vs) > 0 {
		m.QuizRevision = describe(vs[len(vs)-1].Commit)
	}
	var last *history.Commit
	for _, qu := range q.Questions {
		if dh := b.hist[strings.TrimSuffix(qu.Doc(), ".md")]; dh != nil && len(dh.revs) > 0 {
			if c := dh.revs[len(dh.revs)-1].commit; last == nil || c.Seq > last.Seq {
				last = c
			}
		}
	}
	if last != nil {
		m.PolicyRevision = describe(last)
	}
	return m
}

// staleQuestions warns about questions whose section changed in git after
// the question itself last did: the answer may no longer be right.
func (b *builder) staleQuestions() {
	h := b.opt.History
	if h == nil {
		return
	}
	for _, q := range b.quiz {
		changed := questionChanges(q, h.Files[q.Path])
		for _, qu := range q.Questions {
			qc, ok := changed[qu.ID]
			if !ok {
				continue // not committed yet
			}
			dh := b.hist[strings.TrimSuffix(qu.Doc(), ".md")]
			if dh == nil {
				continue
			}
			sc := sectionChange(dh, qu.Section())
			if sc != nil && sc.Seq > qc.Seq {
				b.warns = append(b.warns, fmt.Sprintf("%s:%d: question %q: section %s changed in %s (%s), after the question last changed in %s: review the question",
					q.Path, qu.Line, qu.ID, qu.Ref, sc.Short, sc.Time.Format("2006-01-02"), qc.Short))
			}
		}
	}
}

// questionChanges returns, per question ID, the last commit that changed
// the question (its texts, choices, answers or reference).
func questionChanges(cur *quiz.Quiz, versions []history.Version) map[string]*history.Commit {
	out := map[string]*history.Commit{}
	prints := map[string]string{}
	for _, v := range versions {
		if v.Data == nil {
			continue
		}
		old, err := quiz.Parse(cur.Path, v.Data)
		if err != nil || old == nil {
			continue
		}
		for _, qu := range old.Questions {
			p := fingerprint(qu)
			if prints[qu.ID] != p {
				prints[qu.ID] = p
				out[qu.ID] = v.Commit
			}
		}
	}
	return out
}

func fingerprint(qu *quiz.Question) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s|%s|%s|%s|%s|%s|%v", qu.Type, qu.Ref, qu.Prompt.JA, qu.Prompt.EN, qu.Explanation.JA, qu.Explanation.EN, qu.Correct())
	for _, c := range qu.Choices {
		fmt.Fprintf(&sb, "|%s|%s", c.Text.JA, c.Text.EN)
	}
	return sb.String()
}

// sectionChange returns the last published revision that changed the text
// of section id (in the Japanese source), or nil.
func sectionChange(dh *docHistory, id string) *history.Commit {
	var last *history.Commit
	prev := "\x00"
	for _, r := range dh.revs {
		var sb strings.Builder
		for _, bl := range r.ja.Blocks() {
			if bl.Section == id {
				sb.WriteString(bl.Text)
				sb.WriteByte('\n')
			}
		}
		if t := sb.String(); t != prev {
			prev = t
			last = r.commit
		}
	}
	return last
}

type quizView struct {
	Description string
	StorageKey  string
	JSON        template.JS
}
