package site

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"

	"policysite/generator/quiz"
)

// scoAssets are the files of templates/assets/ the SCO needs. The package
// holds everything it uses: an LMS serves it from its own place, with no
// way to reach the site.
var scoAssets = []string{"assets/style.css", "assets/quiz.css", "assets/quiz.js"}

// scoView is the data of templates/scorm.html.
type scoView struct {
	Lang, Title, Description string
	StorageKey               string
	JSON                     template.JS
	NoScript                 string
	Org                      string // the organisation's name, for the learner to know whose training it is
}

// scoTemplate parses templates/scorm.html: a page of its own, not a kind
// of base.html, as nothing of the site's frame (header, search, footer
// links) can work inside the package. It is parsed for each package, which
// costs less than a page of the site takes to render.
func (b *builder) scoTemplate() (*template.Template, error) {
	src, err := fs.ReadFile(b.opt.Templates, "scorm.html")
	if err != nil {
		return nil, fmt.Errorf("templates/scorm.html: %w", err)
	}
	t, err := template.New("scorm.html").Funcs(template.FuncMap{"csp": func() string { return CSP }}).Parse(string(src))
	if err != nil {
		return nil, templateError(err)
	}
	return t, nil
}

// scormPackage writes <lang>/quiz/<name>-scorm12.zip: the quiz as one SCORM
// 1.2 SCO (templates/scorm.html with quiz.js, which reports to the LMS when
// it finds one) and its imsmanifest.xml. Sections are named, not linked:
// the site is not in the package. The package has no re-training (its
// links would lead out of it; the LMS keeps the learner's records) but
// does say which revisions of the quiz and the policy it is.
func (b *builder) scormPackage(lang string, q *quiz.Quiz, meta quiz.Meta) {
	out := lang + "/quiz/" + q.SCORMFile()
	tm, err := b.scoTemplate()
	if err != nil {
		b.fail(err)
		return
	}
	resolve := func(ref string) (string, string) {
		path, h := b.quizSection(lang, ref)
		r := b.docs[lang+"/"+path]
		if h == "" || r == nil {
			return "", ""
		}
		return "", r.doc.Title + " " + h
	}
	meta.Revisions = nil
	data, err := q.ClientJSON(lang, resolve, meta)
	if err != nil {
		b.fail(err)
		return
	}
	var page bytes.Buffer
	v := scoView{
		Lang:        lang,
		Title:       q.Title.In(lang),
		Description: q.Description.In(lang),
		StorageKey:  "policysite:scorm:" + q.Name + ":" + lang,
		JSON:        template.JS(data),
		NoScript:    uiStrings[lang].QuizNoScript,
		Org:         b.org[lang].Organisation,
	}
	if err := tm.Execute(&page, v); err != nil {
		b.fail(fmt.Errorf("%s: %w", out, templateError(err)))
		return
	}
	files := map[string][]byte{quiz.SCORMLaunch: page.Bytes()}
	for _, a := range scoAssets {
		d, err := fs.ReadFile(b.opt.Templates, a)
		if err != nil {
			b.fail(fmt.Errorf("templates/%s: %w", a, err))
			return
		}
		files[a] = d
	}
	names := append([]string{quiz.SCORMLaunch}, scoAssets...)
	files["imsmanifest.xml"] = q.Manifest(lang, names)
	zip, err := quiz.SCORMZip(files)
	if err != nil {
		b.fail(fmt.Errorf("%s: %w", out, err))
		return
	}
	b.put(out, zip, true)
}
