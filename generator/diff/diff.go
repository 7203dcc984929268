// Package diff computes the comparisons shown on a revision page: which blocks of a document were
// kept, changed, added or removed, and, inside a changed block, which characters or words.
//
// # The practice it follows
//
// Japanese rules and statutes are amended by a 新旧対照表 (comparison table of old and new text): two
// columns, the text before the amendment (旧) and after it (新), with the changed passages marked
// by a 傍線 (a line drawn beside or under the characters) in both columns. A reader finds the
// change without reading the whole provision twice. The revision pages of the site follow the same
// layout: [Align] pairs the blocks (paragraphs, list items, table rows) of two versions into rows of
// the table, and [Chars] (Japanese) or [Words] (English) marks what changed inside a pair.
//
// # Marks that read as phrases
//
// A minimal edit script is not what a person marks. Between 「甲は乙に通知する」 and 「丙は丁に報告する」
// a shortest diff keeps は and に as equal islands and marks the rest in six pieces; a drafter would
// mark one phrase, 「甲は乙に通知」 replaced by 「丙は丁に報告」. So the raw diff is cleaned up in three steps, after the cleanup described by
// Neil Fraser ("Diff Strategies", and his diff-match-patch library):
//
//   - merge: adjacent spans of one kind are joined, inside a run of changes deletions come before
//     insertions, and text common to the start or end of a deletion and its insertion moves into the
//     unchanged text around them;
//   - semantic: an unchanged island no longer than the changes on either side of it (so always a
//     single character between two changes) and of at most five characters is folded into them, so
//     「機器故障等」→「機器の故障等」 still marks only の, accidental matches of particles inside rewritten
//     phrases disappear, and an unchanged phrase of six characters or more is never inside a mark;
//   - boundaries: a change that could equally be placed a little earlier or later (「甲、乙」→「甲、丙、乙」
//     inserts either 「丙、」 or 「、丙」) is slid to where its edges fall on punctuation, spaces or a
//     change of script (kanji, kana, Latin), which is where a reader's phrases end: 甲、[+丙、+]乙.
//
// The marks are lossless whatever the cleanup did: the Equal and Delete spans concatenated are
// exactly the old text, and the Equal and Insert spans exactly the new one (the fuzz tests check this,
// for any bytes, valid UTF-8 or not).
//
// # Algorithms
//
// The edit script comes from Eugene W. Myers' O(ND) algorithm ("An O(ND) Difference Algorithm and
// Its Variations", 1986) in its linear-space form: the middle snake of the forward and reverse
// searches splits the problem in two, recursively, so memory stays proportional to the input. The
// common prefix and suffix are removed first, which for an amendment of a long article leaves a few
// characters to compare. Time is O((N+M)·D) for D differences; to keep a build fast whatever it is
// given, the search is given a fixed budget of steps, after which the remaining differences are
// marked as one deletion and one insertion. The budget is far above what two versions of one section
// need, and it is counted in steps, not time, so the output is the same on every machine.
//
// [Chars] compares runes, which suits Japanese, where there are no spaces between words, except
// that a number is one token: a run of 漢数字 or of digits, with its 第 and its 条, 項 or 号 where it
// has them (「第百二十三条」), so a number is marked whole or not at all, as a drafter reads it. [Words]
// compares tokens: words (runs of letters, digits and marks), runs of white space and single
// punctuation marks; a CJK character is a token of its own, so a Japanese phrase inside English text
// is still compared character by character.
//
// [Align] runs the same diff over whole blocks, so unchanged blocks anchor the table; between two
// anchors, removed and added blocks are paired as one changed row when they share a non-empty Key
// (the section and kind of block) or when the Dice coefficient of their character bigrams is at
// least 0.5, choosing the pairs of greatest total similarity that keep both columns in order.
package diff

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Op says what happened to a span of text.
type Op int8

const (
	Equal  Op = iota // in both texts
	Insert           // only in the new text
	Delete           // only in the old text
)

func (o Op) String() string {
	switch o {
	case Equal:
		return "Equal"
	case Insert:
		return "Insert"
	case Delete:
		return "Delete"
	}
	return "Op(" + string(rune('0'+o)) + ")"
}

// Span is a piece of text with what happened to it.
type Span struct {
	Op   Op
	Text string
}

// Chars compares old and new character by character (rune by rune), the right grain for Japanese.
// No span is empty, no two neighbours have the same Op, and a Delete comes before the Insert it is
// replaced by.
func Chars(old, new string) []Span {
	return compare(charTokens(old), charTokens(new))
}

// Words compares old and new word by word, the right grain for English: tokens are words, runs of
// white space and single punctuation marks (and single CJK characters).
func Words(old, new string) []Span {
	return compare(wordTokens(old), wordTokens(new))
}

// charTokens splits s into runes, keeping each byte of invalid UTF-8 as a token of its own so that
// the spans always join back into s, except that a number is one token (see numberAt).
func charTokens(s string) []string {
	toks := make([]string, 0, utf8.RuneCountInString(s))
	for i := 0; i < len(s); {
		n := numberAt(s, i)
		if n == 0 {
			_, n = utf8.DecodeRuneInString(s[i:])
		}
		toks = append(toks, s[i:i+n])
		i += n
	}
	return toks
}

// numberAt returns the length in bytes of the number that starts at s[i], or 0 if none does. A
// number is a run of 漢数字 (〇一二三四五六七八九十百千万億兆) or of digits (ASCII or full-width, with
// "," or "." between digits), together with a 第 just before it and a 条, 項, 号, 章, 節, 款, 目 or 編
// just after it when it has one: 「第百二十三条」 is one token, so that 第百二十三条 → 第百二十九条
// marks the whole number, never 三 → 九 alone. A branch number stays a token of its own
// (第二十二条, の, 三), so that 第二十二条の三 → 第二十二条の四 marks only the branch.
func numberAt(s string, i int) int {
	j := i
	if strings.HasPrefix(s[j:], "第") {
		j += len("第")
	}
	start := j
	kanji := false
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		switch {
		case isKanjiNumeral(r) && (j == start || kanji):
			kanji = true
		case isDigit(r) && (j == start || !kanji):
		case (r == ',' || r == '.' || r == '，' || r == '．') && j > start && !kanji:
			// A separator counts only between two digits.
			if r2, _ := utf8.DecodeRuneInString(s[j+n:]); !isDigit(r2) {
				goto end
			}
		default:
			goto end
		}
		j += n
	}
end:
	if j == start {
		return 0
	}
	if start > i {
		if r, n := utf8.DecodeRuneInString(s[j:]); strings.ContainsRune("条項号章節款目編", r) {
			j += n
		}
	}
	return j - i
}

func isKanjiNumeral(r rune) bool {
	return strings.ContainsRune("〇一二三四五六七八九十百千万億兆", r)
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' || '０' <= r && r <= '９' }

func wordTokens(s string) []string {
	var toks []string
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		j := i + n
		switch {
		case r == utf8.RuneError && n == 1, isCJK(r):
			// a token of its own
		case unicode.IsSpace(r):
			for j < len(s) {
				r, n := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsSpace(r) || r == utf8.RuneError && n == 1 {
					break
				}
				j += n
			}
		case isWordRune(r):
			for j < len(s) {
				r, n := utf8.DecodeRuneInString(s[j:])
				if !isWordRune(r) || isCJK(r) || r == utf8.RuneError && n == 1 {
					break
				}
				j += n
			}
		}
		toks = append(toks, s[i:j])
		i = j
	}
	return toks
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || r == 'ー' || r == '々'
}

// compare diffs two token sequences and cleans the result up into spans.
func compare(a, b []string) []Span {
	ids := map[string]int32{}
	intern := func(toks []string) []int32 {
		out := make([]int32, len(toks))
		for i, t := range toks {
			id, ok := ids[t]
			if !ok {
				id = int32(len(ids))
				ids[t] = id
			}
			out[i] = id
		}
		return out
	}
	runs := myers(intern(a), intern(b))

	ps := make([]piece, 0, len(runs))
	i, j := 0, 0
	for _, r := range runs {
		switch r.op {
		case Equal:
			ps = append(ps, piece{Equal, a[i : i+r.n]})
			i += r.n
			j += r.n
		case Delete:
			ps = append(ps, piece{Delete, a[i : i+r.n]})
			i += r.n
		case Insert:
			ps = append(ps, piece{Insert, b[j : j+r.n]})
			j += r.n
		}
	}
	ps = cleanup(ps)

	spans := make([]Span, 0, len(ps))
	for _, p := range ps {
		spans = append(spans, Span{p.op, strings.Join(p.toks, "")})
	}
	return spans
}
