package preview

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

const csp = `<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;self&#39;">`

func TestInject(t *testing.T) {
	const script = `<script src="/_preview/reload.js" data-version="7"></script>` + "\n"
	tests := []struct {
		name, in, want string
	}{
		{
			name: "escaped policy",
			in:   "<head>" + csp + "</head><body><p>x</p></body></html>",
			want: `<head><meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;self&#39;; connect-src &#39;self&#39;"></head><body><p>x</p>` + script + "</body></html>",
		},
		{
			name: "plain policy with trailing semicolon, content first",
			in:   `<META content="default-src 'none';" HTTP-EQUIV="content-security-policy"></BODY>`,
			want: `<META content="default-src &#39;none&#39;; connect-src &#39;self&#39;" HTTP-EQUIV="content-security-policy">` + script + `</BODY>`,
		},
		{
			name: "connect-src already named",
			in:   `<meta http-equiv="Content-Security-Policy" content="connect-src 'none'"><body></body>`,
			want: `<meta http-equiv="Content-Security-Policy" content="connect-src 'none'"><body>` + script + `</body>`,
		},
		{
			name: "other meta tags untouched",
			in:   `<meta name="description" content="a; b"><body></body>`,
			want: `<meta name="description" content="a; b"><body>` + script + `</body>`,
		},
		{
			name: "script before the last </body>",
			in:   `<body><pre>&lt;/body&gt; </body></pre></body>`,
			want: `<body><pre>&lt;/body&gt; </body></pre>` + script + `</body>`,
		},
		{
			name: "no </body>",
			in:   `<p>x`,
			want: `<p>x` + script,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(Inject([]byte(tt.in), 7)); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestFlatten(t *testing.T) {
	err := errors.Join(
		errors.New("a.md:1: one"),
		errors.Join(errors.New("b.md:2: two"), fmt.Errorf("c.md:3: three\nc.md:4: four")),
	)
	want := []string{"a.md:1: one", "b.md:2: two", "c.md:3: three", "c.md:4: four"}
	if got := flatten(err); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// fakeSite is a build whose result the test sets.
type fakeSite struct {
	mu    sync.Mutex
	files map[string][]byte
	err   error
}

func (f *fakeSite) set(files map[string]string, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.files = map[string][]byte{}
	for name, data := range files {
		f.files[name] = []byte(data)
	}
	f.err = err
}

func (f *fakeSite) build(out *Files) ([]string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return nil, f.err
	}
	for name, data := range f.files {
		out.Add(name, data, false)
	}
	return []string{"a warning"}, nil
}

func quiet(s *Server) *Server {
	s.Stdout, s.Stderr = io.Discard, io.Discard
	return s
}

func page(lang, body string) string {
	return `<!DOCTYPE html><html lang="` + lang + `"><head>` + csp + `</head><body>` + body + "</body></html>\n"
}

type response struct {
	status int
	ctype  string
	body   string
}

func fetch(t *testing.T, h http.Handler, target string) response {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
	return response{rec.Code, rec.Header().Get("Content-Type"), rec.Body.String()}
}

func TestHandler(t *testing.T) {
	site := &fakeSite{}
	site.set(map[string]string{
		"index.html":       page("ja", "landing"),
		"ja/index.html":    page("ja", "ホーム"),
		"en/index.html":    page("en", "Home"),
		"assets/style.css": "body{}",
		"assets/site.js":   "1",
		"ja/feed.atom":     "<feed/>",
	}, nil)
	s := quiet(New(site.build, nil))
	s.Rebuild("")
	h := s.Handler()

	tests := []struct {
		target, ctype string
		status        int
		has           []string
	}{
		{"/", "text/html; charset=utf-8", 200, []string{"landing", `connect-src &#39;self&#39;`, `<script src="/_preview/reload.js" data-version="1"></script>`}},
		{"/ja/", "text/html; charset=utf-8", 200, []string{"ホーム"}},
		{"/en/index.html", "text/html; charset=utf-8", 200, []string{"Home"}},
		{"/assets/style.css", "text/css; charset=utf-8", 200, []string{"body{}"}},
		{"/assets/site.js", "text/javascript; charset=utf-8", 200, []string{"1"}},
		{"/ja/feed.atom", "application/atom+xml; charset=utf-8", 200, []string{"<feed/>"}},
		{"/ja", "text/html; charset=utf-8", http.StatusMovedPermanently, nil},
		{"/ja/missing.html", "text/plain; charset=utf-8", 404, nil},
		{"/_preview/version", "text/plain; charset=utf-8", 200, []string{"1\n"}},
		{"/_preview/reload.js", "text/javascript; charset=utf-8", 200, []string{"location.reload()"}},
		{"/_preview/other", "text/plain; charset=utf-8", 404, nil},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			got := fetch(t, h, tt.target)
			if got.status != tt.status || got.ctype != tt.ctype {
				t.Errorf("status %d, type %q; want %d, %q", got.status, got.ctype, tt.status, tt.ctype)
			}
			for _, s := range tt.has {
				if !strings.Contains(got.body, s) {
					t.Errorf("body lacks %q:\n%s", s, got.body)
				}
			}
		})
	}
	if got := fetch(t, h, "/assets/style.css"); strings.Contains(got.body, "reload.js") {
		t.Errorf("reload script injected into CSS: %s", got.body)
	}
}

func TestBuildFailure(t *testing.T) {
	good := map[string]string{"ja/index.html": page("ja", "ホーム"), "en/index.html": page("en", "Home"), "assets/style.css": "body{}"}
	site := &fakeSite{}
	site.set(good, nil)
	s := quiet(New(site.build, nil))
	s.Rebuild("")
	h := s.Handler()

	site.set(nil, errors.Join(
		errors.New(`content/ja/index.md:3: unknown visibility "<b>Public</b>"`),
		errors.New("templates/base.html:9: bad"),
	))
	s.Rebuild("")
	if v := s.Version(); v != 2 {
		t.Fatalf("version %d after a failed build, want 2", v)
	}
	for _, tt := range []struct{ target, lang string }{{"/ja/index.html", "ja"}, {"/en/", "en"}, {"/", "ja"}, {"/en/gone.html", "en"}} {
		got := fetch(t, h, tt.target)
		if got.status != 500 {
			t.Errorf("%s: status %d, want 500", tt.target, got.status)
		}
		for _, want := range []string{
			`<html lang="` + tt.lang + `">`,
			"<title>Build failed</title>",
			`<li><code>content/ja/index.md:3: unknown visibility &#34;&lt;b&gt;Public&lt;/b&gt;&#34;</code></li>`,
			`<li><code>templates/base.html:9: bad</code></li>`,
			`<script src="/_preview/reload.js" data-version="2"></script>`,
		} {
			if !strings.Contains(got.body, want) {
				t.Errorf("%s: error page lacks %q:\n%s", tt.target, want, got.body)
			}
		}
	}
	// Other files come from the last good build.
	if got := fetch(t, h, "/assets/style.css"); got.status != 200 || got.body != "body{}" {
		t.Errorf("stylesheet during a failure: %d %q", got.status, got.body)
	}

	// The same failure again is not a new version; the fix is.
	s.Rebuild("")
	if v := s.Version(); v != 2 {
		t.Errorf("version %d after the same failure, want 2", v)
	}
	site.set(good, nil)
	s.Rebuild("")
	if v := s.Version(); v != 3 {
		t.Errorf("version %d after the fix, want 3", v)
	}
	if got := fetch(t, h, "/ja/index.html"); got.status != 200 || !strings.Contains(got.body, "ホーム") {
		t.Errorf("after the fix: %d\n%s", got.status, got.body)
	}
	// An identical build is not a new version either.
	s.Rebuild("")
	if v := s.Version(); v != 3 {
		t.Errorf("version %d after an identical build, want 3", v)
	}
}

// A failed first build has no last good files: everything is the error page.
func TestFirstBuildFails(t *testing.T) {
	site := &fakeSite{}
	site.set(nil, errors.New("content/ja/index.md:1: no front matter"))
	s := quiet(New(site.build, nil))
	s.Rebuild("")
	got := fetch(t, s.Handler(), "/assets/style.css")
	if got.status != 500 || !strings.Contains(got.body, "content/ja/index.md:1: no front matter") {
		t.Errorf("status %d:\n%s", got.status, got.body)
	}
}

// A request for the version of the current version waits for the next one.
func TestLongPoll(t *testing.T) {
	site := &fakeSite{}
	site.set(map[string]string{"index.html": "1"}, nil)
	s := quiet(New(site.build, nil))
	s.Rebuild("")
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()

	answer := make(chan string, 1)
	go func() {
		resp, err := http.Get(srv.URL + "/_preview/version?since=1")
		if err != nil {
			answer <- err.Error()
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		answer <- string(b)
	}()
	site.set(map[string]string{"index.html": "2"}, nil)
	s.Rebuild("")
	select {
	case got := <-answer:
		if got != "2\n" {
			t.Errorf("got %q, want the new version 2", got)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no answer after the rebuild")
	}
	// A stale "since" answers at once.
	if got := fetch(t, s.Handler(), "/_preview/version?since=1"); got.body != "2\n" {
		t.Errorf("since=1 at version 2: %q", got.body)
	}
}

func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestScan(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "content/ja/a.md"), "a")
	writeFile(t, filepath.Join(dir, "content/ja/.a.md.swp"), "swap")
	writeFile(t, filepath.Join(dir, "content/ja/a.md~"), "backup")
	writeFile(t, filepath.Join(dir, "content/.git/HEAD"), "x")
	s := New(nil, []string{filepath.Join(dir, "content"), filepath.Join(dir, "missing")})
	var got []string
	for p := range s.scan() {
		rel, _ := filepath.Rel(dir, p)
		got = append(got, filepath.ToSlash(rel))
	}
	slices.Sort(got)
	want := []string{"content", "content/ja", "content/ja/a.md"}
	if !slices.Equal(got, want) {
		t.Errorf("scanned %q, want %q", got, want)
	}

	a := s.scan()
	writeFile(t, filepath.Join(dir, "content/ja/a.md"), "longer")
	writeFile(t, filepath.Join(dir, "missing/b.md"), "b")
	if got, want := changes(a, s.scan()), filepath.Join(dir, "content/ja/a.md")+" and 1 more"; got != want {
		t.Errorf("changes: %q, want %q", got, want)
	}
}

// Watch rebuilds after a change, once the writes have settled.
func TestWatch(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.txt")
	writeFile(t, file, "one")
	build := func(out *Files) ([]string, error) {
		data, err := os.ReadFile(file)
		if err == nil {
			out.Add("index.html", data, false)
		}
		return nil, err
	}
	s := quiet(New(build, []string{dir}))
	s.Poll, s.Settle = 10*time.Millisecond, 10*time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.Watch(ctx)
	}()
	defer func() { cancel(); <-done }()
	h := s.Handler()
	waitFor(t, h, "/", "one")
	writeFile(t, file, "two, longer")
	waitFor(t, h, "/", "two, longer")
	if v := s.Version(); v != 2 {
		t.Errorf("version %d, want 2", v)
	}
}

// waitFor polls target until its body contains want, or fails after a
// generous deadline (which only keeps a broken watcher from hanging).
func waitFor(t *testing.T, h http.Handler, target, want string) response {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		got := fetch(t, h, target)
		if strings.Contains(got.body, want) {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s never showed %q; last (%d):\n%s", target, want, got.status, got.body)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// ListenAndServe serves on 127.0.0.1, prints the URL, and returns promptly
// when its context ends, even with a long poll waiting.
func TestListenAndServe(t *testing.T) {
	site := &fakeSite{}
	site.set(map[string]string{"ja/index.html": page("ja", "ホーム")}, nil)
	s := New(site.build, nil)
	out := &syncBuffer{}
	s.Stdout, s.Stderr, s.Home = out, out, "ja/index.html"
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.ListenAndServe(ctx, "127.0.0.1:0") }()

	var url string
	deadline := time.Now().Add(20 * time.Second)
	for url == "" {
		if time.Now().After(deadline) {
			t.Fatalf("no URL printed:\n%s", out.String())
		}
		time.Sleep(10 * time.Millisecond)
		for _, f := range strings.Fields(out.String()) {
			if strings.HasPrefix(f, "http://127.0.0.1:") {
				url = f
			}
		}
	}
	if !strings.HasSuffix(url, "/ja/index.html") || strings.HasSuffix(url, ":0/ja/index.html") {
		t.Errorf("printed URL %s", url)
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("GET %s: %s", url, resp.Status)
	}
	host := strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/ja/index.html")
	if h, _, _ := net.SplitHostPort(host); h != "127.0.0.1" {
		t.Errorf("listening on %s", host)
	}
	// Another host name pointed at 127.0.0.1 is refused.
	req, _ := http.NewRequest("GET", url, nil)
	req.Host = "attacker.example"
	if resp, err := http.DefaultClient.Do(req); err != nil {
		t.Error(err)
	} else {
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("Host attacker.example: %s, want 403", resp.Status)
		}
	}

	polled := make(chan error, 1)
	go func() {
		resp, err := http.Get("http://" + host + "/_preview/version?since=1")
		if err == nil {
			resp.Body.Close()
		}
		polled <- err
	}()
	time.Sleep(50 * time.Millisecond) // let the poll start waiting; if not, the test still passes
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("ListenAndServe: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("ListenAndServe did not return after cancel")
	}
	<-polled
	if !strings.Contains(out.String(), "built 1 files") {
		t.Errorf("output:\n%s", out.String())
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
