package quiz

import (
	"fmt"
	"policysite/generator/diag"
	"slices"
)

// RefStatus is what the site knows about the target of a ref.
type RefStatus int

const (
	RefOK         RefStatus = iota // the document is public and has the section
	RefNoDocument                  // no such document
	RefNoSection                   // the document has no section with that id
	RefNotPublic                   // the document exists but is not public
)

// CheckRefs checks every question's ref with lookup, which the site answers
// from the loaded documents (doc as under content/<lang>/, e.g.
// "basic-policy.md"; section an id such as "purpose"). The site decides what
// a status means across languages, e.g. RefNoSection if either translation
// lacks the section. A non-nil error is a diag.List, each at its ref's line.
//
// For a non-public document the error names only what the quiz file itself
// says, never anything read from the document.
func (q *Quiz) CheckRefs(lookup func(doc, section string) RefStatus) error {
	var errs diag.List
	for _, qu := range q.Questions {
		if qu.Ref == "" {
			continue // already reported by Parse
		}
		doc, sec := qu.Doc(), qu.Section()
		var msg string
		switch lookup(doc, sec) {
		case RefOK:
			continue
		case RefNoDocument:
			msg = fmt.Sprintf("ref %q: there is no document %s", qu.Ref, doc)
		case RefNoSection:
			msg = fmt.Sprintf("ref %q: %s has no section {#%s}", qu.Ref, doc, sec)
		case RefNotPublic:
			msg = fmt.Sprintf("ref %q: the document is not public; a quiz may refer only to public documents", qu.Ref)
		default:
			msg = fmt.Sprintf("ref %q cannot be checked", qu.Ref)
		}
		errs.Add(q.Path, qu.RefLine, "question %q: %s", qu.ID, msg)
	}
	return errs.Err()
}

// Uncovered returns, in the order given, the sections of doc that no
// question of any of the quizzes refers to. A question on a subsection does
// not cover its parent section: list only the ids that should be asked about.
func Uncovered(doc string, sections []string, quizzes ...*Quiz) []string {
	var covered []string
	for _, q := range quizzes {
		for _, qu := range q.Questions {
			if qu.Doc() == doc {
				covered = append(covered, qu.Section())
			}
		}
	}
	var out []string
	for _, s := range sections {
		if !slices.Contains(covered, s) {
			out = append(out, s)
		}
	}
	return out
}
