package preview_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"policysite/generator/preview"
	"policysite/generator/site"
	"policysite/templates"
)

func doc(title, vis, body string) string {
	return "---\ntitle: " + title + "\nvisibility: " + vis + "\n---\n\n" + body
}

// project writes a small valid project into a temporary folder.
func project(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	write(t, dir, "content/ja/index.md", doc("ホーム", "public", "ようこそ。\n"))
	write(t, dir, "content/en/index.md", doc("Home", "public", "Welcome.\n"))
	return dir
}

// write replaces a file atomically, as most editors save: on a loaded
// machine a plain truncate-and-write can be seen half done by the watcher,
// and the test would see a build error it did not make.
func write(t *testing.T, dir, name, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(filepath.Dir(p), ".save-"+filepath.Base(p))
	if err := os.WriteFile(tmp, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		t.Fatal(err)
	}
}

// startSite previews the project in dir with the real build, over HTTP.
func startSite(t *testing.T, dir string) (*preview.Server, string) {
	t.Helper()
	opt := site.Options{FS: os.DirFS(dir), Templates: templates.FS}
	build := func(out *preview.Files) ([]string, error) {
		opt := opt
		opt.Out = out
		s, err := site.Build(opt)
		if err != nil {
			return nil, err
		}
		return s.Warnings, nil
	}
	s := preview.New(build, []string{filepath.Join(dir, "content"), filepath.Join(dir, "quizzes")})
	s.Stdout, s.Stderr = io.Discard, io.Discard
	s.Poll, s.Settle = 20*time.Millisecond, 20*time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		s.Watch(ctx)
	}()
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(func() {
		cancel()
		srv.Close()
		<-watched
	})
	return s, srv.URL
}

type result struct {
	status int
	body   string
}

func get(t *testing.T, url string) result {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return result{resp.StatusCode, string(b)}
}

// waitFor polls url until its body contains want. The deadline only keeps a
// broken watcher from hanging the test; nothing is timed.
func waitFor(t *testing.T, url, want string) result {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		r := get(t, url)
		if strings.Contains(r.body, want) {
			return r
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s never showed %q; last (%d):\n%s", url, want, r.status, r.body)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func version(t *testing.T, base string) int {
	t.Helper()
	r := get(t, base+"/_preview/version")
	v, err := strconv.Atoi(strings.TrimSpace(r.body))
	if err != nil || r.status != 200 {
		t.Fatalf("version: %d %q", r.status, r.body)
	}
	return v
}

// An edit, a broken front matter and its fix, with the real build.
func TestPreviewSite(t *testing.T) {
	dir := project(t)
	_, base := startSite(t, dir)
	home := base + "/ja/index.html"

	r := waitFor(t, home, "ようこそ。")
	v1 := version(t, base)
	if !strings.Contains(r.body, `<script src="/_preview/reload.js" data-version="`+strconv.Itoa(v1)+`"></script>`) {
		t.Errorf("reload script missing:\n%s", r.body)
	}
	if !strings.Contains(r.body, "connect-src &#39;self&#39;") {
		t.Errorf("served page's policy lacks connect-src:\n%s", r.body)
	}
	// The built page itself keeps the strict policy and has no script.
	built, err := site.Build(site.Options{FS: os.DirFS(dir), Templates: templates.FS})
	if err != nil {
		t.Fatal(err)
	}
	if page := string(built.Files["ja/index.html"]); strings.Contains(page, "connect-src") || strings.Contains(page, "_preview") {
		t.Errorf("built page carries preview changes:\n%s", page)
	}

	write(t, dir, "content/ja/index.md", doc("ホーム", "public", "改訂しました。\n"))
	waitFor(t, home, "改訂しました。")
	v2 := version(t, base)
	if v2 <= v1 {
		t.Errorf("version %d after an edit, was %d", v2, v1)
	}

	write(t, dir, "content/ja/index.md", doc("ホーム", "Public", "改訂しました。\n"))
	r = waitFor(t, home, "Build failed")
	if r.status != 500 || !strings.Contains(r.body, "content/ja/index.md:3:") || !strings.Contains(r.body, "/_preview/reload.js") {
		t.Errorf("error page (%d):\n%s", r.status, r.body)
	}
	v3 := version(t, base)
	if v3 <= v2 {
		t.Errorf("version %d after breaking, was %d", v3, v2)
	}

	write(t, dir, "content/ja/index.md", doc("ホーム", "public", "直しました。\n"))
	r = waitFor(t, home, "直しました。")
	if r.status != 200 {
		t.Errorf("after the fix: %d", r.status)
	}
	if v4 := version(t, base); v4 <= v3 {
		t.Errorf("version %d after the fix, was %d", v4, v3)
	}
}
