package main

import (
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"policysite/generator/history"
	"policysite/generator/preview"
	"policysite/generator/site"
	"policysite/templates"
)

// names records the files a build writes, passing them on.
type names struct {
	site.Writer
	mu   sync.Mutex
	list []string
}

func (n *names) Add(name string, data []byte, minimal bool) error {
	n.mu.Lock()
	n.list = append(n.list, name)
	n.mu.Unlock()
	return n.Writer.Add(name, data, minimal)
}

func (n *names) Create(name string) (io.WriteCloser, error) {
	n.mu.Lock()
	n.list = append(n.list, name)
	n.mu.Unlock()
	return n.Writer.Create(name)
}

// TestPreviewNoLeak: every response of the preview server, of a good build
// and while a build fails, is free of the markers the published site must
// not have: internal documents, a withheld commit message, a note in front
// matter.
func TestPreviewNoLeak(t *testing.T) {
	t.Parallel()
	files := leakSite()
	g := newRepo(t, files)
	g.commit("initial", nil)
	g.commit("方針と PREVIEWMSGMARKER を更新", map[string]string{
		"content/ja/policy.md":            policyJA("public", "改めた本文。"),
		"content/ja/leakfilename-plan.md": mdPage("緊急 LEAKTITLEJA", "internal", "## 手順 {#steps}\n\n改めた LEAKBODYJA\n"),
	})
	h, err := history.Read(g.dir, "content", "quizzes")
	if err != nil {
		t.Fatal(err)
	}
	rec := &names{} // every name any build wrote
	srv := preview.New(func(out *preview.Files) ([]string, error) {
		rec.Writer = out
		s, err := site.Build(site.Options{FS: os.DirFS(g.dir), Templates: templates.Dir(""), History: h, Out: rec, Today: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			return nil, err
		}
		return s.Warnings, nil
	}, nil)
	srv.Stdout, srv.Stderr = io.Discard, io.Discard
	handler := srv.Handler()
	markers := append([]string{"PREVIEWMSGMARKER", "PREVIEWTITLEMARKER"}, leakMarkers...)
	get := func(path string) string {
		w := httptest.NewRecorder()
		handler.ServeHTTP(w, httptest.NewRequest("GET", "/"+path, nil))
		return w.Body.String()
	}
	check := func(when string) {
		got := map[string][]byte{}
		list := append([]string{"", "ja/index.html", "no-such-page.html"}, rec.list...)
		sort.Strings(list)
		for _, p := range list {
			got[p] = []byte(get(p))
		}
		if len(got) < 10 {
			t.Fatalf("%s: only %d responses", when, len(got))
		}
		assertNoMarkers(t, got, markers)
	}
	srv.Rebuild("")
	check("good build")
	os.WriteFile(filepath.Join(g.dir, "content/ja/policy.md"), []byte(mdPage("基本方針 <!-- PREVIEWTITLEMARKER -->", "public", "本文。\n")), 0o644)
	srv.Rebuild("content/ja/policy.md")
	if page := get("ja/index.html"); !strings.Contains(page, "content/ja/policy.md:2") {
		t.Errorf("the failed build's page does not name the line:\n%s", page)
	}
	check("failed build")
}
