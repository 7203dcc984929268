package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCheckTarget: a folder that is not a previous output, or that is,
// holds or lies in a protected folder, however spelt, is refused, and
// nothing is written or removed.
func TestCheckTarget(t *testing.T) {
	root := t.TempDir()
	project := filepath.Join(root, "project")
	for _, d := range []string{"content/ja", "quizzes", "templates", "public", "other", "repo/.git", "mine"} {
		os.MkdirAll(filepath.Join(project, d), 0o755)
	}
	os.WriteFile(filepath.Join(project, "public", Marker), []byte(markerText), 0o644)
	os.WriteFile(filepath.Join(project, "other", "work.txt"), []byte("KEEPMARKER"), 0o644)
	os.WriteFile(filepath.Join(project, "file"), []byte("x"), 0o644)
	os.MkdirAll(filepath.Join(project, "mine", ".git"), 0o755)
	os.WriteFile(filepath.Join(project, "mine", Marker), []byte(markerText), 0o644)
	os.Symlink(filepath.Join(project, "content"), filepath.Join(root, "link-to-content"))
	os.Symlink(project, filepath.Join(root, "link-to-project"))
	keep := []string{project, filepath.Join(project, "content"), filepath.Join(project, "quizzes"), filepath.Join(project, "templates"), project}
	sources := keep[1:4]
	for _, tt := range []struct{ dir, want string }{
		{"public", ""},
		{"new-folder", ""},
		{"content", "replaced by the site"},
		{"content/ja", "refusing to build inside"},
		{"quizzes", "replaced by the site"},
		{"templates", "replaced by the site"},
		{".", "replaced by the site"},
		{"..", "contains"},
		{"public/../content", "replaced by the site"},
		{"../link-to-content", "replaced by the site"},
		{"../link-to-project", "replaced by the site"},
		{"../link-to-project/quizzes/../templates", "replaced by the site"},
		{"other", "not the output of an earlier build"},
		{"file", "not a folder"},
		{"repo/.git", "inside a .git folder"},
		{"repo/.git/public", "inside a .git folder"},
		{"mine", "holds a .git folder"},
	} {
		dir := filepath.Join(project, tt.dir)
		err := CheckTarget(dir, keep, sources)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.dir, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), dir+": ")):
			t.Errorf("%s: error %v, want %q after the path", tt.dir, err, tt.want)
		}
	}
	// Create refuses the same folders as they are not outputs, and leaves them alone.
	if _, err := Create(filepath.Join(project, "other"), false); err == nil {
		t.Error("Create replaced a folder that is not an output")
	}
	if b, _ := os.ReadFile(filepath.Join(project, "other", "work.txt")); string(b) != "KEEPMARKER" {
		t.Error("the folder's file is gone")
	}
}

// TestLeftovers: the folders a killed build left beside the output are
// removed by the next build once they are old; a recent one (maybe a build
// running now) and folders not marked as ours are left.
func TestLeftovers(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	old := time.Now().Add(-time.Hour)
	mk := func(name string, marked bool, when time.Time) {
		p := filepath.Join(parent, name)
		os.MkdirAll(p, 0o755)
		if marked {
			os.WriteFile(filepath.Join(p, Marker), nil, 0o644)
		}
		os.Chtimes(p, when, when)
	}
	mk("public.new-1", true, old)
	mk("public.new-2", true, time.Now())
	mk("public.new-3", false, old)
	mk("public.old-4/tree", true, old)
	os.Chtimes(filepath.Join(parent, "public.old-4"), old, old)
	if err := Write(dir, map[string][]byte{"index.html": []byte("x")}, nil); err != nil {
		t.Fatal(err)
	}
	for name, kept := range map[string]bool{"public.new-1": false, "public.new-2": true, "public.new-3": true, "public.old-4": false} {
		if _, err := os.Stat(filepath.Join(parent, name)); (err == nil) != kept {
			t.Errorf("%s: kept %v, want %v", name, err == nil, kept)
		}
	}
}
