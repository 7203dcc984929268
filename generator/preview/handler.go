package preview

import (
	"bytes"
	_ "embed"
	"html"
	"html/template"
	"mime"
	"net/http"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// prefix holds the preview's own URLs. The site has nothing at its root but
// index.html and folders named by language or assets, so nothing collides.
const prefix = "/_preview/"

// longPoll is how long /_preview/version waits for a new version before
// answering with the current one.
const longPoll = 25 * time.Second

//go:embed reload.js
var reloadJS []byte

// Handler serves the latest build at the root, and the preview's own files
// under /_preview/. It waits for the first build.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+prefix+"version", s.serveVersion)
	mux.HandleFunc("GET "+prefix+"reload.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(reloadJS)
	})
	mux.HandleFunc("GET "+prefix, http.NotFound)
	mux.HandleFunc("GET /", s.serveSite)
	return mux
}

// serveVersion answers with the version, as a decimal number and a newline.
// With ?since=N equal to the version, it first waits for the next one, at
// most longPoll.
func (s *Server) serveVersion(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	v, bumped := s.version, s.bumped
	s.mu.Unlock()
	if since := r.URL.Query().Get("since"); since != "" && since == strconv.Itoa(v) {
		t := time.NewTimer(longPoll)
		defer t.Stop()
		select {
		case <-bumped:
		case <-t.C:
		case <-r.Context().Done():
		}
		v = s.Version()
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write([]byte(strconv.Itoa(v) + "\n"))
}

func (s *Server) serveSite(w http.ResponseWriter, r *http.Request) {
	select {
	case <-s.ready:
	case <-r.Context().Done():
		return
	}
	s.mu.Lock()
	files, errs, v := s.files, s.errs, s.version
	s.mu.Unlock()

	name := strings.TrimPrefix(r.URL.Path, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	w.Header().Set("Cache-Control", "no-store")
	data, ok := files[name]
	if errs != nil && (path.Ext(name) == ".html" || !ok) {
		writeErrorPage(w, langOf(name), errs, v)
		return
	}
	if !ok {
		if _, dir := files[name+"/index.html"]; dir {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
		http.NotFound(w, r)
		return
	}
	if path.Ext(name) == ".html" {
		data = Inject(data, v)
	}
	w.Header().Set("Content-Type", contentType(name))
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".atom":
		return "application/atom+xml; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// langOf is the language of a page by its folder; the landing page and
// anything else is Japanese, the source language.
func langOf(name string) string {
	if strings.HasPrefix(name, "en/") {
		return "en"
	}
	return "ja"
}

var (
	metaTag     = regexp.MustCompile(`(?is)<meta\b[^>]*>`)
	cspEquiv    = regexp.MustCompile(`(?i)\bhttp-equiv\s*=\s*["']?content-security-policy\b`)
	contentAttr = regexp.MustCompile(`(?is)(\bcontent\s*=\s*")([^"]*)(")`)
	bodyEnd     = regexp.MustCompile(`(?i)</body\s*>`)
)

// Inject returns an HTML page as the preview serves it: its
// Content-Security-Policy allows requests to the page's own server
// (connect-src 'self', unless the policy already names connect-src), and
// the reload script of version v is added before </body> (or at the end).
func Inject(page []byte, v int) []byte {
	page = metaTag.ReplaceAllFunc(page, func(tag []byte) []byte {
		if !cspEquiv.Match(tag) {
			return tag
		}
		return contentAttr.ReplaceAllFunc(tag, func(attr []byte) []byte {
			m := contentAttr.FindSubmatch(attr)
			policy := strings.TrimRight(html.UnescapeString(string(m[2])), "; \t\n")
			if strings.Contains(strings.ToLower(policy), "connect-src") {
				return attr
			}
			policy = html.EscapeString(policy + "; connect-src 'self'")
			return bytes.Join([][]byte{m[1], []byte(policy), m[3]}, nil)
		})
	})
	script := []byte(`<script src="` + prefix + `reload.js" data-version="` + strconv.Itoa(v) + `"></script>` + "\n")
	loc := bodyEnd.FindAllIndex(page, -1)
	if len(loc) == 0 {
		return append(page, script...)
	}
	at := loc[len(loc)-1][0]
	out := make([]byte, 0, len(page)+len(script))
	out = append(out, page[:at]...)
	out = append(out, script...)
	return append(out, page[at:]...)
}

// errorPage is what every HTML request gets while the build fails. It needs
// no stylesheet: the last good one may be the broken part.
var errorPage = template.Must(template.New("error").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'">
<title>Build failed</title>
</head>
<body>
<main>
<h1 lang="en">Build failed</h1>
<p>{{.Intro}}</p>
<ul>
{{range .Errors}}<li><code>{{.}}</code></li>
{{end}}</ul>
</main>
<script src="/_preview/reload.js" data-version="{{.Version}}"></script>
</body>
</html>
`))

var errorIntro = map[string]string{
	"ja": "サイトを組み立てられませんでした。次の箇所を直して保存すると、このページは自動で再読み込みされます。",
	"en": "The site could not be built. Fix the following and save: this page reloads by itself.",
}

func writeErrorPage(w http.ResponseWriter, lang string, errs []string, v int) {
	var buf bytes.Buffer
	err := errorPage.Execute(&buf, struct {
		Lang, Intro string
		Errors      []string
		Version     int
	}{lang, errorIntro[lang], errs, v})
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	w.Write(buf.Bytes())
}
