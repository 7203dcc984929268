package main

import (
	"os"
	"strings"
	"testing"
)

// TestQuizLintWarns: build and check both print the quiz lint's warnings
// with path:line, and a warning does not fail the build.
func TestQuizLintWarns(t *testing.T) {
	t.Parallel()
	guessable, err := os.ReadFile("generator/quiz/testdata/lint/guessable.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// The test quiz refers to sections of the basic policy; point it at the
	// minimal site's one section.
	src := strings.NewReplacer("basic-policy.md#def-integrity", "policy.md#purpose", "basic-policy.md#def-availability", "policy.md#purpose",
		"basic-policy.md#scope-organisations", "policy.md#purpose", "basic-policy.md#purpose", "policy.md#purpose").Replace(string(guessable))
	for _, cmd := range []string{"build", "check"} {
		t.Run(cmd, func(t *testing.T) {
			files := minimalSite()
			files["quizzes/guessable.yaml"] = src
			code, _, stderr := build(t, writeTree(t, files), cmd)
			if code != 0 {
				t.Fatalf("exit code %d:\n%s", code, stderr)
			}
			for _, w := range []string{
				"warning: quizzes/guessable.yaml:6: the correct choice is the longest",
				"warning: quizzes/guessable.yaml:34: every choice but one is correct",
				`warning: quizzes/guessable.yaml:48: question "all-but-one-2": its prompt shares`,
			} {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr:\n%s\nwant %q", stderr, w)
				}
			}
		})
	}
}
