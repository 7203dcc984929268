package quiz

import (
	"os"
	"policysite/generator/diag"
	"testing"
	"testing/fstest"
)

// FuzzLoad feeds arbitrary files to Load. It must never panic, and a quiz it
// accepts must keep every rule: in particular no question without a correct
// choice, and page data that unseals to the file's answers.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(base))
	f.Add([]byte(base + second))
	f.Add([]byte("draw: 1\nshuffle: true\n" + base))
	f.Add([]byte("questions:\n  - id: a\n    type: truefalse\n    answer: true\n"))
	f.Add([]byte("a: &x [*x]\n"))
	for _, p := range []string{"testdata/client/basic.yaml", "../../quizzes/new-hire.yaml"} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		quizzes, errs := Load(fstest.MapFS{"quizzes/f.yaml": {Data: data}}, "quizzes")
		if errs != nil {
			if len(quizzes) != 0 {
				t.Fatalf("Load returned a quiz with errors %v", errs)
			}
			if _, ok := errs.(diag.List); !ok {
				t.Fatalf("error %v is not a diag.List", errs)
			}
			return
		}
		if len(quizzes) != 1 {
			t.Fatalf("Load returned %d quizzes and no errors", len(quizzes))
		}
		checkAccepted(t, quizzes[0])
	})
}

func checkAccepted(t *testing.T, q *Quiz) {
	t.Helper()
	nonEmpty := func(what string, x Text) {
		if x.JA == "" || x.EN == "" {
			t.Fatalf("accepted %s without both languages: %+v", what, x)
		}
	}
	nonEmpty("title", q.Title)
	if q.PassMark < 0 || q.PassMark > 100 || q.Draw < 0 || q.Draw > len(q.Questions) || len(q.Questions) == 0 {
		t.Fatalf("accepted pass_mark %d, draw %d with %d questions", q.PassMark, q.Draw, len(q.Questions))
	}
	ids := map[string]bool{}
	for _, qu := range q.Questions {
		if !idPattern.MatchString(qu.ID) || ids[qu.ID] {
			t.Fatalf("accepted id %q", qu.ID)
		}
		ids[qu.ID] = true
		if !refPattern.MatchString(qu.Ref) {
			t.Fatalf("accepted ref %q", qu.Ref)
		}
		nonEmpty("prompt", qu.Prompt)
		nonEmpty("explanation", qu.Explanation)
		n := len(qu.Correct())
		switch {
		case len(qu.Choices) < 2:
			t.Fatalf("accepted %s with %d choices", qu.ID, len(qu.Choices))
		case n == 0:
			t.Fatalf("accepted %s without a correct choice", qu.ID)
		case (qu.Type == Single || qu.Type == TrueFalse) && n != 1:
			t.Fatalf("accepted %s %s with %d correct choices", qu.Type, qu.ID, n)
		case qu.Type != Single && qu.Type != Multiple && qu.Type != TrueFalse:
			t.Fatalf("accepted type %q", qu.Type)
		}
		for _, c := range qu.Choices {
			nonEmpty("choice", c.Text)
		}
	}
	checkSealed(t, q)
	// The lint runs on every accepted quiz: it must not fail on any, and
	// its warnings point into the file.
	for _, w := range q.Lint() {
		if w.File != q.Path || w.Line < 1 {
			t.Fatalf("lint warning without a place: %v", w)
		}
	}
}
