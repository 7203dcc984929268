package glossary

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"policysite/generator/diag"

	"go.yaml.in/yaml/v3"
)

// File is where the glossary lives in the project folder.
const File = "content/glossary.yaml"

// Term is one entry of the glossary.
type Term struct {
	JA, EN string
	Forms  []string // other forms of EN that count as the rendering
	Wrong  []string // renderings not to use
	// Defined is the section that defines the term, "<doc>.md#<id>".
	Defined string
	NoteJA  string
	NoteEN  string
	Line    int // line of the entry in File
}

// Doc returns the document path of Defined, without .md ("basic-policy").
func (t *Term) Doc() string {
	d, _, _ := strings.Cut(t.Defined, "#")
	return strings.TrimSuffix(d, ".md")
}

// Section returns the section ID of Defined.
func (t *Term) Section() string {
	_, s, _ := strings.Cut(t.Defined, "#")
	return s
}

// Glossary is the loaded glossary: its terms in file order.
type Glossary struct {
	Terms []*Term
	// byRune indexes the terms by their first rune, longest first.
	byRune map[rune][]*Term
}

var definedRef = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)*\.md#[a-z0-9]+(-[a-z0-9]+)*$`)

// Load reads File from fsys. A project without one has an empty glossary
// (nil, no error): nothing is checked and no glossary page is made. The
// error is nil or a diag.List of every problem, and the glossary is then
// nil: a glossary half read would check half the terms.
func Load(fsys fs.FS) (*Glossary, error) {
	for _, p := range []string{path.Dir(File), File} {
		if st, err := fs.Lstat(fsys, p); err == nil && st.Mode()&fs.ModeSymlink != 0 {
			// Git keeps the link, not the text: the glossary pages would
			// publish what no commit holds, from anywhere.
			return nil, diag.List{diag.Errorf(p, 1, "symbolic link: the glossary must be a file (copy it here, or remove the link)")}
		}
	}
	data, err := fs.ReadFile(fsys, File)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, diag.List{diag.Errorf(File, 0, "%v", err)}
	}
	return Parse(File, data)
}

// Parse parses a glossary file's bytes; file names it in errors.
func Parse(file string, data []byte) (*Glossary, error) {
	var errs diag.List
	fail := func(line int, format string, args ...any) {
		errs.Add(file, line, format, args...)
	}
	var root yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&root); err != nil {
		fail(1, "%v", err)
		return nil, errs.Err()
	}
	if root.Kind != yaml.DocumentNode || len(root.Content) != 1 || root.Content[0].Kind != yaml.MappingNode {
		fail(1, "a glossary is a mapping with one key, terms")
		return nil, errs.Err()
	}
	// The glossary is published as written (the glossary pages), so an
	// HTML comment in it is no comment: its note would be shown. Internal
	// notes in the file are YAML comments (# note).
	var comments func(n *yaml.Node)
	comments = func(n *yaml.Node) {
		if strings.Contains(n.Value, "<!--") || strings.Contains(n.Value, "-->") {
			fail(n.Line, "HTML comment markers (<!-- or -->) in the glossary are not comments: the text would be published; write internal notes as YAML comments (# note)")
		}
		for _, c := range n.Content {
			comments(c)
		}
	}
	comments(&root)
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	m := root.Content[0]
	var list *yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Value != "terms" {
			fail(k.Line, "unknown key %q (expected terms)", k.Value)
			continue
		}
		list = v
	}
	if list == nil || list.Kind != yaml.SequenceNode {
		fail(m.Line, "terms must be a list")
		return nil, errs.Err()
	}
	g := &Glossary{byRune: map[rune][]*Term{}}
	seen := map[string]int{}
	for _, n := range list.Content {
		t := &Term{Line: n.Line}
		if n.Kind != yaml.MappingNode {
			fail(n.Line, "a term is a mapping with ja, en and defined")
			continue
		}
		ok := true
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			switch k.Value {
			case "ja", "en", "defined":
				if v.Kind != yaml.ScalarNode || strings.TrimSpace(v.Value) == "" {
					fail(v.Line, "%s must be text", k.Value)
					ok = false
					continue
				}
				s := strings.TrimSpace(v.Value)
				switch k.Value {
				case "ja":
					t.JA = s
				case "en":
					t.EN = s
				default:
					t.Defined = s
				}
			case "forms", "wrong":
				var l []string
				if v.Kind != yaml.SequenceNode {
					fail(v.Line, "%s must be a list of texts", k.Value)
					ok = false
					continue
				}
				for _, c := range v.Content {
					if c.Kind != yaml.ScalarNode || strings.TrimSpace(c.Value) == "" {
						fail(c.Line, "%s must be a list of texts", k.Value)
						ok = false
						continue
					}
					l = append(l, strings.TrimSpace(c.Value))
				}
				if k.Value == "forms" {
					t.Forms = l
				} else {
					t.Wrong = l
				}
			case "note":
				var note struct{ JA, EN string }
				if v.Kind != yaml.MappingNode {
					fail(v.Line, "note must be a pair {ja: …, en: …}")
					ok = false
					continue
				}
				for j := 0; j+1 < len(v.Content); j += 2 {
					switch v.Content[j].Value {
					case "ja":
						note.JA = strings.TrimSpace(v.Content[j+1].Value)
					case "en":
						note.EN = strings.TrimSpace(v.Content[j+1].Value)
					default:
						fail(v.Content[j].Line, "note: unknown key %q (expected ja, en)", v.Content[j].Value)
						ok = false
					}
				}
				if note.JA == "" || note.EN == "" {
					fail(v.Line, "note needs both ja and en")
					ok = false
				}
				t.NoteJA, t.NoteEN = note.JA, note.EN
			default:
				fail(k.Line, "unknown key %q (expected one of: ja, en, forms, wrong, defined, note)", k.Value)
				ok = false
			}
		}
		switch {
		case !ok:
			continue
		case t.JA == "" || t.EN == "" || t.Defined == "":
			fail(n.Line, "a term needs ja, en and defined")
			continue
		case !definedRef.MatchString(t.Defined):
			fail(n.Line, "term %s: defined must name a section as <document>.md#<section-id> (is %q)", t.JA, t.Defined)
			continue
		case seen[t.JA] != 0:
			fail(n.Line, "term %s listed twice (first on line %d)", t.JA, seen[t.JA])
			continue
		}
		seen[t.JA] = n.Line
		g.Terms = append(g.Terms, t)
		r := []rune(t.JA)[0]
		g.byRune[r] = append(g.byRune[r], t)
	}
	for _, ts := range g.byRune {
		sort.SliceStable(ts, func(i, j int) bool { return len(ts[i].JA) > len(ts[j].JA) })
	}
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	return g, nil
}

// Find returns the terms the Japanese text ja contains, in order of first
// appearance, each once. It scans left to right and takes the longest term
// at each place, so a term inside a longer one found there is not found.
func (g *Glossary) Find(ja string) []*Term {
	if g == nil {
		return nil
	}
	var out []*Term
	seen := map[*Term]bool{}
	for i := 0; i < len(ja); {
		r, size := utf8.DecodeRuneInString(ja[i:])
		matched := 0
		for _, t := range g.byRune[r] {
			if strings.HasPrefix(ja[i:], t.JA) {
				if !seen[t] {
					seen[t] = true
					out = append(out, t)
				}
				matched = len(t.JA)
				break
			}
		}
		if matched == 0 {
			matched = size
		}
		i += matched
	}
	return out
}

// Uses reports whether the English text en uses the term's rendering (or
// one of its forms), regardless of case.
func (t *Term) Uses(en string) bool {
	l := strings.ToLower(en)
	if strings.Contains(l, strings.ToLower(t.EN)) {
		return true
	}
	for _, f := range t.Forms {
		if strings.Contains(l, strings.ToLower(f)) {
			return true
		}
	}
	return false
}

// WrongIn returns the first of the term's wrong renderings that en contains,
// or "".
func (t *Term) WrongIn(en string) string {
	l := strings.ToLower(en)
	for _, w := range t.Wrong {
		if strings.Contains(l, strings.ToLower(w)) {
			return w
		}
	}
	return ""
}

// Mismatch is a term whose rendering an English passage lacks.
type Mismatch struct {
	Term  *Term
	Wrong string // a wrong rendering the passage uses, or ""
}

func (m Mismatch) String() string {
	s := fmt.Sprintf("%s should be %q", m.Term.JA, m.Term.EN)
	if m.Wrong != "" {
		s += fmt.Sprintf(" (found %q)", m.Wrong)
	} else {
		s += " (not found in the English)"
	}
	return s + "; see " + File + ":" + fmt.Sprint(m.Term.Line)
}

// Check returns, for the Japanese passage ja and its English counterpart
// en, every term ja contains whose rendering en lacks.
func (g *Glossary) Check(ja, en string) []Mismatch {
	var out []Mismatch
	for _, t := range g.Find(ja) {
		if !t.Uses(en) {
			out = append(out, Mismatch{Term: t, Wrong: t.WrongIn(en)})
		}
	}
	return out
}
