package site

import (
	"fmt"
	"html/template"
	"maps"
	"slices"
	"strings"
	"time"

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
		path, h := b.quizSection(lang, ref)
		if h == "" {
			return "", ""
		}
		return "../" + path + ".html#" + strings.SplitN(ref, "#", 2)[1], h
	}
	meta := b.quizMeta(lang, q)
	data, err := q.ClientJSON(lang, resolve, meta)
	if err != nil {
		b.errs = append(b.errs, err)
		return
	}
	p.Quiz = &quizView{
		Description: q.Description.In(lang),
		StorageKey:  "policysite:quiz:" + q.Name + ":" + lang,
		PassedKey:   "policysite:quiz-passed:" + q.Name,
		JSON:        template.JS(data),
		Text:        quiz.Page(lang),
		SCORM:       q.SCORMFile(),
	}
	p.Crumbs = []link{{Href: "../index.html", Title: uiStrings[lang].Home}}
	b.render(out, p)
	b.scormPackage(lang, q, meta)
}

// quizSection returns the document path of ref ("basic-policy.md#purpose")
// and the text of its heading in lang, or "" when there is none.
func (b *builder) quizSection(lang, ref string) (path, heading string) {
	doc, sec, _ := strings.Cut(ref, "#")
	path = strings.TrimSuffix(doc, ".md")
	r := b.docs[lang+"/"+path]
	if r == nil {
		return path, ""
	}
	for _, h := range r.res.Headings {
		if h.ID == sec {
			return path, h.Text
		}
	}
	return path, ""
}

// quizMeta says which revisions of the quiz and of the documents it asks
// about a certificate covers: the last commit of each; and lists the
// revisions of those documents for re-training. Without history there is
// nothing to say, and the certificate says so.
func (b *builder) quizMeta(lang string, q *quiz.Quiz) quiz.Meta {
	var m quiz.Meta
	if b.opt.History == nil {
		return m
	}
	describe := func(c *history.Commit) string {
		return c.Short + " (" + formatDate(lang, c.Time) + ")"
	}
	if vs := b.opt.History.Files[q.Path]; len(vs) > 0 {
		c := vs[len(vs)-1].Commit
		m.QuizRevision, m.QuizCommit, m.QuizDate = describe(c), c.Short, c.Time.Format(time.DateOnly)
	}
	revs, last := b.quizRevisions(lang, q)
	if last != nil {
		m.PolicyRevision, m.PolicyCommit, m.PolicyDate = describe(last), last.Short, last.Time.Format(time.DateOnly)
	}
	m.Revisions = revs
	return m
}

// quizRevisions lists, oldest first, every published revision of the
// documents q cites, each with the cited sections whose Japanese text (the
// authoritative one, as staleQuestions judges) it changed, linked to that
// revision's 新旧対照表; and returns the last revision's commit. Only what
// the site publishes goes in: published revisions of public documents,
// their dates and short hashes (each has its comparison page), and the
// headings of the sections as the page shows them. Messages are not read.
func (b *builder) quizRevisions(lang string, q *quiz.Quiz) ([]quiz.Revision, *history.Commit) {
	cited := map[string][]string{} // document path → section ids, first citation first
	for _, qu := range q.Questions {
		p := strings.TrimSuffix(qu.Doc(), ".md")
		if !slices.Contains(cited[p], qu.Section()) {
			cited[p] = append(cited[p], qu.Section())
		}
	}
	type change struct {
		c        *history.Commit
		sections []quiz.ChangedSection
	}
	byCommit := map[int]*change{}
	for _, path := range sortedKeys(cited) {
		dh := b.hist[path]
		if dh == nil {
			continue
		}
		texts := map[*version]sectionIndex{}
		for _, r := range dh.revs {
			ch := byCommit[r.commit.Seq]
			if ch == nil {
				ch = &change{c: r.commit}
				byCommit[r.commit.Seq] = ch
			}
			if r.prev == nil {
				continue // a first publication: nobody passed on anything before it
			}
			now, before := memoTexts(texts, r.ja), memoTexts(texts, r.prev.ja)
			// The comparison page of the page's language, or the
			// Japanese one when only the Japanese changed.
			from := "../"
			if !r.changed(lang) {
				from = "../../" + other(lang) + "/"
			}
			for _, id := range cited[path] {
				if sameSection(now, before, id) {
					continue
				}
				ref := path + ".md#" + id
				_, h := b.quizSection(lang, ref)
				ch.sections = append(ch.sections, quiz.ChangedSection{
					Ref:   ref,
					Title: h,
					Href:  from + revisionPath(r.commit.Short) + "#" + docAnchor(path),
				})
			}
		}
	}
	var out []quiz.Revision
	var last *history.Commit
	for _, seq := range slices.Sorted(maps.Keys(byCommit)) {
		ch := byCommit[seq]
		out = append(out, quiz.Revision{Commit: ch.c.Short, Date: formatDate(lang, ch.c.Time), Sections: ch.sections})
		last = ch.c
	}
	return out, last
}

// memoTexts is sectionsOf v's blocks, remembered in memo: each version
// is the new side of one revision and the old side of the next.
func memoTexts(memo map[*version]sectionIndex, v *version) sectionIndex {
	if t, ok := memo[v]; ok {
		return t
	}
	t := sectionsOf(v.Blocks())
	memo[v] = t
	return t
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
	PassedKey   string // where the page keeps the revision a learner passed on (re-training)
	JSON        template.JS
	Text        quiz.PageText
	SCORM       string // the SCORM 1.2 package, next to the page
}
