package quiz

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestLintFindsEachPattern runs the lint on a quiz built to have every
// pattern it looks for.
func TestLintFindsEachPattern(t *testing.T) {
	q := mustParseFile(t, "testdata/lint/guessable.yaml", "quizzes/guessable.yaml")
	var got []string
	for _, w := range q.Lint() {
		got = append(got, w.Error())
	}
	want := []string{
		"quizzes/guessable.yaml:6: the correct choice is the longest (in Japanese) in 2 of the 3 single-choice questions (long-1, long-2):",
		"quizzes/guessable.yaml:34: every choice but one is correct in 2 of the 2 multiple-choice questions (all-but-one-1, all-but-one-2):",
		`quizzes/guessable.yaml:48: question "all-but-one-2": its prompt shares 82% of its text with that of question "all-but-one-1" (line 34);`,
	}
	if len(got) != len(want) {
		t.Fatalf("got %d warnings, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("warning %d:\ngot  %s\nwant %s…", i+1, got[i], want[i])
		}
	}
}

// TestLintNewHire: the real quiz gives nothing away by its form.
func TestLintNewHire(t *testing.T) {
	for _, w := range newHire(t).Lint() {
		t.Error(w)
	}
}

// lintQuiz makes a quiz file from questions written as
// "type: correct choice | other choice | …" (a leading * marks more correct
// choices of a multiple-choice question; the first is always correct).
func lintQuiz(t *testing.T, questions ...string) *Quiz {
	t.Helper()
	var b strings.Builder
	b.WriteString("title: {ja: 題, en: Title}\npass_mark: 80\nquestions:\n")
	for i, spec := range questions {
		typ, rest, _ := strings.Cut(spec, ": ")
		prompt, choices, _ := strings.Cut(rest, " ? ")
		fmt.Fprintf(&b, "  - id: q%d\n    type: %s\n    ref: basic-policy.md#purpose\n    prompt: {ja: '%s', en: Q%d}\n    choices:\n", i+1, typ, prompt, i+1)
		for j, c := range strings.Split(choices, " | ") {
			correct := j == 0 || strings.HasPrefix(c, "*")
			fmt.Fprintf(&b, "      - text: {ja: '%s', en: C%d}\n        correct: %v\n", strings.TrimPrefix(c, "*"), j+1, correct)
		}
		b.WriteString("    explanation: {ja: 解説, en: E}\n")
	}
	q, errs := Parse("quizzes/t.yaml", []byte(b.String()))
	if errs != nil {
		t.Fatal(errs, "\n", b.String())
	}
	return q
}

// TestLintThresholds: each pattern counts only past "more than half", ties
// are not "the longest", and prompts that share a little are distinct.
func TestLintThresholds(t *testing.T) {
	tests := []struct {
		name      string
		questions []string
		want      []string // the start of each warning's message, after path:line:
	}{
		{"longest in half is not more than half", []string{
			"single: 一問目の問い ? 長い正解の選択肢 | 短い誤り",
			"single: 二問目は別の話 ? 正解 | 長い誤りの選択肢",
		}, nil},
		{"longest in two of three", []string{
			"single: 一問目の問い ? 長い正解の選択肢 | 短い誤り",
			"single: 二問目は別の話 ? 正解 | 長い誤りの選択肢",
			"single: 三つ目を尋ねる ? 長い正解の選択肢 | 短い誤り",
		}, []string{"the correct choice is the longest (in Japanese) in 2 of the 3"}},
		{"a tie is not the longest", []string{
			"single: 一問目の問い ? 同じ長さ | 同じ長い",
			"single: 二問目は別の話 ? 同じ長さ | 同じ長い",
		}, nil},
		{"spaces do not count", []string{
			"single: 一問目の問い ? 正 解 | 誤り",
		}, nil},
		{"all but one in one of two", []string{
			"multiple: 一問目の問い ? 甲 | *乙 | 丙",
			"multiple: 二問目は別の話 ? 甲 | 乙 | 丙",
		}, nil},
		{"all but one in both", []string{
			"multiple: 一問目の問い ? 甲 | *乙 | 丙",
			"multiple: 二問目は別の話 ? 甲 | 乙 | *丙",
		}, []string{"every choice but one is correct in 2 of the 2"}},
		{"every choice correct is not all but one", []string{
			"multiple: 一問目の問い ? 甲 | *乙",
		}, nil},
		{"a shared frame with a long filling", []string{
			"single: 基本方針が想定する脅威として挙げられているものはどれですか。 ? 甲 | 乙",
			"single: 業務委託の際に委託事業者が確保すべきとされているものはどれですか。 ? 甲 | 乙",
		}, nil},
		{"the same prompt", []string{
			"single: 印刷した書類はどう扱いますか。 ? 甲 | 乙",
			"single: 印刷した書類は、どう扱いますか？ ? 甲 | 乙",
		}, []string{`question "q2": its prompt shares 100% of its text with that of question "q1"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, w := range lintQuiz(t, tt.questions...).Lint() {
				got = append(got, w.Msg)
			}
			ok := len(got) == len(tt.want)
			for i := 0; ok && i < len(got); i++ {
				ok = strings.HasPrefix(got[i], tt.want[i])
			}
			if !ok {
				t.Errorf("got %q\nwant %q…", got, tt.want)
			}
		})
	}
}

func TestSharedShare(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"あいうえお", "あいうえお", 1},
		{"あいうえお", "かきくけこ", 0},
		{"あいうえお", "あいう", 0.5}, // 2 of the longer's 4 pairs
		{"あ", "あ", 0},         // no pairs
		{"", "あいう", 0},
		{"ああああ", "ああ", 1.0 / 3}, // a shared pair counts once per occurrence in both
	}
	for _, tt := range tests {
		if got := sharedShare([]rune(tt.a), []rune(tt.b)); got != tt.want {
			t.Errorf("sharedShare(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := sharedShare([]rune(tt.b), []rune(tt.a)); got != tt.want {
			t.Errorf("sharedShare(%q, %q) = %v, want %v (not symmetric)", tt.b, tt.a, got, tt.want)
		}
	}
	if got := lettersOf("「情報資産」とは、何？ A-1"); !slices.Equal(got, []rune("情報資産とは何A1")) {
		t.Errorf("lettersOf = %q", string(got))
	}
}
