package history

import (
	"errors"
	"reflect"
	"testing"
)

func TestReadSnapshot(t *testing.T) {
	r := newRepo(t)
	r.write(map[string]string{"site/content/ja/a.md": "one", "site/content/ja/b.md": "bee", "site/quizzes/q.yaml": "q", "other.txt": "x"})
	r.commit("first")
	r.write(map[string]string{"site/content/ja/a.md": "two", "site/content/ja/b.md": "-"})
	r.commit("second")
	// Saved, uncommitted edits are not in any snapshot.
	r.write(map[string]string{"site/content/ja/a.md": "three"})
	dir := r.dir + "/site"
	tests := []struct {
		rev     string
		subject string
		files   map[string]string
	}{
		{"HEAD", "second", map[string]string{"content/ja/a.md": "two"}},
		{"HEAD~1", "first", map[string]string{"content/ja/a.md": "one", "content/ja/b.md": "bee"}},
		{r.hashes[0].String(), "first", map[string]string{"content/ja/a.md": "one", "content/ja/b.md": "bee"}},
		{r.hashes[0].String()[:7], "first", map[string]string{"content/ja/a.md": "one", "content/ja/b.md": "bee"}},
		{"HEAD^", "first", map[string]string{"content/ja/a.md": "one", "content/ja/b.md": "bee"}},
		{"master", "second", map[string]string{"content/ja/a.md": "two"}},
	}
	for _, tt := range tests {
		t.Run(tt.rev, func(t *testing.T) {
			s, err := ReadSnapshot(dir, tt.rev, "content")
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for k, v := range s.Files {
				got[k] = string(v)
			}
			if !reflect.DeepEqual(got, tt.files) || s.Commit.Subject != tt.subject {
				t.Errorf("ReadSnapshot(%q) = %q %v, want %q %v", tt.rev, s.Commit.Subject, got, tt.subject, tt.files)
			}
		})
	}
	for _, bad := range []string{"no-such-branch", "HEAD~5", "0000000"} {
		if _, err := ReadSnapshot(dir, bad, "content"); err == nil {
			t.Errorf("%s gave no error", bad)
		}
	}
	if _, err := ReadSnapshot(t.TempDir(), "HEAD", "content"); !errors.Is(err, ErrNoRepository) {
		t.Errorf("no repository: got %v, want ErrNoRepository", err)
	}
}
