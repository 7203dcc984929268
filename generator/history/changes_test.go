package history

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// changeLines renders a commit's changes as "path old>new" lines, with modes in octal, "=" for
// context, and the data of each side when there is some.
func changeLines(c *Commit) []string {
	var out []string
	for _, ch := range c.Changes {
		side := func(f File) string {
			if f.Data != nil {
				return fmt.Sprintf("%o(%s)", f.Mode, f.Data)
			}
			return fmt.Sprintf("%o", f.Mode)
		}
		mark := ""
		if ch.Context {
			mark = "="
		}
		out = append(out, mark+ch.Path+" "+side(ch.Old)+">"+side(ch.New))
	}
	return out
}

// TestReadChanges: every path a commit changed, anywhere in the repository, both sides, with the
// same path in the parallel language folder as context.
func TestReadChanges(t *testing.T) {
	r := newRepo(t)
	r.write(map[string]string{"content/ja/a.md": "ja1", "content/en/a.md": "en1", "README": "r1"})
	root := r.commit("Enact")
	r.write(map[string]string{"content/ja/a.md": "ja2", "content/_drafts/x.md": "d", "notes.txt": "n", "content/ja/b.md": "b"})
	second := r.commit("Mixed")
	r.rename(map[string]string{"content/ja/b.md": "content/ja/c.md"})
	if err := os.Symlink("../../README", filepath.Join(r.dir, "content/en/link.md")); err != nil {
		t.Fatal(err)
	}
	r.write(map[string]string{"content/en/a.md": "en2"})
	third := r.commit("Rename and link")
	// A side branch that adds a file, merged: the merge is compared with its first parent.
	r.write(map[string]string{"content/en/a.md": "en3"})
	side := r.commit("Side")
	r.write(map[string]string{"other/y": "y"})
	side2 := r.commit("Side two", side)
	merge := r.commit("Merge", third, side2)

	h, err := Read(r.dir, "content")
	if err != nil {
		t.Fatal(err)
	}
	byHash := map[string]*Commit{}
	for _, c := range h.Commits {
		byHash[c.Hash] = c
	}
	for _, tt := range []struct {
		name string
		hash string
		want []string
	}{
		{"root", root.String(), []string{"README 0>100644", "content/en/a.md 0>100644(en1)", "content/ja/a.md 0>100644(ja1)"}},
		{"mixed", second.String(), []string{
			"content/_drafts/x.md 0>100644(d)", "=content/en/a.md 100644(en1)>100644(en1)",
			"content/ja/a.md 100644(ja1)>100644(ja2)", "content/ja/b.md 0>100644(b)", "notes.txt 0>100644",
		}},
		{"rename and link", third.String(), []string{
			"content/en/a.md 100644(en1)>100644(en2)", "content/en/link.md 0>120000",
			"=content/ja/a.md 100644(ja2)>100644(ja2)", "content/ja/b.md 100644(b)>0", "content/ja/c.md 0>100644(b)",
		}},
		{"merge", merge.String(), []string{"content/en/a.md 100644(en2)>100644(en3)", "=content/ja/a.md 100644(ja2)>100644(ja2)", "other/y 0>100644"}},
	} {
		c := byHash[tt.hash]
		if c == nil {
			t.Errorf("%s: commit not in the history", tt.name)
			continue
		}
		if got := changeLines(c); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: changes\n%s\nwant\n%s", tt.name, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
		}
	}

	// The cache keeps the same.
	if _, err := ReadCached(r.dir, "content"); err != nil {
		t.Fatal(err)
	}
	cached, how, err := readCached(r.dir, []string{"content"})
	if err != nil || how != hit {
		t.Fatalf("cached read: %v, %v", how, err)
	}
	if err := diffHistory(cached, h); err != nil {
		t.Error("cached:", err)
	}
}

// TestReadChangesSubFolder: a site in a sub-folder of a larger repository sees changes outside it
// as paths starting with "../".
func TestReadChangesSubFolder(t *testing.T) {
	r := newRepo(t)
	r.write(map[string]string{"site/content/ja/a.md": "ja1", "site/content/en/a.md": "en1", "hr/salaries.txt": "s"})
	r.commit("Both")
	h, err := Read(filepath.Join(r.dir, "site"), "content")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"../hr/salaries.txt 0>100644", "content/en/a.md 0>100644(en1)", "content/ja/a.md 0>100644(ja1)"}
	if got := changeLines(h.Commits[0]); !reflect.DeepEqual(got, want) {
		t.Errorf("changes %q, want %q", got, want)
	}
}
