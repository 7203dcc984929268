package quiz

import (
	"cmp"
	"policysite/generator/diag"
	"slices"
	"strings"
	"unicode"
)

// Lint looks for what lets a learner answer without knowing the policy, and
// returns its warnings, each a *diag.Error (path:line: message), sorted by
// line. Warnings do not stop the build: the site prints them, in
// `build` and in `check`. The patterns, each judged on the Japanese text
// (the source; the English follows it):
//
//   - The correct choice is the longest: when, in more than half of the
//     quiz's single-choice questions, the correct choice is longer than
//     every other choice (a tie does not count), learners learn to pick the
//     longest. Reported once, at the first such question, naming them all.
//     Give the distractors the same care and length as the answer.
//   - All but one: when more than half of the multiple-choice questions have
//     every choice correct but one, learners learn to tick everything and
//     drop the odd one out. Reported once, at the first such question.
//     Vary how many choices are correct.
//   - Near-duplicate prompts: when two prompts share most of their text
//     (more than half of the longer prompt's pairs of adjacent letters or
//     digits are also in the other; punctuation and spaces left out), the
//     second repeats the first: the same question twice, or one frame such
//     as 「基本方針が…として挙げられているものをすべて選んでください。」
//     filled with a different word, which tests recall of a list rather than
//     what to do. Reported at the later question's prompt.
//
// Lengths count characters (runes) without spaces.
func (q *Quiz) Lint() []*diag.Error {
	var warns []*diag.Error
	warn := func(line int, format string, args ...any) {
		warns = append(warns, diag.Errorf(q.Path, line, format, args...))
	}

	var singles, longest []*Question
	var multiples, allButOne []*Question
	for _, qu := range q.Questions {
		switch qu.Type {
		case Single:
			singles = append(singles, qu)
			if correctIsLongest(qu) {
				longest = append(longest, qu)
			}
		case Multiple:
			multiples = append(multiples, qu)
			if len(qu.Choices) > 1 && len(qu.Correct()) == len(qu.Choices)-1 {
				allButOne = append(allButOne, qu)
			}
		}
	}
	if 2*len(longest) > len(singles) {
		warn(longest[0].Line, "the correct choice is the longest (in Japanese) in %d of the %d single-choice questions (%s): learners can pick it without knowing the answer; make the other choices as long and as plausible",
			len(longest), len(singles), ids(longest))
	}
	if 2*len(allButOne) > len(multiples) {
		warn(allButOne[0].Line, "every choice but one is correct in %d of the %d multiple-choice questions (%s): learners can tick all and drop the odd one out; vary how many choices are correct",
			len(allButOne), len(multiples), ids(allButOne))
	}

	letters := make([][]rune, len(q.Questions))
	for i, qu := range q.Questions {
		letters[i] = lettersOf(qu.Prompt.JA)
	}
	for j, b := range q.Questions {
		for i, a := range q.Questions[:j] {
			if s := sharedShare(letters[i], letters[j]); s > duplicateShare {
				warn(b.Prompt.Line, "question %q: its prompt shares %d%% of its text with that of question %q (line %d); ask something else, or merge them",
					b.ID, int(s*100), a.ID, a.Line)
				break // one warning per question is enough to act on
			}
		}
	}
	sortLint(warns)
	return warns
}

// duplicateShare is the share of the longer prompt above which two prompts
// count as the same question: "most of it".
const duplicateShare = 0.5

// correctIsLongest reports whether the one correct choice of a
// single-choice question is strictly longer, in Japanese, than every other.
func correctIsLongest(qu *Question) bool {
	best, bestLen, tie := -1, -1, false
	for i, c := range qu.Choices {
		n := textLen(c.Text.JA)
		switch {
		case n > bestLen:
			best, bestLen, tie = i, n, false
		case n == bestLen:
			tie = true
		}
	}
	return best >= 0 && !tie && qu.Choices[best].Correct
}

func textLen(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

// lettersOf keeps the letters and digits of s: punctuation, brackets and
// spaces say nothing about what is asked.
func lettersOf(s string) []rune {
	out := make([]rune, 0, len(s)/3+1)
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			out = append(out, r)
		}
	}
	return out
}

// sharedShare is the share of the longer of two prompts (letters only)
// that the shorter one also has: the pairs of adjacent characters they have
// in common (each pair counted as often as both have it) over the pairs of
// the longer one. 1 for equal prompts, more than a half when most of both
// is common to them. Pairs rather than single characters so that particles
// and kana common to every Japanese sentence, scattered over two prompts,
// do not make them look alike; pairs rather than whole runs so that a word
// changed here and there does not hide a copy.
func sharedShare(a, b []rune) float64 {
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(b) < 2 {
		return 0
	}
	pairs := make(map[[2]rune]int, len(b))
	for i := 0; i+1 < len(b); i++ {
		pairs[[2]rune{b[i], b[i+1]}]++
	}
	shared := 0
	for i := 0; i+1 < len(a); i++ {
		if k := [2]rune{a[i], a[i+1]}; pairs[k] > 0 {
			pairs[k]--
			shared++
		}
	}
	return float64(shared) / float64(len(a)-1)
}

func ids(qs []*Question) string {
	s := make([]string, len(qs))
	for i, q := range qs {
		s[i] = q.ID
	}
	return strings.Join(s, ", ")
}

func sortLint(warns []*diag.Error) {
	slices.SortStableFunc(warns, func(a, b *diag.Error) int { return cmp.Compare(a.Line, b.Line) })
}
