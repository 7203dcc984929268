package content

import (
	"bytes"
	"policysite/generator/diag"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/adrg/frontmatter"
	"go.yaml.in/yaml/v3"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"no front matter", "# hello\n", "x.md:1: no front matter"},
		{"not closed", "---\ntitle: a\nvisibility: public\n", "x.md:1: front matter is not closed"},
		{"no title", "---\nvisibility: public\n---\n", "x.md:1: front matter has no title"},
		{"no visibility", "---\ntitle: a\n---\n", "x.md:1: front matter has no visibility"},
		{"capital visibility", "---\ntitle: a\nvisibility: Public\n---\n", `x.md:3: unknown visibility "Public" (want public or internal)`},
		{"yes visibility", "---\ntitle: a\nvisibility: yes\n---\n", `x.md:3: unknown visibility "yes"`},
		{"list visibility", "---\ntitle: a\nvisibility: [public]\n---\n", "x.md:3: visibility must be public or internal"},
		{"empty visibility", "---\ntitle: a\nvisibility:\n---\n", "x.md:3: visibility must be public or internal"},
		{"twice", "---\ntitle: a\nvisibility: internal\nvisibility: public\n---\n", "x.md:4: visibility given twice (first on line 3)"},
		{"unknown key", "---\ntitle: a\nvisiblity: public\n---\n", `x.md:3: unknown front matter key "visiblity"`},
		{"bad yaml", "---\ntitle: a\nvisibility: public\n  bad: [\n---\n", "x.md:"},
		{"bad order", "---\ntitle: a\nvisibility: public\norder: first\n---\n", `x.md:4: order must be a whole number, not "first"`},
		{"bad date", "---\ntitle: a\nvisibility: public\nenacted: 2026/03/31\n---\n", "x.md:4: enacted must be a date written YYYY-MM-DD"},
		{"bodies not a list", "---\ntitle: a\nvisibility: public\nbodies: 議会\n---\n", "x.md:4: bodies must be a list"},
		{"empty title", "---\ntitle: \"  \"\nvisibility: public\n---\n", "x.md:2: title must be non-empty text"},
		{"leading blank lines", "\n\n---\ntitle: a\nvisibility: Public\n---\n", `x.md:5: unknown visibility "Public"`},
		{"not a mapping", "---\n- a\n- b\n---\n", "x.md:2: front matter must be key: value lines"},
		{"empty", "---\n---\nbody\n", "x.md:1: front matter is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse("x.md", []byte(tt.src))
			if err == nil {
				t.Fatalf("Parse succeeded (visibility %v); want error %q", doc.Visibility, tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error:\n%v\nwant it to contain %q", err, tt.want)
			}
			if doc != nil {
				t.Errorf("got a document with an error")
			}
		})
	}
}

func TestParse(t *testing.T) {
	src := "---\ntitle: 方針\nvisibility: public\norder: 2\nenacted: 2026-03-31\nbodies:\n  - 議会\nsummary: 要約\n---\n\n## 1 目的 {#purpose}\n"
	d, err := Parse("x.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "方針" || d.Visibility != Public || d.Order != 2 || d.Enacted.Format("2006-01-02") != "2026-03-31" ||
		len(d.Bodies) != 1 || d.Bodies[0] != "議会" || d.Summary != "要約" {
		t.Errorf("got %+v", d)
	}
	if d.BodyLine != 10 {
		t.Errorf("BodyLine = %d, want 10", d.BodyLine)
	}
	if got := strings.Split(src, "\n")[d.BodyLine-1+1]; got != "## 1 目的 {#purpose}" {
		t.Errorf("line after BodyLine = %q", got)
	}
	if d.Line("visibility") != 3 {
		t.Errorf("Line(visibility) = %d, want 3", d.Line("visibility"))
	}
}

func doc(title, vis string) string {
	return "---\ntitle: " + title + "\nvisibility: " + vis + "\n---\nbody\n"
}

func TestLoad(t *testing.T) {
	home := fstest.MapFS{
		"content/ja/index.md": {Data: []byte(doc("ホーム", "public"))},
		"content/en/index.md": {Data: []byte(doc("Home", "public"))},
	}
	tests := []struct {
		name   string
		files  map[string]string
		public []string
		errs   []string
	}{
		{"pair", map[string]string{"ja/a.md": doc("あ", "public"), "en/a.md": doc("A", "public")}, []string{"index", "a"}, nil},
		{"internal both", map[string]string{"ja/a.md": doc("あ", "internal"), "en/a.md": doc("A", "internal")}, []string{"index"}, nil},
		{"internal ja only", map[string]string{"ja/a.md": doc("あ", "internal")}, []string{"index"}, nil},
		{"disagree", map[string]string{"ja/a.md": doc("あ", "internal"), "en/a.md": doc("A", "public")}, []string{"index"},
			[]string{"content/en/a.md:3: visibility public disagrees with content/ja/a.md:3 (visibility internal)"}},
		{"no translation", map[string]string{"ja/a.md": doc("あ", "public")}, []string{"index"},
			[]string{"content/ja/a.md:3: public document has no English translation (want content/en/a.md)"}},
		{"no source", map[string]string{"en/a.md": doc("A", "public")}, []string{"index"},
			[]string{"content/en/a.md:3: public document has no Japanese source"}},
		{"bad name", map[string]string{"ja/Bad Name.md": doc("あ", "public"), "en/Bad Name.md": doc("A", "public")}, []string{"index"},
			[]string{`content/ja/Bad Name.md:1: file name "Bad Name"`, `content/en/Bad Name.md:1: file name "Bad Name"`}},
		{"reserved", map[string]string{"ja/search.md": doc("あ", "public"), "en/search.md": doc("A", "public")}, []string{"index"},
			[]string{`content/ja/search.md:1: file name "search" is reserved`}},
		{"broken one side", map[string]string{"ja/a.md": doc("あ", "Public"), "en/a.md": doc("A", "public")}, []string{"index"},
			[]string{`content/ja/a.md:3: unknown visibility "Public"`, "content/en/a.md:3: public document has no Japanese source"}},
		{"nested and ignored", map[string]string{"ja/std/net.md": doc("あ", "public"), "en/std/net.md": doc("A", "public"),
			"ja/_draft.md": "junk", "ja/notes.txt": "junk", "ja/.hidden/x.md": "junk"}, []string{"index", "std/net"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for k, v := range home {
				fsys[k] = v
			}
			for name, src := range tt.files {
				fsys["content/"+name] = &fstest.MapFile{Data: []byte(src)}
			}
			set, err := Load(fsys, "content")
			var got []string
			for _, p := range set.Public() {
				got = append(got, p.Path)
			}
			if strings.Join(got, ",") != strings.Join(tt.public, ",") {
				t.Errorf("public = %v, want %v", got, tt.public)
			}
			if len(tt.errs) == 0 && err != nil {
				t.Errorf("unexpected error: %v", err)
			}
			for _, want := range tt.errs {
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Errorf("error:\n%v\nwant it to contain %q", err, want)
				}
			}
			if _, ok := err.(diag.List); err != nil && !ok {
				t.Errorf("error %v is not a diag.List", err)
			}
		})
	}
}

func TestLoadNoHome(t *testing.T) {
	_, err := Load(fstest.MapFS{"content/ja/a.md": {Data: []byte(doc("あ", "internal"))}}, "content")
	if err == nil || !strings.Contains(err.Error(), "content/ja/index.md:1: the home page is missing") {
		t.Errorf("err = %v", err)
	}
}

// FuzzParse checks that parsing never panics and never yields a public
// document unless the front matter says, in one key, exactly "public".
func FuzzParse(f *testing.F) {
	f.Add([]byte(doc("a", "public")))
	f.Add([]byte(doc("a", "internal")))
	f.Add([]byte("---\ntitle: a\nvisibility: \"public\"\n---\n"))
	f.Add([]byte("---\ntitle: a\nvisibility: Public\n---\n"))
	f.Add([]byte("---\ntitle: a\nvisibility: public\nvisibility: public\n---\n"))
	f.Add([]byte("\n---\ntitle: [a\nvisibility: public\n---\n"))
	f.Add([]byte("+++\ntitle = 'a'\nvisibility = 'public'\n+++\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Parse("f.md", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.md:") {
				t.Fatalf("error without file:line: %v", err)
			}
			return
		}
		if d.Visibility != Public {
			return
		}
		fm := string(data[:len(data)-len(d.Body)])
		var lines int
		for _, l := range strings.Split(fm, "\n") {
			k, v, ok := strings.Cut(l, ":")
			if !ok || strings.TrimSpace(k) != "visibility" {
				continue
			}
			lines++
			v = strings.TrimSpace(v)
			if v != "public" && v != `"public"` && v != "'public'" && !strings.HasPrefix(v, "public ") && !strings.HasPrefix(v, "!!str public") {
				t.Fatalf("public from visibility %q in %q", v, data)
			}
		}
		if lines != 1 {
			t.Fatalf("public with %d visibility lines: %q", lines, data)
		}
	})
}

// Parse hands frontmatter only the front matter; the body must be the one
// frontmatter would have returned given the whole file.
func FuzzFrontMatterEnd(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: a\nvisibility: public\n---\n\nbody\n",
		"\n\n---\ntitle: a\n---",
		"---\r\ntitle: a\r\n --- \r\nbody",
		"---\ntitle: a\n",
		"title: a\n---\n",
		"---\n---\n---\n",
		"  ---  \n\tx: 1\n---\n---\nrest",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var whole, cut yaml.Node
		want, err1 := frontmatter.MustParse(bytes.NewReader(data), &whole, yamlFormat)
		end := frontMatterEnd(data)
		got, err2 := frontmatter.MustParse(bytes.NewReader(data[:end]), &cut, yamlFormat)
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("errors differ: %v, %v", err1, err2)
		}
		if err1 == nil && (len(got) != 0 || !bytes.Equal(data[end:], want)) {
			t.Fatalf("body %q, want %q", data[end:], want)
		}
	})
}

// TestReadBody reads bodies again after Load: as they are, after an edit of
// the body alone, and never once the front matter changed or for a
// document that is not public.
func TestReadBody(t *testing.T) {
	fsys := fstest.MapFS{
		"content/ja/index.md": {Data: []byte(doc("ホーム", "public"))},
		"content/en/index.md": {Data: []byte(doc("Home", "public"))},
		"content/ja/a.md":     {Data: []byte("---\ntitle: あ\nvisibility: public\n---\n\n## 目的 {#purpose}\n本文\n")},
		"content/en/a.md":     {Data: []byte(doc("A", "public"))},
		"content/ja/b.md":     {Data: []byte(doc("秘", "internal"))},
	}
	set, err := Load(fsys, "content")
	if err != nil {
		t.Fatal(err)
	}
	var ja, internal *Document
	for _, p := range set.Pairs {
		switch p.Path {
		case "a":
			ja = p.JA
		case "b":
			internal = p.JA
		}
	}
	if ja.Body != nil || internal.Body != nil {
		t.Fatal("Load kept a body")
	}
	buf := new([]byte)
	body, err := set.ReadBody(ja, buf)
	if err != nil || string(body) != "\n## 目的 {#purpose}\n本文\n" || ja.BodyLine != 5 {
		t.Fatalf("ReadBody = %q, %v (BodyLine %d)", body, err, ja.BodyLine)
	}

	// A longer body than the buffer holds, and the buffer reused.
	long := "---\ntitle: あ\nvisibility: public\n---\n\n" + strings.Repeat("長い本文。\n", 1000)
	fsys["content/ja/a.md"] = &fstest.MapFile{Data: []byte(long)}
	body, err = set.ReadBody(ja, buf)
	if err != nil || string(body) != long[len(long)-len(body):] || len(body) != 1+1000*len("長い本文。\n") {
		t.Fatalf("after an edit of the body: %d bytes, %v", len(body), err)
	}

	for _, changed := range []string{
		"---\ntitle: あ\nvisibility: internal\n---\n\n本文\n",
		"---\ntitle: あい\nvisibility: public\n---\n\n本文\n",
		"---\ntitle: あ\n",
		"",
	} {
		fsys["content/ja/a.md"] = &fstest.MapFile{Data: []byte(changed)}
		if _, err := set.ReadBody(ja, buf); err == nil || !strings.Contains(err.Error(), "content/ja/a.md:1: changed while the site was being built") {
			t.Errorf("front matter changed to %q: err = %v", changed, err)
		}
	}
	delete(fsys, "content/ja/a.md")
	if _, err := set.ReadBody(ja, buf); err == nil {
		t.Error("a removed file was read")
	}
	if _, err := set.ReadBody(internal, buf); err == nil {
		t.Error("the body of an internal document was read")
	}
}
