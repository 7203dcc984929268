package quiz

import (
	"fmt"
	"policysite/generator/diag"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// base is a valid quiz; each case edits it. Its lines:
//
//	 1 title: {ja: 題, en: Title}
//	 2 pass_mark: 80
//	 3 questions:
//	 4   - id: q1
//	 5     type: single
//	 6     ref: basic-policy.md#purpose
//	 7     prompt: {ja: 問, en: Q}
//	 8     choices:
//	 9       - text: {ja: 甲, en: A}
//	10         correct: true
//	11       - text: {ja: 乙, en: B}
//	12     explanation: {ja: 解, en: E}
const base = `title: {ja: 題, en: Title}
pass_mark: 80
questions:
  - id: q1
    type: single
    ref: basic-policy.md#purpose
    prompt: {ja: 問, en: Q}
    choices:
      - text: {ja: 甲, en: A}
        correct: true
      - text: {ja: 乙, en: B}
    explanation: {ja: 解, en: E}
`

// second is a second valid question to append to base (lines 13–20).
const second = `  - id: q2
    type: multiple
    ref: basic-policy.md#scope
    prompt: {ja: 問2, en: Q2}
    choices:
      - {text: {ja: 丙, en: C}, correct: true}
      - {text: {ja: 丁, en: D}, correct: true}
    explanation: {ja: 解2, en: E2}
`

// edit replaces old (which must occur in s) with new.
func edit(t *testing.T, s, old, new string) string {
	t.Helper()
	if !strings.Contains(s, old) {
		t.Fatalf("edit: %q not in the quiz", old)
	}
	return strings.Replace(s, old, new, 1)
}

func TestParseRules(t *testing.T) {
	const p = "quizzes/t.yaml:"
	tests := []struct {
		name string
		yaml func(t *testing.T) string
		want []string // every error, in order
	}{
		{"valid", func(t *testing.T) string { return base }, nil},
		{"valid with two questions, draw and shuffle", func(t *testing.T) string {
			return "draw: 2\nshuffle: true\n" + base + second
		}, nil},
		{"unknown top-level key", func(t *testing.T) string {
			return edit(t, base, "pass_mark: 80\n", "pass_mark: 80\nshufle: true\n")
		}, []string{p + `3: unknown key "shufle" (expected one of: title, description, pass_mark, draw, shuffle, questions)`}},
		{"unknown choice key", func(t *testing.T) string {
			return edit(t, base, "        correct: true", "        corect: true")
		}, []string{
			p + `8: question "q1": single choice needs exactly one correct choice (has 0)`,
			p + `10: question "q1": choice 1: unknown key "corect" (expected one of: text, correct)`,
		}},
		{"unknown question key", func(t *testing.T) string {
			return edit(t, base, "    prompt:", "    promt: {ja: x, en: x}\n    prompt:")
		}, []string{p + `7: question "q1": unknown key "promt" (expected one of: id, type, ref, prompt, choices, answer, explanation)`}},
		{"unknown text key", func(t *testing.T) string {
			return edit(t, base, "{ja: 問, en: Q}", "{ja: 問, en: Q, fr: Q}")
		}, []string{p + `7: question "q1": prompt: unknown key "fr" (expected one of: ja, en)`}},
		{"duplicate key", func(t *testing.T) string {
			return edit(t, base, "pass_mark: 80\n", "pass_mark: 80\npass_mark: 90\n")
		}, []string{p + `3: pass_mark given twice (first on line 2)`}},
		{"duplicate question id", func(t *testing.T) string {
			return base + strings.Replace(second, "id: q2", "id: q1", 1)
		}, []string{p + `13: question "q1": id "q1" already used on line 4`}},
		{"bad question id", func(t *testing.T) string {
			return edit(t, base, "id: q1", "id: Q_1")
		}, []string{p + `4: question 1: id must use only a-z, 0-9 and - (is "Q_1")`}},
		{"missing id", func(t *testing.T) string {
			return edit(t, base, "  - id: q1\n    type: single", "  - type: single")
		}, []string{p + `4: question 1: missing id`}},
		{"unknown type", func(t *testing.T) string {
			return edit(t, base, "type: single", "type: singel")
		}, []string{p + `5: question "q1": unknown type "singel" (expected single, multiple or truefalse)`}},
		{"missing type", func(t *testing.T) string {
			return edit(t, base, "    type: single\n", "")
		}, []string{p + `4: question "q1": missing type`}},
		{"one choice", func(t *testing.T) string {
			return edit(t, base, "      - text: {ja: 乙, en: B}\n", "")
		}, []string{p + `8: question "q1": needs at least two choices (has 1)`}},
		{"single with two correct", func(t *testing.T) string {
			return edit(t, base, "      - text: {ja: 乙, en: B}\n", "      - text: {ja: 乙, en: B}\n        correct: true\n")
		}, []string{p + `8: question "q1": single choice needs exactly one correct choice (has 2)`}},
		{"multiple with none correct", func(t *testing.T) string {
			return edit(t, edit(t, base, "type: single", "type: multiple"), "        correct: true\n", "        correct: false\n")
		}, []string{p + `8: question "q1": multiple choice needs at least one correct choice (has 0)`}},
		{"correct is not a bool", func(t *testing.T) string {
			return edit(t, base, "correct: true", "correct: yes")
		}, []string{
			p + `8: question "q1": single choice needs exactly one correct choice (has 0)`,
			p + `10: question "q1": choice 1: correct must be true or false (is "yes")`,
		}},
		{"truefalse with answer", func(t *testing.T) string {
			q := edit(t, base, "type: single", "type: truefalse")
			return edit(t, q, "    choices:\n      - text: {ja: 甲, en: A}\n        correct: true\n      - text: {ja: 乙, en: B}\n", "    answer: false\n")
		}, nil},
		{"truefalse without answer or choices", func(t *testing.T) string {
			q := edit(t, base, "type: single", "type: truefalse")
			return edit(t, q, "    choices:\n      - text: {ja: 甲, en: A}\n        correct: true\n      - text: {ja: 乙, en: B}\n", "")
		}, []string{p + `4: question "q1": truefalse question needs answer: true or answer: false (or two choices)`}},
		{"truefalse with three choices", func(t *testing.T) string {
			q := edit(t, base, "type: single", "type: truefalse")
			return edit(t, q, "      - text: {ja: 乙, en: B}\n", "      - text: {ja: 乙, en: B}\n      - text: {ja: 丙, en: C}\n")
		}, []string{p + `8: question "q1": truefalse question needs exactly two choices (has 3)`}},
		{"truefalse with answer and choices", func(t *testing.T) string {
			q := edit(t, base, "type: single", "type: truefalse")
			return edit(t, q, "    choices:\n", "    answer: true\n    choices:\n")
		}, []string{p + `8: question "q1": give either answer or choices, not both`}},
		{"truefalse answer not a bool", func(t *testing.T) string {
			q := edit(t, base, "type: single", "type: truefalse")
			return edit(t, q, "    choices:\n      - text: {ja: 甲, en: A}\n        correct: true\n      - text: {ja: 乙, en: B}\n", "    answer: maybe\n")
		}, []string{p + `8: question "q1": answer must be true or false (is "maybe")`}},
		{"answer on a single question", func(t *testing.T) string {
			return edit(t, base, "    choices:\n", "    answer: true\n    choices:\n")
		}, []string{p + `8: question "q1": answer is only for truefalse questions; mark the right choices with correct: true`}},
		{"missing choices", func(t *testing.T) string {
			return edit(t, base, "    choices:\n      - text: {ja: 甲, en: A}\n        correct: true\n      - text: {ja: 乙, en: B}\n", "")
		}, []string{p + `4: question "q1": missing choices`}},
		{"repeated choice text", func(t *testing.T) string {
			return edit(t, base, "{ja: 乙, en: B}", "{ja: 乙, en: A}")
		}, []string{p + `11: question "q1": choice 2 repeats the en text of choice 1`}},
		{"missing en text", func(t *testing.T) string {
			return edit(t, base, "prompt: {ja: 問, en: Q}", "prompt: {ja: 問}")
		}, []string{p + `7: question "q1": prompt: missing en text`}},
		{"empty ja text", func(t *testing.T) string {
			return edit(t, base, "explanation: {ja: 解, en: E}", "explanation: {ja: '  ', en: E}")
		}, []string{p + `12: question "q1": explanation: empty ja text`}},
		{"null text", func(t *testing.T) string {
			return edit(t, base, "explanation: {ja: 解, en: E}", "explanation:\n      ja:\n      en: E")
		}, []string{p + `13: question "q1": explanation: empty ja text`}},
		{"text not a pair", func(t *testing.T) string {
			return edit(t, base, "title: {ja: 題, en: Title}", "title: Title")
		}, []string{p + `1: title must be a pair {ja: …, en: …} (is "Title")`}},
		{"choice text missing ja", func(t *testing.T) string {
			return edit(t, base, "{ja: 乙, en: B}", "{en: B}")
		}, []string{p + `11: question "q1": choice 2: text: missing ja text`}},
		{"missing explanation", func(t *testing.T) string {
			return edit(t, base, "    explanation: {ja: 解, en: E}\n", "")
		}, []string{p + `4: question "q1": missing explanation`}},
		{"missing title", func(t *testing.T) string {
			return edit(t, base, "title: {ja: 題, en: Title}\n", "")
		}, []string{p + `1: missing title`}},
		{"description with one language", func(t *testing.T) string {
			return "description: {ja: 説明}\n" + base
		}, []string{p + `1: description: missing en text`}},
		{"pass_mark above 100", func(t *testing.T) string {
			return edit(t, base, "pass_mark: 80", "pass_mark: 120")
		}, []string{p + `2: pass_mark must be a whole number from 0 to 100 (is 120)`}},
		{"pass_mark negative", func(t *testing.T) string {
			return edit(t, base, "pass_mark: 80", "pass_mark: -1")
		}, []string{p + `2: pass_mark must be a whole number from 0 to 100 (is -1)`}},
		{"pass_mark not a number", func(t *testing.T) string {
			return edit(t, base, "pass_mark: 80", "pass_mark: 80%")
		}, []string{p + `2: pass_mark must be a whole number (is "80%")`}},
		{"missing pass_mark", func(t *testing.T) string {
			return edit(t, base, "pass_mark: 80\n", "")
		}, []string{p + `1: missing pass_mark`}},
		{"draw above the number of questions", func(t *testing.T) string {
			return base + "draw: 2\n"
		}, []string{p + `13: draw is 2 but the quiz has only 1 questions`}},
		{"draw negative", func(t *testing.T) string {
			return "draw: -1\n" + base
		}, []string{p + `1: draw must not be negative (is -1); leave it out to ask every question`}},
		{"shuffle not a bool", func(t *testing.T) string {
			return "shuffle: yes\n" + base
		}, []string{p + `1: shuffle must be true or false (is "yes")`}},
		{"ref without .md", func(t *testing.T) string {
			return edit(t, base, "basic-policy.md#purpose", "basic-policy#purpose")
		}, []string{p + `6: question "q1": ref must look like <document>.md#<section-id>, e.g. basic-policy.md#purpose (is "basic-policy#purpose")`}},
		{"ref without section", func(t *testing.T) string {
			return edit(t, base, "basic-policy.md#purpose", "basic-policy.md")
		}, []string{p + `6: question "q1": ref must look like <document>.md#<section-id>, e.g. basic-policy.md#purpose (is "basic-policy.md")`}},
		{"ref leaving content", func(t *testing.T) string {
			return edit(t, base, "basic-policy.md#purpose", "../secret.md#x")
		}, []string{p + `6: question "q1": ref must look like <document>.md#<section-id>, e.g. basic-policy.md#purpose (is "../secret.md#x")`}},
		{"ref as a URL", func(t *testing.T) string {
			return edit(t, base, "basic-policy.md#purpose", "'https://example.com/a.md#x'")
		}, []string{p + `6: question "q1": ref must look like <document>.md#<section-id>, e.g. basic-policy.md#purpose (is "https://example.com/a.md#x")`}},
		{"missing ref", func(t *testing.T) string {
			return edit(t, base, "    ref: basic-policy.md#purpose\n", "")
		}, []string{p + `4: question "q1": missing ref`}},
		{"no questions", func(t *testing.T) string {
			return "title: {ja: 題, en: Title}\npass_mark: 80\nquestions: []\n"
		}, []string{p + `3: questions: the quiz has no questions`}},
		{"missing questions", func(t *testing.T) string {
			return "title: {ja: 題, en: Title}\npass_mark: 80\n"
		}, []string{p + `1: missing questions`}},
		{"questions not a list", func(t *testing.T) string {
			return "title: {ja: 題, en: Title}\npass_mark: 80\nquestions: {}\n"
		}, []string{p + `3: questions must be a list (is a mapping)`}},
		{"question not a mapping", func(t *testing.T) string {
			return base + "  - just text\n"
		}, []string{p + `13: question 2: a question is a mapping with id, type, ref, prompt, choices and explanation (is "just text")`}},
		{"yaml syntax error", func(t *testing.T) string {
			return edit(t, base, "    type: single\n", "    type: [single\n")
		}, []string{p + `4: yaml: did not find expected ',' or ']'`}},
		{"alias", func(t *testing.T) string {
			q := edit(t, base, "prompt: {ja: 問, en: Q}", "prompt: &p {ja: 問, en: Q}")
			return edit(t, q, "explanation: {ja: 解, en: E}", "explanation: *p")
		}, []string{p + `12: YAML aliases (*p) are not allowed; write the text out`}},
		{"two documents", func(t *testing.T) string {
			return base + "---\ntitle: x\n"
		}, []string{p + `13: a quiz file holds one YAML document; remove the second ---`}},
		{"not a mapping", func(t *testing.T) string {
			return "- a\n- b\n"
		}, []string{p + `1: a quiz file is a mapping with title, pass_mark and questions`}},
		{"empty file", func(t *testing.T) string {
			return ""
		}, []string{"quizzes/t.yaml: empty file"}},
		{"every error at once", func(t *testing.T) string {
			q := edit(t, base, "pass_mark: 80", "pass_mark: 800")
			return edit(t, q, "type: single", "type: multi")
		}, []string{
			p + `2: pass_mark must be a whole number from 0 to 100 (is 800)`,
			p + `5: question "q1": unknown type "multi" (expected single, multiple or truefalse)`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := tt.yaml(t)
			q, errs := Parse("quizzes/t.yaml", []byte(src))
			if got := errorStrings(errs); !slices.Equal(got, tt.want) {
				t.Errorf("Parse errors:\ngot:\n\t%s\nwant:\n\t%s\nfile:\n%s", strings.Join(got, "\n\t"), strings.Join(tt.want, "\n\t"), numbered(src))
			}
			if _, ok := errs.(diag.List); errs != nil && !ok {
				t.Errorf("error %v is not a diag.List", errs)
			}
			if q == nil {
				t.Fatal("Parse returned a nil quiz")
			}
		})
	}
}

func TestParseTrueFalseChoices(t *testing.T) {
	src := edit(t, edit(t, base, "type: single", "type: truefalse"),
		"    choices:\n      - text: {ja: 甲, en: A}\n        correct: true\n      - text: {ja: 乙, en: B}\n", "    answer: false\n")
	q, errs := Parse("quizzes/t.yaml", []byte(src))
	if errs != nil {
		t.Fatal(errs)
	}
	got := q.Questions[0].Choices
	want := []Choice{
		{Text: Text{JA: "正しい", EN: "True"}, Correct: false, Line: 8},
		{Text: Text{JA: "誤り", EN: "False"}, Correct: true, Line: 8},
	}
	if !slices.Equal(got, want) {
		t.Errorf("choices = %+v, want %+v", got, want)
	}
}

func TestParseFields(t *testing.T) {
	src := "# a comment\ndescription:\n  ja: |\n    一行目\n    二行目\n  en: ' D '\ndraw: 1\nshuffle: true\n" + base + second
	q, errs := Parse("quizzes/my-quiz.yaml", []byte(src))
	if errs != nil {
		t.Fatal(errs)
	}
	if q.Name != "my-quiz" || q.Path != "quizzes/my-quiz.yaml" {
		t.Errorf("name, path = %q, %q", q.Name, q.Path)
	}
	if q.Description.JA != "一行目\n二行目" || q.Description.EN != "D" {
		t.Errorf("description = %q / %q, want trimmed texts with the line break kept", q.Description.JA, q.Description.EN)
	}
	if q.PassMark != 80 || q.Draw != 1 || !q.Shuffle {
		t.Errorf("pass_mark, draw, shuffle = %d, %d, %v", q.PassMark, q.Draw, q.Shuffle)
	}
	q1, q2 := q.Questions[0], q.Questions[1]
	if q1.ID != "q1" || q1.Type != Single || q1.Ref != "basic-policy.md#purpose" || q1.Doc() != "basic-policy.md" || q1.Section() != "purpose" {
		t.Errorf("q1 = %+v", q1)
	}
	if !slices.Equal(q2.Correct(), []int{0, 1}) {
		t.Errorf("q2 correct = %v", q2.Correct())
	}
}

// TestLines checks the line range the site asks git about when it looks
// for questions older than their section.
func TestLines(t *testing.T) {
	src := `title: {ja: 題, en: Title}
pass_mark: 80
questions:
  # first
  - id: a
    type: truefalse
    ref: basic-policy.md#purpose
    prompt: {ja: 問, en: Q}
    answer: true
    explanation:
      ja: |
        解説

        続き
      en: E

  # second
  - id: b
    type: truefalse
    ref: basic-policy.md#scope
    prompt: {ja: 問, en: Q}
    answer: false
    explanation: {ja: 解, en: E}

# trailing comment
shuffle: true
`
	q, errs := Parse("quizzes/t.yaml", []byte(src))
	if errs != nil {
		t.Fatal(errs)
	}
	for i, want := range [][3]int{{5, 15, 7}, {18, 23, 20}} {
		qu := q.Questions[i]
		if got := [3]int{qu.Line, qu.EndLine, qu.RefLine}; got != want {
			t.Errorf("question %s: Line, EndLine, RefLine = %v, want %v", qu.ID, got, want)
		}
	}
}

func TestLoad(t *testing.T) {
	bad := edit(t, base, "pass_mark: 80", "pass_mark: 101")
	fsys := fstest.MapFS{
		"quizzes/b-quiz.yaml":     {Data: []byte(base)},
		"quizzes/a-quiz.yaml":     {Data: []byte(bad)},
		"quizzes/c.yml":           {Data: []byte(base)},
		"quizzes/Upper.yaml":      {Data: []byte(base)},
		"quizzes/README.md":       {Data: []byte("notes")},
		"quizzes/drafts/x.yaml":   {Data: []byte("broken: [")},
		"quizzes/.hidden.yaml":    {Data: []byte("broken: [")},
		"content/ja/quizzes.yaml": {Data: []byte("broken: [")},
	}
	quizzes, errs := Load(fsys, "quizzes")
	want := []string{
		"quizzes/Upper.yaml: quiz file name \"Upper\" may use only a-z, 0-9 and - (it becomes the page address)",
		"quizzes/a-quiz.yaml:2: pass_mark must be a whole number from 0 to 100 (is 101)",
		"quizzes/c.yml: quiz files must end in .yaml, not .yml",
	}
	if got := errorStrings(errs); !slices.Equal(got, want) {
		t.Errorf("errors:\ngot  %q\nwant %q", got, want)
	}
	var names []string
	for _, q := range quizzes {
		names = append(names, q.Name)
	}
	if !slices.Equal(names, []string{"b-quiz"}) {
		t.Errorf("quizzes = %v, want only the valid one", names)
	}

	if q, errs := Load(fstest.MapFS{}, "quizzes"); q != nil || errs != nil {
		t.Errorf("Load without quizzes/ = %v, %v; want nothing", q, errs)
	}
}

func TestCheckRefs(t *testing.T) {
	src := base + second + strings.NewReplacer("q2", "q3", "basic-policy.md#scope", "internal/plan.md#secret-section").Replace(second) +
		strings.NewReplacer("q2", "q4", "basic-policy.md#scope", "gone.md#x").Replace(second) +
		strings.NewReplacer("q2", "q5", "basic-policy.md#scope", "basic-policy.md#nope").Replace(second)
	q, errs := Parse("quizzes/t.yaml", []byte(src))
	if errs != nil {
		t.Fatal(errs)
	}
	lookup := func(doc, section string) RefStatus {
		switch {
		case doc == "internal/plan.md":
			return RefNotPublic
		case doc != "basic-policy.md":
			return RefNoDocument
		case section == "purpose" || section == "scope":
			return RefOK
		}
		return RefNoSection
	}
	got := errorStrings(q.CheckRefs(lookup))
	want := []string{
		`quizzes/t.yaml:23: question "q3": ref "internal/plan.md#secret-section": the document is not public; a quiz may refer only to public documents`,
		`quizzes/t.yaml:31: question "q4": ref "gone.md#x": there is no document gone.md`,
		`quizzes/t.yaml:39: question "q5": ref "basic-policy.md#nope": basic-policy.md has no section {#nope}`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("CheckRefs:\ngot  %q\nwant %q", got, want)
	}
}

func TestUncovered(t *testing.T) {
	q, errs := Parse("quizzes/t.yaml", []byte(base+second))
	if errs != nil {
		t.Fatal(errs)
	}
	other, _ := Parse("quizzes/u.yaml", []byte(edit(t, base, "#purpose", "#audit")))
	sections := []string{"purpose", "definitions", "scope", "audit", "review"}
	if got, want := Uncovered("basic-policy.md", sections, q), []string{"definitions", "audit", "review"}; !slices.Equal(got, want) {
		t.Errorf("Uncovered = %v, want %v", got, want)
	}
	if got, want := Uncovered("basic-policy.md", sections, q, other), []string{"definitions", "review"}; !slices.Equal(got, want) {
		t.Errorf("Uncovered over two quizzes = %v, want %v", got, want)
	}
	if got := Uncovered("other.md", []string{"purpose"}, q); !slices.Equal(got, []string{"purpose"}) {
		t.Errorf("Uncovered for another document = %v", got)
	}
}

func errorStrings(err error) []string {
	var s []string
	for _, e := range diag.Of(err) {
		s = append(s, e.Error())
	}
	return s
}

func numbered(src string) string {
	var b strings.Builder
	for i, l := range strings.Split(src, "\n") {
		fmt.Fprintf(&b, "%3d %s\n", i+1, l)
	}
	return b.String()
}
