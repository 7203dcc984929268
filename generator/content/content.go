// Package content loads the policy documents under content/ and decides which
// of them may be published.
//
// # Files
//
// A document is content/<lang>/<path>.md, where <lang> is ja (Japanese, the
// source language) or en (English, the translation). The same <path> in both
// languages are translations of each other. <path> is made of lower-case
// ASCII letters, digits and hyphens, in folders if needed
// (content/ja/standards/network.md); it becomes the page's address
// (ja/standards/network.html), so it is checked like one. content/<lang>/index.md
// is the home page of that language. Files that do not end in .md are ignored,
// and so are files and folders whose names begin with "." or "_". A symbolic
// link (to a file or a folder, content/ and the language folders included)
// is an error: git keeps the link, not the text. So is content/organisation.yaml
// as a link.
//
// # Front matter
//
// Every document starts with YAML front matter between two "---" lines:
//
//	---
//	title: 山鹿植木広域行政事務組合サイバーセキュリティを確保するための方針
//	visibility: public
//	order: 1
//	enacted: 2026-03-31
//	bodies:
//	  - 山鹿植木広域行政事務組合
//	summary: 本組合の情報セキュリティ対策の基本方針
//	---
//
// The keys:
//
//	title       required. The page title and the document's H1.
//	visibility  required. public: published; internal: never published, in
//	            any form. Any other value is an error: nothing is published by
//	            default.
//	order       optional integer. Documents are listed by order, then by path
//	            (the home page first).
//	enacted     optional date, YYYY-MM-DD. Shown as 令和8年（2026年）3月31日 制定
//	            or "Enacted 31 March 2026".
//	bodies      optional list of the bodies that enacted the document.
//	summary     optional one-line description, shown in document lists.
//
// Any other key is an error, so that a misspelt key (visiblity) cannot pass
// unnoticed. The two languages of one document must agree on visibility,
// order and enacted; when they disagree on visibility the build fails, and
// until it is mended the document counts as internal in both languages.
//
// A public document must exist in both languages: a Japanese document without
// its English translation, or an English one without its Japanese source, is
// an error. An internal document needs no translation.
//
// # The organisation
//
// content/organisation.yaml names the organisation the site belongs to and
// the site itself, in both languages: the page header and titles, the
// footer, the top page and the feeds' author (see Organisation for its
// keys). Nothing else names the organisation outside the documents, so
// another organisation adopts the generator by replacing content/ and
// quizzes/ only. Without the file the pages use generic names and the
// build warns.
//
// Every error names the file and line: content/ja/basic-policy.md:3: ….
package content

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/adrg/frontmatter"
	"go.yaml.in/yaml/v3"

	"policysite/generator/diag"
	"policysite/generator/parallel"
)

// Languages lists the site's languages, the source language first.
var Languages = []string{"ja", "en"}

// Visibility says who may read a document.
type Visibility int

const (
	// Internal is the zero value so that a Document that was never given a
	// visibility is never published.
	Internal Visibility = iota
	Public
)

func (v Visibility) String() string {
	if v == Public {
		return "public"
	}
	return "internal"
}

// ParseVisibility accepts exactly "public" and "internal".
func ParseVisibility(s string) (Visibility, error) {
	switch s {
	case "public":
		return Public, nil
	case "internal":
		return Internal, nil
	}
	return Internal, fmt.Errorf("unknown visibility %q (want public or internal)", s)
}

// Document is one language of one document.
type Document struct {
	Lang       string // "ja" or "en"
	Path       string // slash-separated, without .md: "basic-policy"
	File       string // as the policy owner sees it: "content/ja/basic-policy.md"
	Title      string
	Visibility Visibility
	Order      int
	Enacted    time.Time // zero when not given
	Bodies     []string
	Summary    string

	// Body is the Markdown after the front matter, as Parse found it. Load
	// keeps no bodies: see Set.ReadBody.
	Body     []byte
	BodyLine int // line number in File of Body's first line

	keyLines map[string]int
	// src is the file's name in the file system Load read it from, and
	// head its bytes before the body as Load read them; nil for a
	// document that is not public.
	src  string
	head []byte
}

// Line returns the line of a front matter key, or 1 when the key is absent.
func (d *Document) Line(key string) int {
	if l, ok := d.keyLines[key]; ok {
		return l
	}
	return 1
}

// Pair is a document in both languages. Either side may be nil.
type Pair struct {
	Path string
	JA   *Document
	EN   *Document
}

// Public reports whether the document may be published: both languages exist
// and both say visibility: public. Everything else is internal.
func (p *Pair) Public() bool {
	return p.JA != nil && p.EN != nil && p.JA.Visibility == Public && p.EN.Visibility == Public
}

// In returns the document in lang.
func (p *Pair) In(lang string) *Document {
	if lang == "en" {
		return p.EN
	}
	return p.JA
}

// Set is every document found, public or not.
type Set struct {
	Pairs []*Pair // sorted by order, then path
	fsys  fs.FS
}

// ReadBody reads a public document's file again and returns its body, in
// *buf (grown as needed, for the caller to reuse once nothing refers to
// the body any more).
//
// Load keeps no bodies: a site's Markdown would otherwise be held from the
// first file read to the last document converted, the largest part of a
// build's memory, and memory costs page faults. A file read twice could
// have changed in between, so ReadBody fails unless everything before
// the body (the front matter, on which Load judged the document public)
// is byte for byte what Load read.
func (s *Set) ReadBody(d *Document, buf *[]byte) ([]byte, error) {
	if d.head == nil {
		return nil, fmt.Errorf("%s: not a public document of this set", d.File)
	}
	f, err := s.fsys.Open(d.src)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", d.File, err)
	}
	defer f.Close()
	data := (*buf)[:0]
	if st, err := f.Stat(); err == nil && st.Size() < 1<<30 {
		// One spare byte, so that the read that finds the end needs no
		// more room.
		data = slices.Grow(data, int(st.Size())+1)
	}
	for {
		if len(data) == cap(data) {
			data = slices.Grow(data, max(512, len(data)))
		}
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			*buf = data
			return nil, fmt.Errorf("%s: %w", d.File, err)
		}
	}
	*buf = data
	if !bytes.HasPrefix(data, d.head) {
		return nil, diag.Errorf(d.File, 1, "changed while the site was being built: build again")
	}
	return data[len(d.head):], nil
}

// Public returns the pairs that may be published, in order.
func (s *Set) Public() []*Pair {
	var out []*Pair
	for _, p := range s.Pairs {
		if p.Public() {
			out = append(out, p)
		}
	}
	return out
}

// Lookup returns the pair with the given path, or nil.
func (s *Set) Lookup(p string) *Pair {
	for _, pair := range s.Pairs {
		if pair.Path == p {
			return pair
		}
	}
	return nil
}

var validPath = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)*$`)

// Reserved are the page names the generator uses itself in each language
// folder; a document may not take them.
var Reserved = []string{"search", "whats-new", "feed", "history", "revisions", "quiz", "assets", "glossary", "bilingual"}

// Load reads every document under dir in fsys (dir is "content" when fsys is
// the project folder). It returns the set and every error found; a non-nil
// error is a diag.List sorted by file and line, and the set is then
// incomplete.
func Load(fsys fs.FS, dir string) (*Set, error) {
	var errs diag.List
	// The walk only lists the files; reading and parsing them, the cost of
	// a large site, is shared out over the processors below.
	type file struct {
		lang, path, rel string
		doc             *Document
		err             error
	}
	var files []*file
	for _, p := range append([]string{dir}, Languages...) {
		if p != dir {
			p = path.Join(dir, p)
		}
		if st, err := fs.Lstat(fsys, p); err == nil && st.Mode()&fs.ModeSymlink != 0 {
			// The walk below would follow it (it sees only what is
			// inside); git keeps the link, not the documents.
			return &Set{fsys: fsys}, diag.List{diag.Errorf(p, 1, "symbolic link: documents must be files in folders (copy them here, or remove the link)")}
		}
	}
	for _, lang := range Languages {
		root := path.Join(dir, lang)
		err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == root && errors.Is(err, fs.ErrNotExist) {
					return fs.SkipDir
				}
				return err
			}
			name := d.Name()
			if p != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				// Read through the link, the page would show the target's
				// text while git (and so the history, and the judgement
				// of commit messages) holds only the link: the two would
				// disagree on what was published, and the target may be
				// anywhere. Fail closed.
				errs = append(errs, diag.Errorf(p, 1, "symbolic link: documents must be files (copy the text here, or remove the link)"))
				return nil
			}
			if d.IsDir() || !strings.HasSuffix(name, ".md") {
				return nil
			}
			files = append(files, &file{lang: lang, path: p, rel: strings.TrimSuffix(strings.TrimPrefix(p, root+"/"), ".md")})
			return nil
		})
		if err != nil {
			errs = append(errs, &diag.Error{File: root, Msg: err.Error()})
		}
	}
	parallel.For(len(files), func(i int) {
		f := files[i]
		data, err := fs.ReadFile(fsys, f.path)
		if err != nil {
			f.err = &diag.Error{File: f.path, Msg: err.Error()}
			return
		}
		f.doc, f.err = Parse(f.path, data)
		if d := f.doc; d != nil {
			// No body is kept (see Set.ReadBody). Nothing reads the text
			// of a document that is not public, and what is not held
			// cannot leak.
			if d.Visibility == Public {
				d.src, d.head = f.path, bytes.Clone(data[:len(data)-len(d.Body)])
			}
			d.Body = nil
		}
	})
	pairs := map[string]*Pair{}
	for _, f := range files {
		if f.err != nil {
			errs.Append(f.path, f.err)
			continue
		}
		doc := f.doc
		doc.Lang, doc.Path = f.lang, f.rel
		if err := checkPath(f.path, f.rel); err != nil {
			errs.Append(f.path, err)
			continue
		}
		pair := pairs[f.rel]
		if pair == nil {
			pair = &Pair{Path: f.rel}
			pairs[f.rel] = pair
		}
		if f.lang == "ja" {
			pair.JA = doc
		} else {
			pair.EN = doc
		}
	}
	set := &Set{fsys: fsys}
	for _, p := range pairs {
		set.Pairs = append(set.Pairs, p)
	}
	sort.Slice(set.Pairs, func(i, j int) bool {
		a, b := set.Pairs[i], set.Pairs[j]
		if (a.Path == "index") != (b.Path == "index") {
			return a.Path == "index"
		}
		if oa, ob := a.order(), b.order(); oa != ob {
			return oa < ob
		}
		return a.Path < b.Path
	})
	for _, p := range set.Pairs {
		for _, err := range p.check() {
			errs.Append(p.Path, err)
		}
	}
	if set.Lookup("index") == nil || !set.Lookup("index").Public() {
		errs = append(errs, diag.Errorf(path.Join(dir, "ja", "index.md"), 1, "the home page is missing or not public (want content/ja/index.md and content/en/index.md with visibility: public)"))
	}
	errs.Sort()
	return set, errs.Err()
}

func (p *Pair) order() int {
	if p.JA != nil {
		return p.JA.Order
	}
	if p.EN != nil {
		return p.EN.Order
	}
	return 0
}

// DocumentPath returns the document path of a file inside a language folder
// ("standards/network" for "standards/network.md") when Load reads it as a
// document with a valid path: a .md file, no name beginning with "." or "_",
// the path rules of the package comment. Anything else is not a document.
func DocumentPath(file string) (string, bool) {
	rel, ok := strings.CutSuffix(file, ".md")
	if !ok {
		return "", false
	}
	for _, name := range strings.Split(file, "/") {
		if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
			return "", false
		}
	}
	if checkPath(file, rel) != nil {
		return "", false
	}
	return rel, true
}

func checkPath(file, rel string) error {
	if !validPath.MatchString(rel) {
		return diag.Errorf(file, 1, "file name %q: use lower-case letters, digits and hyphens only (it becomes the page address)", rel)
	}
	first, _, _ := strings.Cut(rel, "/")
	for _, r := range Reserved {
		if first == r {
			return diag.Errorf(file, 1, "file name %q is reserved for the generator's own pages", first)
		}
	}
	return nil
}

// check reports a missing translation and disagreement between the languages.
func (p *Pair) check() []error {
	ja, en := p.JA, p.EN
	switch {
	case ja == nil && en.Visibility == Public:
		return []error{diag.Errorf(en.File, en.Line("visibility"), "public document has no Japanese source (want content/ja/%s.md)", p.Path)}
	case en == nil && ja.Visibility == Public:
		return []error{diag.Errorf(ja.File, ja.Line("visibility"), "public document has no English translation (want content/en/%s.md)", p.Path)}
	case ja == nil || en == nil:
		return nil
	}
	var errs []error
	if ja.Visibility != en.Visibility {
		errs = append(errs, diag.Errorf(en.File, en.Line("visibility"), "visibility %s disagrees with %s:%d (visibility %s); the document stays internal until both agree",
			en.Visibility, ja.File, ja.Line("visibility"), ja.Visibility))
	}
	if ja.Order != en.Order {
		errs = append(errs, diag.Errorf(en.File, en.Line("order"), "order %d disagrees with %s:%d (order %d)", en.Order, ja.File, ja.Line("order"), ja.Order))
	}
	if !ja.Enacted.Equal(en.Enacted) {
		errs = append(errs, diag.Errorf(en.File, en.Line("enacted"), "enacted date disagrees with %s:%d", ja.File, ja.Line("enacted")))
	}
	return errs
}

var yamlFormat = frontmatter.NewFormat("---", "---", func(data []byte, v any) error {
	return yaml.Unmarshal(data, v)
})

// Parse reads one document's front matter and body. file is the name used
// in errors. The returned Document has no Lang or Path; Load sets them. A
// non-nil error is a diag.List.
func Parse(file string, data []byte) (*Document, error) {
	d, err := parse(file, data)
	if err != nil {
		return nil, diag.Of(err)
	}
	return d, nil
}

func parse(file string, data []byte) (*Document, error) {
	var root yaml.Node
	// frontmatter copies all it reads, the body too; handed only the front
	// matter it copies a few lines, and the body is the rest of data. The
	// cut finds the lines frontmatter would (see frontMatterEnd); should
	// they ever disagree, it is given the whole file.
	end := frontMatterEnd(data)
	body, err := frontmatter.MustParse(bytes.NewReader(data[:end]), &root, yamlFormat)
	switch {
	case err == nil && len(body) == 0:
		body = data[end:]
	case end < len(data):
		body, err = frontmatter.MustParse(bytes.NewReader(data), &root, yamlFormat)
	}
	start := frontMatterLine(data)
	switch {
	case errors.Is(err, frontmatter.ErrNotFound):
		if start > 0 {
			return nil, diag.Errorf(file, start, "front matter is not closed (want a second --- line)")
		}
		return nil, diag.Errorf(file, 1, "no front matter (want --- lines around title: and visibility:)")
	case err != nil:
		line := start + 1
		var te *yaml.TypeError
		if !errors.As(err, &te) {
			if l, ok := yamlErrorLine(err); ok {
				line = start + l
			}
		}
		return nil, diag.Errorf(file, line, "front matter: %s", yamlMessage(err))
	}
	doc := &Document{File: file, Body: body, keyLines: map[string]int{}}
	doc.BodyLine = bytes.Count(data[:len(data)-len(body)], []byte("\n")) + 1
	if errs := doc.decode(&root, start); len(errs) > 0 {
		return nil, diag.Of(errors.Join(errs...))
	}
	return doc, nil
}

// frontMatterLine returns the line number of the opening --- line, or 0.
// adrg/frontmatter skips blank lines before it, so we do too.
// frontMatterEnd returns the offset just past the line that closes the
// front matter: the first line after the opening --- (the first line that
// is not blank) whose text is ---, as frontmatter finds them; or len(data).
func frontMatterEnd(data []byte) int {
	off, opened := 0, false
	for off < len(data) {
		line, _, found := bytes.Cut(data[off:], []byte("\n"))
		next := off + len(line)
		if found {
			next++
		}
		t := bytes.TrimSpace(line)
		switch {
		case !opened && len(t) == 0:
		case !opened && string(t) == "---":
			opened = true
		case !opened:
			return len(data)
		case string(t) == "---":
			return next
		}
		off = next
	}
	return len(data)
}

func frontMatterLine(data []byte) int {
	for n := 1; len(data) > 0; n++ {
		line, rest, _ := bytes.Cut(data, []byte("\n"))
		switch t := bytes.TrimSpace(line); {
		case len(t) == 0:
			data = rest
			continue
		case string(t) == "---":
			return n
		}
		return 0
	}
	return 0
}

var yamlLineRE = regexp.MustCompile(`line (\d+)`)

func yamlErrorLine(err error) (int, bool) {
	m := yamlLineRE.FindStringSubmatch(err.Error())
	if m == nil {
		return 0, false
	}
	var n int
	fmt.Sscan(m[1], &n)
	return n, true
}

func yamlMessage(err error) string {
	s := strings.TrimPrefix(err.Error(), "yaml: ")
	return yamlLineRE.ReplaceAllString(strings.TrimPrefix(s, "unmarshal errors:\n  "), "line")
}

// decode fills d from the front matter node. start is the line of the
// opening ---, so a node on YAML line n is on file line start+n.
func (d *Document) decode(root *yaml.Node, start int) []error {
	at := func(n *yaml.Node) int { return start + n.Line }
	var errs []error
	fail := func(n *yaml.Node, format string, args ...any) {
		errs = append(errs, diag.Errorf(d.File, at(n), format, args...))
	}
	if root.Kind == 0 {
		return []error{diag.Errorf(d.File, start, "front matter is empty (want title: and visibility:)")}
	}
	m := root
	if m.Kind == yaml.DocumentNode && len(m.Content) == 1 {
		m = m.Content[0]
	}
	if m.Kind != yaml.MappingNode {
		return []error{diag.Errorf(d.File, at(m), "front matter must be key: value lines")}
	}
	// Front matter is shown as it is (titles, summaries: on pages, in lists,
	// in the search index), so an HTML comment in it is not a comment: it
	// would be published. Every value is checked as YAML decodes it.
	var comments func(n *yaml.Node)
	comments = func(n *yaml.Node) {
		if strings.Contains(n.Value, "<!--") || strings.Contains(n.Value, "-->") {
			fail(n, "HTML comment markers (<!-- or -->) in front matter are not comments: the text would be published; keep internal notes in the body as <!-- note -->")
		}
		for _, c := range n.Content {
			comments(c)
		}
	}
	comments(m)
	if len(errs) > 0 {
		return errs
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		key := k.Value
		if _, dup := d.keyLines[key]; dup {
			fail(k, "%s given twice (first on line %d)", key, d.keyLines[key])
			continue
		}
		d.keyLines[key] = at(k)
		switch key {
		case "title":
			if s, ok := scalar(v); !ok || strings.TrimSpace(s) == "" {
				fail(v, "title must be non-empty text")
			} else {
				d.Title = strings.TrimSpace(s)
			}
		case "visibility":
			s, ok := scalar(v)
			if !ok {
				fail(v, "visibility must be public or internal")
				continue
			}
			vis, err := ParseVisibility(s)
			if err != nil {
				fail(v, "%v", err)
				continue
			}
			d.Visibility = vis
		case "order":
			var n int
			if v.Kind != yaml.ScalarNode || v.Tag != "!!int" || v.Decode(&n) != nil {
				fail(v, "order must be a whole number, not %q", v.Value)
				continue
			}
			d.Order = n
		case "enacted":
			s, _ := scalar(v)
			t, err := time.Parse(time.DateOnly, s)
			if v.Kind != yaml.ScalarNode || err != nil {
				fail(v, "enacted must be a date written YYYY-MM-DD, not %q", v.Value)
				continue
			}
			d.Enacted = t
		case "bodies":
			if v.Kind != yaml.SequenceNode {
				fail(v, "bodies must be a list (lines starting with - )")
				continue
			}
			for _, b := range v.Content {
				s, ok := scalar(b)
				if !ok || strings.TrimSpace(s) == "" {
					fail(b, "each of bodies must be non-empty text")
					continue
				}
				d.Bodies = append(d.Bodies, strings.TrimSpace(s))
			}
		case "summary":
			s, ok := scalar(v)
			if !ok {
				fail(v, "summary must be text")
				continue
			}
			d.Summary = strings.TrimSpace(s)
		default:
			fail(k, "unknown front matter key %q (want title, visibility, order, enacted, bodies or summary)", key)
		}
	}
	if _, ok := d.keyLines["title"]; !ok {
		errs = append(errs, diag.Errorf(d.File, start, "front matter has no title"))
	}
	if _, ok := d.keyLines["visibility"]; !ok {
		errs = append(errs, diag.Errorf(d.File, start, "front matter has no visibility (want public or internal)"))
	}
	if len(errs) > 0 {
		d.Visibility = Internal
	}
	return errs
}

// scalar returns the text of a plain or quoted scalar. Tags are not
// honoured: `visibility: !!str public` is still the word public, while
// `visibility: yes` is not.
func scalar(n *yaml.Node) (string, bool) {
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!str" && n.Tag != "!!int" && n.Tag != "!!float" && n.Tag != "!!bool" && n.Tag != "!!timestamp") {
		return "", false
	}
	return n.Value, true
}
