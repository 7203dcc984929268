package quiz

import (
	"crypto/sha256"
	"errors"
	"io/fs"
	"path"
	"policysite/generator/diag"
	"strings"
)

// Type is the kind of a question.
type Type string

const (
	Single    Type = "single"    // one correct choice, radio buttons
	Multiple  Type = "multiple"  // one or more correct choices, check boxes
	TrueFalse Type = "truefalse" // a statement to judge true or false
)

// Text is a text in both languages.
type Text struct {
	JA, EN string
	Line   int // line of the text in the quiz file
	ENLine int // line of the English text, for messages about it
}

// In returns the text in lang ("ja" or "en"; anything else gets English).
func (t Text) In(lang string) string {
	if lang == "ja" {
		return t.JA
	}
	return t.EN
}

// Choice is one answer offered to the learner.
type Choice struct {
	Text    Text
	Correct bool
	Line    int
}

// Question is one question of a quiz.
type Question struct {
	ID   string
	Type Type
	// Ref is the section the question is about, "<doc>.md#<section-id>".
	Ref string
	// Line is the line where the question starts (its "- id:" item);
	// EndLine is its last non-blank, non-comment line. Together they are
	// the line range to ask git about when the question last changed.
	Line, EndLine int
	RefLine       int // line of the ref value
	Prompt        Text
	// Choices in file order. For a truefalse question written with
	// "answer:", the generated 正しい/誤り, True/False pair.
	Choices     []Choice
	Explanation Text
}

// Doc and Section split Ref into the document path and the section id.
func (q *Question) Doc() string     { d, _, _ := strings.Cut(q.Ref, "#"); return d }
func (q *Question) Section() string { _, s, _ := strings.Cut(q.Ref, "#"); return s }

// Correct returns the indices of the correct choices, ascending.
func (q *Question) Correct() []int {
	var idx []int
	for i, c := range q.Choices {
		if c.Correct {
			idx = append(idx, i)
		}
	}
	return idx
}

// Quiz is one quizzes/<name>.yaml file.
type Quiz struct {
	Name        string // file name without .yaml: the page is <lang>/quiz/<Name>.html
	Path        string // as given to Load, e.g. "quizzes/new-hire.yaml"
	Title       Text
	Description Text // may be empty in both languages
	PassMark    int  // percent, 0–100
	Draw        int  // questions per attempt; 0 means all
	Shuffle     bool // shuffle the choices of each question
	Questions   []*Question

	source [sha256.Size]byte // hash of the file, the seed of the sealing salt
}

// Load reads every dir/*.yaml file of fsys (rooted at the project, dir
// normally "quizzes") and returns the quizzes without errors, sorted by name,
// and every error found in any file: a diag.List sorted by path and line (see
// generator/diag). A missing dir means no quizzes.
func Load(fsys fs.FS, dir string) ([]*Quiz, error) {
	if st, err := fs.Lstat(fsys, dir); err == nil && st.Mode()&fs.ModeSymlink != 0 {
		return nil, diag.List{diag.Errorf(dir, 1, "symbolic link: the quizzes folder must be a folder (copy it here, or remove the link)")}
	}
	entries, err := fs.ReadDir(fsys, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, diag.List{{File: dir, Msg: err.Error()}}
	}
	var quizzes []*Quiz
	var errs diag.List
	for _, e := range entries { // ReadDir sorts by name
		name := e.Name()
		p := path.Join(dir, name)
		if e.IsDir() || strings.HasPrefix(name, ".") {
			continue
		}
		if strings.HasSuffix(name, ".yml") {
			errs.Add(p, 0, "quiz files must end in .yaml, not .yml")
			continue
		}
		if !strings.HasSuffix(name, ".yaml") {
			continue
		}
		if e.Type()&fs.ModeSymlink != 0 {
			// Git keeps the link, not the text, and the target may be
			// anything: the page would publish what no commit holds.
			errs.Add(p, 1, "symbolic link: quizzes must be files (copy the file here, or remove the link)")
			continue
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			errs = append(errs, &diag.Error{File: p, Msg: err.Error()})
			continue
		}
		q, err := Parse(p, data)
		if err != nil {
			errs.Append(p, err)
			continue
		}
		quizzes = append(quizzes, q)
	}
	errs.Sort()
	return quizzes, errs.Err()
}

// Parse parses and checks one quiz file; path is used in errors and for the
// quiz name. On errors it returns what it could read, which must not be
// published. A non-nil error is a diag.List sorted by line.
func Parse(path string, data []byte) (*Quiz, error) {
	p := &parser{path: path}
	q := p.file(data)
	p.errs.Sort()
	return q, p.errs.Err()
}
