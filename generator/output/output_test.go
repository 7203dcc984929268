package output

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// readTree returns every file under dir by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	got := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		got[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func assertTree(t *testing.T, dir string, want map[string][]byte) {
	t.Helper()
	got := readTree(t, dir)
	for name, w := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("%s: missing", name)
		} else if !bytes.Equal(g, w) {
			t.Errorf("%s: got %q, want %q", name, g, w)
		}
	}
	if string(got[Marker]) != markerText {
		t.Errorf("%s: %q, want the output's mark", Marker, got[Marker])
	}
	for name := range got {
		if _, ok := want[name]; !ok && name != Marker {
			t.Errorf("%s: not wanted (stale?)", name)
		}
	}
}

func site(pages int) map[string][]byte {
	files := map[string][]byte{
		"index.html":       []byte("<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n  <title>x</title>\n</head>\n<body>\n  <p>  top  </p>\n</body>\n</html>\n"),
		"assets/site.js":   []byte("var table = [0x428a2f98, 0x71374491];  // hex literals: the minifier rewrites them in place\n"),
		"assets/style.css": []byte("body {\n  color : #ffffff;\n}\n"),
		"ja/feed.atom":     []byte("<?xml version=\"1.0\"?>\n<feed>\n  <title>x</title>\n</feed>\n"),
		"notes.txt":        []byte("  left   alone  \n"),
	}
	for i := range pages {
		files[fmt.Sprintf("ja/doc-%04d.html", i)] = fmt.Appendf(nil, "<!DOCTYPE html>\n<html lang=\"ja\">\n<body>\n  <main>\n    <p>第%d条   本文</p>\n  </main>\n</body>\n</html>\n", i)
	}
	return files
}

func clone(files map[string][]byte) map[string][]byte {
	out := maps.Clone(files)
	for k, v := range out {
		out[k] = bytes.Clone(v)
	}
	return out
}

func TestWrite(t *testing.T) {
	m := NewMinifier()
	for _, tc := range []struct {
		name     string
		files    map[string][]byte
		minified bool
	}{
		{"minified", site(50), true},
		{"as is", site(50), false},
		{"one file", map[string][]byte{"index.html": []byte("<p>x</p>")}, true},
		{"no files", map[string][]byte{}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "public")
			in := clone(tc.files)
			if err := Write(dir, in, minifyIf(tc.minified)); err != nil {
				t.Fatal(err)
			}
			want := map[string][]byte{}
			for name, data := range tc.files {
				if tc.minified {
					var err error
					if data, err = m.Minify(name, data); err != nil {
						t.Fatal(err)
					}
				}
				want[name] = data
			}
			assertTree(t, dir, want)
			for name, data := range tc.files {
				if !bytes.Equal(in[name], data) {
					t.Errorf("%s: Write changed its input to %q", name, in[name])
				}
			}
		})
	}
}

func TestWriteMinifies(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	if err := Write(dir, site(0), minifyAll); err != nil {
		t.Fatal(err)
	}
	got := readTree(t, dir)
	for _, tc := range []struct{ name, want string }{
		{"index.html", "<p>top</p>"},
		{"assets/style.css", "color:#fff"},
		{"assets/site.js", "1116352408"},
		{"notes.txt", "  left   alone  \n"},
	} {
		if !strings.Contains(string(got[tc.name]), tc.want) {
			t.Errorf("%s: got %q, want it to contain %q", tc.name, got[tc.name], tc.want)
		}
	}
}

func TestWriteReplacesWholeTree(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	if err := Write(dir, site(10), nil); err != nil {
		t.Fatal(err)
	}
	next := map[string][]byte{"index.html": []byte("new"), "en/only.html": []byte("only")}
	if err := Write(dir, next, nil); err != nil {
		t.Fatal(err)
	}
	assertTree(t, dir, next)
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("beside the output: %q, want only public (no .new- or .old- folder left)", names)
	}
}

func TestWriteFailureKeepsPrevious(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string][]byte
		want  string
	}{
		{"outside", map[string][]byte{"../escape.html": nil}, "outside the output folder"},
		{"absolute", map[string][]byte{"/etc/x": nil}, "outside the output folder"},
		{"unclean", map[string][]byte{"ja/./x.html": nil}, "outside the output folder"},
		{"file and folder", map[string][]byte{"ja": []byte("x"), "ja/x.html": []byte("y")}, "ja"},
		{"bad JavaScript", map[string][]byte{"a.js": []byte("var = ;"), "b.html": []byte("<p>")}, "a.js: minify"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "public")
			before := site(3)
			if err := Write(dir, before, nil); err != nil {
				t.Fatal(err)
			}
			err := Write(dir, tc.files, minifyAll)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got error %v, want one containing %q", err, tc.want)
			}
			assertTree(t, dir, before)
			if entries, _ := os.ReadDir(parent); len(entries) != 1 {
				t.Errorf("%d entries beside the output, want 1", len(entries))
			}
		})
	}
}

func TestWriteDeterministic(t *testing.T) {
	files := site(200)
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	if err := Write(a, files, minifyAll); err != nil {
		t.Fatal(err)
	}
	if err := Write(b, files, minifyAll); err != nil {
		t.Fatal(err)
	}
	assertTree(t, b, readTree(t, a))
}

func BenchmarkWrite(b *testing.B) {
	files := site(2000)
	dir := filepath.Join(b.TempDir(), "public")
	for b.Loop() {
		if err := Write(dir, files, minifyAll); err != nil {
			b.Fatal(err)
		}
	}
}

func minifyAll(string) bool { return true }

func minifyIf(b bool) func(string) bool {
	if b {
		return minifyAll
	}
	return nil
}

// Files the caller says are minimal already are written byte for byte.
func TestWriteSkipsMinimal(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	files := map[string][]byte{"a.js": []byte("var  a = 1 ;\n"), "b.js": []byte("var  b = 1 ;\n")}
	if err := Write(dir, files, func(name string) bool { return name != "b.js" }); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(filepath.Join(dir, "a.js"))
	b, _ := os.ReadFile(filepath.Join(dir, "b.js"))
	if bytes.Equal(a, files["a.js"]) {
		t.Errorf("a.js not minified: %q", a)
	}
	if !bytes.Equal(b, files["b.js"]) {
		t.Errorf("b.js changed: %q", b)
	}
}

// A tree is written file by file from several goroutines; only Commit
// replaces the target, and Abort leaves it as it was.
func TestTree(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "old.html"), []byte("old"), 0o644)
	os.WriteFile(filepath.Join(dir, Marker), []byte(markerText), 0o644)

	tr, err := Create(dir, true)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			page := []byte(fmt.Sprintf("<p>\n  page   %d\n</p>\n", i))
			if err := tr.Add(fmt.Sprintf("ja/history/p%d.html", i), page, i%2 == 0); err != nil {
				t.Error(err)
			}
			page[0] = 'X' // the caller may reuse its buffer once Add returns
		}()
	}
	wg.Wait()
	if err := tr.Add("ja/history/p1.html", []byte("again"), false); err == nil {
		t.Error("a second file of one name was accepted")
	}
	if err := tr.Add("../escape.html", []byte("x"), false); err == nil {
		t.Error("a name outside the tree was accepted")
	}
	// A file written by the caller is as written: never minified.
	if w, err := tr.Create("assets/index.js"); err != nil {
		t.Error(err)
	} else {
		fmt.Fprint(w, "var a = {")
		fmt.Fprint(w, "\"b\" : 1};\n")
		if err := w.Close(); err != nil {
			t.Error(err)
		}
	}
	if _, err := tr.Create("ja/history/p3.html"); err == nil {
		t.Error("Create accepted a second file of one name")
	}
	if _, err := tr.Create("../escape.js"); err == nil {
		t.Error("Create accepted a name outside the tree")
	}
	if _, err := os.Stat(filepath.Join(dir, "old.html")); err != nil {
		t.Fatal("the target changed before Commit")
	}
	if err := tr.Commit(); err != nil {
		t.Fatal(err)
	}
	got := readTree(t, dir)
	if len(got) != 42 || got["old.html"] != nil {
		t.Fatalf("after Commit: %d files, old.html %q", len(got), got["old.html"])
	}
	if g := string(got["ja/history/p1.html"]); g != "<p>page 1</p>" {
		t.Errorf("minified page = %q", g)
	}
	if g := string(got["ja/history/p2.html"]); g != "<p>\n  page   2\n</p>\n" {
		t.Errorf("minimal page = %q, want it as given", g)
	}
	if g := string(got["assets/index.js"]); g != "var a = {\"b\" : 1};\n" {
		t.Errorf("file written by the caller = %q", g)
	}

	tr, err = Create(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	tr.Add("new.html", []byte("new"), false)
	tr.Abort()
	if after := readTree(t, dir); len(after) != 42 {
		t.Errorf("Abort changed the target: %d files", len(after))
	}
	if entries, _ := os.ReadDir(filepath.Dir(dir)); len(entries) != 1 {
		t.Errorf("Abort left %d entries beside the target", len(entries)-1)
	}
}

// TestTreeReuse checks that a file written again with the same bytes is
// linked from the tree it replaces, and that nothing else is: not a
// changed file, not a symbolic link, not a file of other permissions.
func TestTreeReuse(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "public")
	elsewhere := filepath.Join(root, "elsewhere.html")
	for name, data := range map[string]string{"same.html": "<p>same</p>", "changed.html": "<p>old</p>", "sub/private.html": "<p>p</p>"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.Chmod(filepath.Join(dir, "sub/private.html"), 0o600)
	os.WriteFile(elsewhere, []byte("<p>link</p>"), 0o644)
	if err := os.Symlink(elsewhere, filepath.Join(dir, "link.html")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	os.WriteFile(filepath.Join(dir, Marker), []byte(markerText), 0o644)
	before, _ := os.Stat(filepath.Join(dir, "same.html"))

	tr, err := Create(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		"same.html": "<p>same</p>", "changed.html": "<p>new</p>", "link.html": "<p>link</p>",
		"sub/private.html": "<p>p</p>", "new.html": "<p>same</p>",
	} {
		if err := tr.Add(name, []byte(data), true); err != nil {
			t.Fatal(err)
		}
	}
	if err := tr.Commit(); err != nil {
		t.Fatal(err)
	}
	got := readTree(t, dir)
	want := map[string]string{"same.html": "<p>same</p>", "changed.html": "<p>new</p>", "link.html": "<p>link</p>",
		"sub/private.html": "<p>p</p>", "new.html": "<p>same</p>", Marker: markerText}
	if len(got) != len(want) {
		t.Errorf("%d files, want %d", len(got), len(want))
	}
	for name, w := range want {
		if string(got[name]) != w {
			t.Errorf("%s = %q, want %q", name, got[name], w)
		}
		st, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil || !st.Mode().IsRegular() || st.Mode().Perm() != 0o644 {
			t.Errorf("%s: %v, %v: want a plain 0644 file", name, st.Mode(), err)
		}
		if linked := os.SameFile(st, before); linked != (name == "same.html") {
			t.Errorf("%s: linked from the old tree = %v", name, linked)
		}
	}
	if data, _ := os.ReadFile(elsewhere); string(data) != "<p>link</p>" {
		t.Errorf("the symbolic link's target changed: %q", data)
	}
}
