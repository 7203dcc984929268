package main

import (
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"policysite/generator/history"
	"policysite/generator/preview"
	"policysite/generator/site"
	"policysite/templates"
)

// TestAttackPreviewDraft: the preview server's draft comparison of saved
// edits (draft/ja.html, as serve makes it) shows public documents only:
// nothing of an internal document's saved edits, nor of the text a
// document had at HEAD while it was internal, now that it is made public;
// and no other response of the server has any of it either.
func TestAttackPreviewDraft(t *testing.T) {
	t.Parallel()
	files := minimalSite()
	files["content/ja/plan.md"] = mdPage("手順 ATKMARK", "internal", "## 手順 {#steps}\n\nATKMARK 旧\n")
	files["content/ja/later.md"] = mdPage("後に公開 ATKMARK", "internal", "## 本文 {#body}\n\nATKMARK 非公開の本文\n")
	files["content/en/later.md"] = mdPage("Later ATKMARK", "internal", "## Body {#body}\n\nATKMARK internal text\n")
	g := newRepo(t, files)
	g.commit("ATKMARK 手順を置く", nil)
	for name, data := range map[string]string{
		"content/ja/policy.md": policyJA("public", "改めた本文。"),
		"content/ja/plan.md":   mdPage("手順 ATKMARK", "internal", "## 手順 {#steps}\n\nATKMARK 新\n"),
		"content/ja/later.md":  mdPage("後に公開", "public", "## 本文 {#body}\n\n公開の本文。\n"),
		"content/en/later.md":  mdPage("Later", "public", "## Body {#body}\n\nPublished text.\n"),
	} {
		if err := os.WriteFile(filepath.Join(g.dir, filepath.FromSlash(name)), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	h, err := history.Read(g.dir, "content", "quizzes")
	if err != nil {
		t.Fatal(err)
	}
	opt := site.Options{FS: os.DirFS(g.dir), Templates: templates.Dir(""), History: h, Today: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}
	s, err := site.Build(opt)
	if err != nil {
		t.Fatal(err)
	}
	srv := preview.New(previewBuild(opt, g.dir), nil)
	srv.Stdout, srv.Stderr = io.Discard, io.Discard
	srv.Rebuild("")
	got := map[string][]byte{}
	for _, p := range append(s.Paths(), "", "draft/ja.html", "draft/en.html", "draft/assets/draft-ja.css", "no-such-page.html") {
		w := httptest.NewRecorder()
		srv.Handler().ServeHTTP(w, httptest.NewRequest("GET", "/"+p, nil))
		got[p] = w.Body.Bytes()
	}
	draft := string(got["draft/ja.html"])
	if !strings.Contains(draft, "<ins>改めた</ins>") || !strings.Contains(draft, "公開の本文") {
		t.Errorf("the draft lacks the public edits:\n%s", draft)
	}
	assertNoMarkers(t, got, []string{atk, "非公開の本文"})
}
