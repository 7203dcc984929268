package site

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"strings"
)

// CSP is the Content-Security-Policy of every page. Everything the site needs
// comes from its own files; inline scripts and styles are not allowed, so
// page data travels in <script type="application/json"> blocks.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'"

// kinds are the page kinds, each a template file that defines "main".
var kinds = []string{"landing", "home", "document", "search", "quiz", "history", "diff", "whats-new", "version", "glossary", "bilingual"}

type templates struct {
	byKind map[string]*template.Template
}

// loadTemplates parses base.html once per page kind together with the
// kind's own file. Errors name the file and line: templates/document.html:12.
func loadTemplates(fsys fs.FS) (*templates, error) {
	funcs := template.FuncMap{"csp": func() string { return CSP }}
	base, err := fs.ReadFile(fsys, "base.html")
	if err != nil {
		return nil, fmt.Errorf("templates/base.html: %w", err)
	}
	t := &templates{byKind: map[string]*template.Template{}}
	for _, k := range kinds {
		name := k + ".html"
		src, err := fs.ReadFile(fsys, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue // a page of this kind then fails in execute, naming the missing file
		}
		if err != nil {
			return nil, err
		}
		tm, err := template.New("base.html").Funcs(funcs).Parse(string(base))
		if err != nil {
			return nil, templateError(err)
		}
		if _, err := tm.New(name).Parse(string(src)); err != nil {
			return nil, templateError(err)
		}
		t.byKind[k] = tm
	}
	return t, nil
}

// templateError turns "template: document.html:12: …" into
// "templates/document.html:12: …".
func templateError(err error) error {
	msg := strings.TrimPrefix(err.Error(), "template: ")
	return fmt.Errorf("templates/%s", msg)
}

func (t *templates) execute(w io.Writer, p *page) error {
	tm := t.byKind[p.Kind]
	if tm == nil {
		return fmt.Errorf("templates/%s.html: missing", p.Kind)
	}
	if err := tm.ExecuteTemplate(w, "base.html", p); err != nil {
		return templateError(err)
	}
	return nil
}
