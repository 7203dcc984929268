package diff

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// piece is a span still split into tokens, so that cleanup moves whole tokens (words, for Words).
type piece struct {
	op   Op
	toks []string
}

func (p piece) runes() int {
	n := 0
	for _, t := range p.toks {
		n += utf8.RuneCountInString(t)
	}
	return n
}

func cleanup(ps []piece) []piece {
	ps = merge(ps)
	ps = semantic(ps)
	ps = boundaries(ps)
	return ps
}

func cat(a, b []string) []string {
	out := make([]string, 0, len(a)+len(b))
	return append(append(out, a...), b...)
}

// merge joins neighbours of one kind, puts each run of changes in the form Delete then Insert, and
// moves tokens common to the start (or end) of a run's deletion and insertion into the equal text
// before (or after) it.
//
// Pieces share the arrays of their tokens, so merge appends only to arrays it made itself (owned):
// a join copied both sides, and joining a run of n pieces one by one copied it n times.
func merge(ps []piece) []piece {
	out := make([]piece, 0, len(ps))
	owned := false // the last piece of out is Equal and its array is merge's own
	addEqual := func(toks []string) {
		if len(toks) == 0 {
			return
		}
		if n := len(out); n > 0 && out[n-1].op == Equal {
			if !owned {
				out[n-1].toks = append(make([]string, 0, len(out[n-1].toks)+len(toks)), out[n-1].toks...)
				owned = true
			}
			out[n-1].toks = append(out[n-1].toks, toks...)
			return
		}
		out = append(out, piece{Equal, toks})
		owned = false
	}
	for i := 0; i < len(ps); {
		if ps[i].op == Equal {
			addEqual(ps[i].toks)
			i++
			continue
		}
		var del, ins []string
		for ; i < len(ps) && ps[i].op != Equal; i++ {
			// del and ins start nil: their first append makes their own arrays.
			if ps[i].op == Delete {
				del = append(del, ps[i].toks...)
			} else {
				ins = append(ins, ps[i].toks...)
			}
		}
		pre := 0
		for pre < len(del) && pre < len(ins) && del[pre] == ins[pre] {
			pre++
		}
		suf := 0
		for suf < len(del)-pre && suf < len(ins)-pre && del[len(del)-1-suf] == ins[len(ins)-1-suf] {
			suf++
		}
		addEqual(del[:pre])
		if d := del[pre : len(del)-suf]; len(d) > 0 {
			out = append(out, piece{Delete, d})
		}
		if s := ins[pre : len(ins)-suf]; len(s) > 0 {
			out = append(out, piece{Insert, s})
		}
		addEqual(del[len(del)-suf:])
	}
	return out
}

// maxFolded is the longest equal island (in runes) that semantic may fold into a change: a longer
// unchanged stretch is a phrase of its own, and marking it would tell the reader it changed
// (「又は当該小売電気事業者」 between two insertions of 「若しくは特定卸供給事業者」).
const maxFolded = 5

// semantic folds into the changes around it every equal island that is no longer (in runes) than
// the larger side, deletion or insertion, of the run of changes on each side of it, and no longer
// than maxFolded. A single rune between two changes always goes. Folding only makes runs larger, so
// every island that qualifies is folded in one pass; the passes repeat until none does.
func semantic(ps []piece) []piece {
	var scratch [2][]rune
	for {
		changed := false
		// before[i]: larger side of the run of changes just before piece i; after[i] likewise.
		before := make([]int, len(ps))
		after := make([]int, len(ps))
		del, ins := 0, 0
		for i, p := range ps {
			before[i] = max(del, ins)
			switch p.op {
			case Equal:
				del, ins = 0, 0
			case Delete:
				del += p.runes()
			case Insert:
				ins += p.runes()
			}
		}
		del, ins = 0, 0
		for i := len(ps) - 1; i >= 0; i-- {
			after[i] = max(del, ins)
			switch ps[i].op {
			case Equal:
				del, ins = 0, 0
			case Delete:
				del += ps[i].runes()
			case Insert:
				ins += ps[i].runes()
			}
		}
		out := make([]piece, 0, len(ps)+4)
		for i, p := range ps {
			if p.op == Equal && before[i] > 0 && after[i] > 0 {
				if n := p.runes(); n <= before[i] && n <= after[i] && n <= maxFolded && !sharesStretch(out, p, ps[i+1:], &scratch) {
					out = append(out, piece{Delete, p.toks}, piece{Insert, p.toks})
					changed = true
					continue
				}
			}
			out = append(out, p)
		}
		if !changed {
			return ps
		}
		ps = merge(out)
	}
}

// sharesStretch reports whether folding the island p would leave the deletion and the insertion
// of the run it makes sharing maxFolded+1 runes in a row, an unchanged stretch inside a mark:
// out ends with the run (already folded) before p, rest starts with the run after it.
// The runes go into scratch's two buffers, which each call reuses.
func sharesStretch(out []piece, p piece, rest []piece, scratch *[2][]rune) bool {
	del, ins := scratch[0][:0], scratch[1][:0]
	defer func() { scratch[0], scratch[1] = del, ins }()
	add := func(q piece) {
		for _, t := range q.toks {
			for _, r := range t {
				if q.op != Insert {
					del = append(del, r)
				}
				if q.op != Delete {
					ins = append(ins, r)
				}
			}
		}
	}
	start := len(out)
	for start > 0 && out[start-1].op != Equal {
		start--
	}
	for _, q := range out[start:] {
		add(q)
	}
	add(p)
	for _, q := range rest {
		if q.op == Equal {
			break
		}
		add(q)
	}
	return sharesRun(del, ins, maxFolded+1)
}

// sharesRun reports whether a and b share a run of k runes (k ≥ 1): as
// longestCommon(a, b) ≥ k, without the quadratic table when a and b are
// long (a long rewritten paragraph is one run of changes), by looking the
// runs of b up among a's.
func sharesRun(a, b []rune, k int) bool {
	if len(a) < k || len(b) < k {
		return false
	}
	if len(a)*len(b) <= 1<<12 {
		return longestCommon(a, b) >= k
	}
	// Runs of a by a rolling hash, compared rune by rune when the hashes
	// meet.
	const base = 1_000_003
	pow := uint64(1)
	for range k - 1 {
		pow *= base
	}
	hashes := func(s []rune, each func(i int, h uint64) bool) bool {
		var h uint64
		for i, r := range s {
			if i >= k {
				h -= uint64(s[i-k]) * pow
			}
			h = h*base + uint64(r)
			if i >= k-1 && each(i-k+1, h) {
				return true
			}
		}
		return false
	}
	at := make(map[uint64][]int32, len(a))
	hashes(a, func(i int, h uint64) bool {
		at[h] = append(at[h], int32(i))
		return false
	})
	return hashes(b, func(j int, h uint64) bool {
		for _, i := range at[h] {
			if slices.Equal(a[i:int(i)+k], b[j:j+k]) {
				return true
			}
		}
		return false
	})
}

// longestCommon is the length of the longest run of runes that a and b share.
func longestCommon(a, b []rune) int {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	best := 0
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
				best = max(best, cur[j+1])
			} else {
				cur[j+1] = 0
			}
		}
		prev, cur = cur, prev
	}
	return best
}

// boundaries slides each lone insertion or deletion between two equal pieces to the position where
// its edges best match the edges of phrases. In the text that holds the edit (the new text for an
// insertion, the old one for a deletion) the edit is a window; the window may move one token left
// while the token before it equals its last token, and right while the token after it equals its
// first, and every such position gives the same two texts.
func boundaries(ps []piece) []piece {
	moved := false
	for i := 1; i+1 < len(ps); i++ {
		if ps[i-1].op != Equal || ps[i+1].op != Equal || ps[i].op == Equal {
			continue
		}
		// Most edits cannot slide at all; only those that can are worth copying their neighbours.
		// (A slide before may have emptied the piece before this one.)
		edit, before, after := ps[i].toks, ps[i-1].toks, ps[i+1].toks
		left := len(before) > 0 && before[len(before)-1] == edit[len(edit)-1]
		right := len(after) > 0 && after[0] == edit[0]
		if !left && !right {
			continue
		}
		t := cat(cat(ps[i-1].toks, ps[i].toks), ps[i+1].toks)
		e := len(ps[i].toks)
		start := len(ps[i-1].toks)
		w := start
		for w > 0 && t[w-1] == t[w+e-1] {
			w--
		}
		// Keep the best-scoring position, the rightmost of equal scores (the Myers search tends
		// to leave edits on the right).
		best, bestScore := w, -1
		for ; ; w++ {
			if s := windowScore(t, w, e); s >= bestScore {
				best, bestScore = w, s
			}
			if w+e >= len(t) || t[w] != t[w+e] {
				break
			}
		}
		if best != start {
			ps[i-1].toks, ps[i].toks, ps[i+1].toks = t[:best], t[best:best+e], t[best+e:]
			moved = true
		}
	}
	if !moved {
		return ps
	}
	// A slide may have emptied an equal piece, making two changes neighbours.
	out := ps[:0]
	for _, p := range ps {
		if len(p.toks) > 0 {
			out = append(out, p)
		}
	}
	return merge(out)
}

// windowScore rates the edges of the window t[w:w+e].
func windowScore(t []string, w, e int) int {
	before, after := rune(-1), rune(-1)
	if w > 0 {
		before, _ = utf8.DecodeLastRuneInString(t[w-1])
	}
	if w+e < len(t) {
		after, _ = utf8.DecodeRuneInString(t[w+e])
	}
	return edgeScore(before, first(t[w:w+e])) + edgeScore(last(t[w:w+e]), after)
}

func first(toks []string) rune {
	if len(toks) == 0 {
		return -1
	}
	r, _ := utf8.DecodeRuneInString(toks[0])
	return r
}

func last(toks []string) rune {
	if len(toks) == 0 {
		return -1
	}
	r, _ := utf8.DecodeLastRuneInString(toks[len(toks)-1])
	return r
}

// edgeScore rates a boundary between rune a and rune b (-1 at either end of the text) as a place
// for the edge of a mark: higher where a reader's phrase would end.
func edgeScore(a, b rune) int {
	switch {
	case a < 0 || b < 0:
		return 6
	case a == '\n' || b == '\n':
		return 4
	case isSentenceEnd(a):
		return 3
	case unicode.IsSpace(a) || unicode.IsSpace(b):
		return 2
	case isOpening(b) || isClosing(a) || unicode.IsPunct(a):
		return 2
	case unicode.IsPunct(b) || unicode.IsSymbol(a) || unicode.IsSymbol(b):
		return 1
	case script(a) != script(b):
		return 1
	}
	return 0
}

func isSentenceEnd(r rune) bool {
	switch r {
	case '。', '．', '.', '!', '?', '！', '？':
		return true
	}
	return false
}

func isOpening(r rune) bool { return unicode.Is(unicode.Ps, r) || unicode.Is(unicode.Pi, r) }
func isClosing(r rune) bool { return unicode.Is(unicode.Pe, r) || unicode.Is(unicode.Pf, r) }

// script classes a rune for boundary scoring: a change from kanji to kana or to Latin letters often
// marks the edge of a word in Japanese text.
func script(r rune) int {
	switch {
	case unicode.Is(unicode.Han, r) || r == '々':
		return 1
	case unicode.Is(unicode.Hiragana, r):
		return 2
	case unicode.Is(unicode.Katakana, r) || r == 'ー':
		return 3
	case unicode.IsLetter(r):
		return 4
	case unicode.IsDigit(r):
		return 5
	}
	return 0
}
