package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutRefused: -out never replaces the project, its sources, a folder
// holding them, a .git folder or a folder that is not an earlier output,
// however spelt, with build, check or serve; the refusal is "path: message",
// exit 1, and every file is still there. A folder that was an output is
// replaced.
func TestOutRefused(t *testing.T) {
	t.Parallel()
	files := minimalSite()
	files["quizzes/training.yaml"] = staleQuiz
	files["build.go"] = "OUTKEEPMARKER"
	files["mine/work.txt"] = "OUTKEEPMARKER"
	dir := writeTree(t, files)
	os.MkdirAll(filepath.Join(dir, ".git"), 0o755)
	os.WriteFile(filepath.Join(dir, ".git", "HEAD"), []byte("OUTKEEPMARKER"), 0o644)
	parent := filepath.Dir(dir)
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(filepath.Join(dir, "content"), link); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ out, want string }{
		{"content", "replaced by the site"},
		{"content/ja", "refusing to build inside"},
		{"quizzes", "replaced by the site"},
		{"templates/x", "refusing to build inside"},
		{dir, "replaced by the site"},
		{".", "replaced by the site"},
		{"public/..", "replaced by the site"},
		{"./public/../content/", "replaced by the site"},
		{"..", "contains"},
		{parent, "contains"},
		{link, "replaced by the site"},
		{".git", "inside a .git folder"},
		{"mine", "not the output of an earlier build"},
		{"build.go", "not a folder"},
	} {
		for _, cmd := range [][]string{nil, {"check"}, {"serve", "-port", "0"}} {
			args := append([]string{"-history=false", "-out", tt.out}, cmd...)
			code, _, stderr := build(t, dir, args...)
			target := tt.out
			if !filepath.IsAbs(target) {
				target = filepath.Join(dir, target)
			}
			if code != 1 || !strings.HasPrefix(stderr, target+": ") || !strings.Contains(stderr, tt.want) {
				t.Errorf("%q %v: exit %d, stderr %q; want 1 and %q", tt.out, cmd, code, stderr, target+": …"+tt.want)
			}
		}
	}
	for name, data := range files {
		if b, err := os.ReadFile(filepath.Join(dir, name)); err != nil || string(b) != data {
			t.Errorf("%s: gone or changed (%v)", name, err)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, ".git", "HEAD")); string(b) != "OUTKEEPMARKER" {
		t.Error(".git/HEAD gone")
	}
	// An earlier output is replaced, and a new folder is made.
	for _, out := range []string{"public", "public", "site/out"} {
		if code, _, stderr := build(t, dir, "-history=false", "-out", out); code != 0 {
			t.Errorf("-out %s: %s", out, stderr)
		}
	}
}
