package main

import (
	"archive/zip"
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeTree writes files (slash paths) under a new temporary folder.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// build runs the command line in dir and returns its exit code and output.
func build(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"-C", dir}, args...), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// readTree returns every file under dir by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func mdPage(title, vis, body string) string {
	return "---\ntitle: " + title + "\nvisibility: " + vis + "\n---\n\n" + body
}

// minimalSite is a small valid project: a home page and one public document.
func minimalSite() map[string]string {
	return map[string]string{
		"content/ja/index.md":  mdPage("ホーム", "public", "ようこそ。\n"),
		"content/en/index.md":  mdPage("Home", "public", "Welcome.\n"),
		"content/ja/policy.md": mdPage("基本方針", "public", "## 1 目的 {#purpose}\n\n本文。\n"),
		"content/en/policy.md": mdPage("Basic policy", "public", "## 1 Purpose {#purpose}\n\nText.\n"),
	}
}

// Markers planted where nothing may reach public/. Each must be absent from
// every byte of the output.
var leakMarkers = []string{
	"LEAKBODYJA", "LEAKBODYEN", "LEAKTITLEJA", "LEAKTITLEEN", "leakfilename", "秘匿マーカー",
	"LEAKCOMMENTJA", "LEAKCOMMENTEN", "LEAKRAWHTML", "LEAKSUMMARY", "LEAKONESIDED", "LEAKDISAGREE",
}

func leakSite() map[string]string {
	files := minimalSite()
	files["content/ja/leakfilename-plan.md"] = mdPage("緊急 LEAKTITLEJA", "internal", "## 手順 {#steps}\n\n秘匿マーカー LEAKBODYJA\n")
	files["content/en/leakfilename-plan.md"] = "---\ntitle: Plan LEAKTITLEEN\nvisibility: internal\nsummary: LEAKSUMMARY\n---\n\n## Steps {#steps}\n\nLEAKBODYEN\n"
	// Internal in Japanese only: no translation needed, never published.
	files["content/ja/only-ja.md"] = mdPage("LEAKONESIDED", "internal", "LEAKONESIDED\n")
	files["content/ja/policy.md"] = mdPage("基本方針", "public", "## 1 目的 {#purpose}\n\n本文<!-- LEAKCOMMENTJA -->です。\n\n<!--\nLEAKCOMMENTJA\n-->\n\n<div class=\"x\">LEAKRAWHTML</div>\n")
	files["content/en/policy.md"] = mdPage("Basic policy", "public", "## 1 Purpose {#purpose}\n\nText <span title=\"LEAKRAWHTML\">x</span>.<!-- LEAKCOMMENTEN -->\n")
	return files
}

func assertNoMarkers(t *testing.T, files map[string][]byte, markers []string) {
	t.Helper()
	for name, data := range withArchives(t, files) {
		for _, m := range markers {
			if bytes.Contains(bytes.ToLower(data), bytes.ToLower([]byte(m))) || strings.Contains(strings.ToLower(name), strings.ToLower(m)) {
				t.Errorf("%s contains marker %q", name, m)
			}
		}
	}
}

func TestLeak(t *testing.T) {
	t.Parallel()
	dir := writeTree(t, leakSite())
	if code, _, stderr := build(t, dir); code != 0 {
		t.Fatalf("build failed:\n%s", stderr)
	}
	out := readTree(t, filepath.Join(dir, "public"))
	if len(out) < 5 {
		t.Fatalf("only %d files built", len(out))
	}
	if _, ok := out["ja/policy.html"]; !ok {
		t.Fatal("public document not built")
	}
	assertNoMarkers(t, out, leakMarkers)
}

// A document whose languages disagree fails the build, and even the pages
// a broken build never writes are checked: the site must not publish it.
func TestLeakDisagreement(t *testing.T) {
	t.Parallel()
	files := minimalSite()
	files["content/ja/plan.md"] = mdPage("LEAKDISAGREE", "internal", "LEAKDISAGREE\n")
	files["content/en/plan.md"] = mdPage("LEAKDISAGREE", "public", "LEAKDISAGREE\n")
	dir := writeTree(t, files)
	code, _, stderr := build(t, dir)
	if code == 0 {
		t.Fatal("build succeeded with disagreeing visibility")
	}
	if !strings.Contains(stderr, "content/en/plan.md:3: visibility public disagrees with content/ja/plan.md:3") {
		t.Errorf("stderr:\n%s", stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("a failed build wrote public/")
	}
}

func TestPublicLinkToInternal(t *testing.T) {
	t.Parallel()
	files := leakSite()
	files["content/ja/policy.md"] = mdPage("基本方針", "public", "## 1 目的 {#purpose}\n\n[計画](leakfilename-plan.md#steps)を見よ。\n")
	dir := writeTree(t, files)
	code, _, stderr := build(t, dir)
	if code == 0 {
		t.Fatal("build succeeded with a link to an internal document")
	}
	want := `content/ja/policy.md:8: link "leakfilename-plan.md#steps" points to a document that is not public`
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr:\n%s\nwant %q", stderr, want)
	}
	// The message quotes the link as written in the public file, and
	// nothing of the internal document.
	for _, m := range []string{"LEAKTITLE", "LEAKBODY", "Plan", "緊急"} {
		if strings.Contains(stderr, m) {
			t.Errorf("error message quotes the internal document (%q):\n%s", m, stderr)
		}
	}
}

func TestBuildErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		edit  map[string]string
		wants []string
	}{
		{"bad visibility", map[string]string{"content/ja/policy.md": "---\ntitle: 方針\nvisibility: Public\n---\n"},
			[]string{`content/ja/policy.md:3: unknown visibility "Public" (want public or internal)`}},
		{"missing translation", map[string]string{"content/ja/extra.md": mdPage("追加", "public", "")},
			[]string{"content/ja/extra.md:3: public document has no English translation"}},
		{"broken link", map[string]string{"content/ja/policy.md": mdPage("方針", "public", "## 1 目的 {#purpose}\n\n[x](nothing.md)\n")},
			[]string{`content/ja/policy.md:8: link "nothing.md": no document content/ja/nothing.md`}},
		{"broken anchor", map[string]string{"content/en/policy.md": mdPage("P", "public", "## 1 Purpose {#purpose}\n\n[x](#nowhere)\n")},
			[]string{`content/en/policy.md:8: link "#nowhere": no section {#nowhere} in content/en/policy.md`}},
		{"section mismatch", map[string]string{"content/en/policy.md": mdPage("P", "public", "## 1 Purpose {#aim}\n")},
			[]string{"content/en/policy.md:6: section {#aim} (level 2) does not match the Japanese source's {#purpose} (level 2) at content/ja/policy.md:6"}},
		{"quiz with a bad reference", map[string]string{"quizzes/q.yaml": "title: {ja: 研修, en: Training}\npass_mark: 80\nquestions:\n  - id: a\n    type: truefalse\n    ref: policy.md#nowhere\n    answer: true\n    prompt: {ja: 問, en: Q}\n    explanation: {ja: 解説, en: Why}\n"},
			[]string{`quizzes/q.yaml:6: question "a": ref "policy.md#nowhere": policy.md has no section {#nowhere}`}},
		{"quiz into an internal document", map[string]string{
			"content/ja/secret.md": mdPage("秘", "internal", "## x {#x}\n"),
			"quizzes/q.yaml":       "title: {ja: 研修, en: Training}\npass_mark: 80\nquestions:\n  - id: a\n    type: truefalse\n    ref: secret.md#x\n    answer: true\n    prompt: {ja: 問, en: Q}\n    explanation: {ja: 解説, en: Why}\n"},
			[]string{`quizzes/q.yaml:6: question "a": ref "secret.md#x": the document is not public`}},
		{"heading without ID", map[string]string{"content/ja/policy.md": mdPage("方針", "public", "## 1 目的 {#purpose}\n\n## 2 x\n")},
			[]string{`content/ja/policy.md:8: heading "2 x" has no ID`}},
		{"several at once", map[string]string{
			"content/ja/policy.md": "---\ntitle: 方針\nvisibility: publik\n---\n",
			"content/en/index.md":  "---\ntitle: Home\nvisibility: public\ncolour: red\n---\n",
			"quizzes/q.yaml":       "title: {ja: 研修, en: Training}\npass_mark: 120\nquestions: []\n"},
			[]string{`content/ja/policy.md:3: unknown visibility "publik"`, `content/en/index.md:4: unknown front matter key "colour"`, "quizzes/q.yaml:2:"}},
	}
	for _, tt := range tests {
		// build and check must find the same problems; check writes nothing.
		for _, cmd := range []string{"build", "check"} {
			t.Run(cmd+"/"+tt.name, func(t *testing.T) {
				files := minimalSite()
				for k, v := range tt.edit {
					files[k] = v
				}
				dir := writeTree(t, files)
				code, _, stderr := build(t, dir, cmd)
				if code != 1 {
					t.Errorf("exit code %d, want 1", code)
				}
				for _, w := range tt.wants {
					if !strings.Contains(stderr, w) {
						t.Errorf("stderr:\n%s\nwant %q", stderr, w)
					}
				}
				if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
					t.Error("public/ written")
				}
			})
		}
	}
}

// A failed build leaves the previous public/ exactly as it was; a successful
// one leaves no stale file.
func TestAtomicOutput(t *testing.T) {
	t.Parallel()
	files := minimalSite()
	files["content/ja/extra.md"] = mdPage("追加", "public", "")
	files["content/en/extra.md"] = mdPage("Extra", "public", "")
	dir := writeTree(t, files)
	if code, _, stderr := build(t, dir); code != 0 {
		t.Fatal(stderr)
	}
	before := readTree(t, filepath.Join(dir, "public"))

	os.WriteFile(filepath.Join(dir, "content/ja/policy.md"), []byte("---\ntitle: x\nvisibility: nope\n---\n"), 0o644)
	if code, _, _ := build(t, dir); code == 0 {
		t.Fatal("broken build succeeded")
	}
	after := readTree(t, filepath.Join(dir, "public"))
	if !sameTree(before, after) {
		t.Error("a failed build changed public/")
	}

	os.WriteFile(filepath.Join(dir, "content/ja/policy.md"), []byte(files["content/ja/policy.md"]), 0o644)
	os.WriteFile(filepath.Join(dir, "content/ja/extra.md"), []byte(mdPage("追加", "internal", "")), 0o644)
	os.WriteFile(filepath.Join(dir, "content/en/extra.md"), []byte(mdPage("Extra", "internal", "")), 0o644)
	if code, _, stderr := build(t, dir); code != 0 {
		t.Fatal(stderr)
	}
	now := readTree(t, filepath.Join(dir, "public"))
	for _, p := range []string{"ja/extra.html", "en/extra.html"} {
		if _, ok := now[p]; !ok && before[p] == nil {
			t.Fatalf("%s was never built", p)
		}
		if _, ok := now[p]; ok {
			t.Errorf("stale %s survived after the document became internal", p)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "public.") {
			t.Errorf("left behind %s", e.Name())
		}
	}
}

func sameTree(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !bytes.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

func TestDeterministic(t *testing.T) {
	t.Parallel()
	dir := writeTree(t, leakSite())
	var trees []map[string][]byte
	for _, out := range []string{"one", "two"} {
		if code, _, stderr := build(t, dir, "-out", out); code != 0 {
			t.Fatal(stderr)
		}
		trees = append(trees, readTree(t, filepath.Join(dir, out)))
	}
	if !sameTree(trees[0], trees[1]) {
		for k := range trees[0] {
			if !bytes.Equal(trees[0][k], trees[1][k]) {
				t.Errorf("%s differs between two builds", k)
			}
		}
		t.Fatal("two builds differ")
	}
}

func TestCheckWritesNothing(t *testing.T) {
	t.Parallel()
	dir := writeTree(t, minimalSite())
	code, stdout, stderr := build(t, dir, "check")
	if code != 0 {
		t.Fatalf("check failed: %s", stderr)
	}
	if !strings.Contains(stdout, "no problems") {
		t.Errorf("stdout: %s", stdout)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("check wrote public/")
	}
}

func TestTemplateOverride(t *testing.T) {
	t.Parallel()
	files := minimalSite()
	files["mytemplates/search.html"] = "{{define \"main\"}}<h1>{{.Title}}</h1>CUSTOMSEARCH{{end}}"
	files["broken/document.html"] = "{{define \"main\"}}\n\n{{.Nope}\n{{end}}"
	dir := writeTree(t, files)
	if code, _, stderr := build(t, dir, "-templates", filepath.Join(dir, "mytemplates")); code != 0 {
		t.Fatal(stderr)
	}
	out := readTree(t, filepath.Join(dir, "public"))
	if !bytes.Contains(out["ja/search.html"], []byte("CUSTOMSEARCH")) {
		t.Error("override not used")
	}
	code, _, stderr := build(t, dir, "-templates", filepath.Join(dir, "broken"))
	if code == 0 || !strings.Contains(stderr, "templates/document.html:3:") {
		t.Errorf("code %d, stderr:\n%s\nwant templates/document.html:3:", code, stderr)
	}
}

// The cache's salt is the executable's Go build ID, the same on every
// call, and long enough to be one.

// TestProfileErrors: a profile that cannot be written fails the command
// and says why, instead of being dropped; one that can is written.
func TestProfileErrors(t *testing.T) {
	dir := writeTree(t, minimalSite())
	for _, flag := range []string{"-memprofile", "-cpuprofile"} {
		t.Run(flag, func(t *testing.T) {
			bad := filepath.Join(dir, "no-such-folder", "x.pprof")
			code, _, stderr := build(t, dir, flag, bad, "check")
			if code != 1 || !strings.Contains(stderr, "no-such-folder") {
				t.Errorf("%s into a missing folder: exit %d, stderr %q; want 1 and the path", flag, code, stderr)
			}
			good := filepath.Join(t.TempDir(), "x.pprof")
			if code, _, stderr := build(t, dir, flag, good, "check"); code != 0 {
				t.Fatalf("%s: exit %d: %s", flag, code, stderr)
			}
			if st, err := os.Stat(good); err != nil || st.Size() == 0 {
				t.Errorf("%s wrote no profile: %v", flag, err)
			}
		})
	}
}

// withArchives returns files with the entries of every zip archive among
// them added as "archive.zip!/entry", decompressed, so that a marker is
// found in an archive however its entries are stored.
func withArchives(t *testing.T, files map[string][]byte) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for name, data := range files {
		out[name] = data
		if !strings.HasSuffix(name, ".zip") {
			continue
		}
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Errorf("%s!/%s: %v", name, f.Name, err)
				continue
			}
			b, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Errorf("%s!/%s: %v", name, f.Name, err)
			}
			out[name+"!/"+f.Name] = b
		}
	}
	return out
}
