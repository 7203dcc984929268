package diff

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/*/*.txtar")

// archive is a txtar file: a comment, then files introduced by "-- name --" lines.
type archive struct {
	comment string
	names   []string
	files   map[string]string
}

func parseArchive(data string) archive {
	a := archive{files: map[string]string{}}
	name := ""
	var body strings.Builder
	flush := func() {
		if name == "" {
			a.comment = body.String()
		} else {
			a.names = append(a.names, name)
			a.files[name] = body.String()
		}
		body.Reset()
	}
	for _, line := range strings.SplitAfter(data, "\n") {
		t := strings.TrimRight(line, "\n")
		if strings.HasPrefix(t, "-- ") && strings.HasSuffix(t, " --") && len(t) > 6 {
			flush()
			name = t[3 : len(t)-3]
			continue
		}
		body.WriteString(line)
	}
	flush()
	return a
}

func (a archive) format() []byte {
	var b bytes.Buffer
	b.WriteString(a.comment)
	for _, n := range a.names {
		b.WriteString("-- " + n + " --\n")
		b.WriteString(a.files[n])
	}
	return b.Bytes()
}

// section returns a file of the archive without the newline that ends it in the archive.
func (a archive) section(t *testing.T, name string) string {
	t.Helper()
	s, ok := a.files[name]
	if !ok {
		t.Fatalf("no -- %s -- section", name)
	}
	return strings.TrimSuffix(s, "\n")
}

// TestGolden compares old and new of every testdata/chars/*.txtar with Chars and of every
// testdata/words/*.txtar with Words, rendered as text: [-deleted-] and [+inserted+]. Run with
// -update to rewrite the want sections, then read the marks before committing them.
func TestGolden(t *testing.T) {
	for dir, compare := range map[string]func(string, string) []Span{"chars": Chars, "words": Words} {
		files, err := filepath.Glob(filepath.Join("testdata", dir, "*.txtar"))
		if err != nil {
			t.Fatal(err)
		}
		if len(files) == 0 {
			t.Fatalf("no golden files in testdata/%s", dir)
		}
		for _, file := range files {
			t.Run(dir+"/"+strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
				data, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				a := parseArchive(string(data))
				old, new := a.section(t, "old"), a.section(t, "new")
				spans := compare(old, new)
				checkSpans(t, old, new, spans)
				got := render(spans)
				if *update {
					if _, ok := a.files["want"]; !ok {
						a.names = append(a.names, "want")
					}
					a.files["want"] = got + "\n"
					if err := os.WriteFile(file, a.format(), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				if want := a.section(t, "want"); got != want {
					t.Errorf("%s:\n got %s\nwant %s", file, got, want)
				}
			})
		}
	}
}
