package diff

import (
	"slices"
)

// Block is one block of a document (a paragraph, a list item, a table row) as a comparison sees it.
type Block struct {
	// Key names the place of the block, e.g. the ID of the section it is in and the block's kind
	// ("purpose/p"); blocks with the same non-empty Key are paired as changed however much they
	// differ. It may be "".
	Key string
	// Text is the block's text; blocks with equal Text are unchanged.
	Text string
}

// Row is one row of a comparison table: indexes into the old and new blocks, -1 where the block has
// no counterpart (added, or removed).
type Row struct {
	Old, New int
}

// similarEnough is the least Dice coefficient of character bigrams for two blocks to be shown as
// one changed block rather than a removal and an addition.
const similarEnough = 0.5

// maxPairCells bounds the table of the pairing between two anchors (removed × added blocks). A
// larger gap is a rewrite, not an amendment; its blocks are paired only by Key.
const maxPairCells = 1 << 20

// Align pairs the blocks of two versions into the rows of a comparison table, in order. Equal blocks
// are matched by a diff over the block texts; between two matched blocks, removed and added blocks
// are paired as changed when they have the same non-empty Key or are similar enough (Dice
// coefficient of character bigrams at least 0.5), choosing the pairs of greatest total similarity
// that keep both columns in order. The rest are left as removals (New -1) and additions (Old -1),
// removals first.
func Align(old, new []Block) []Row {
	ids := map[string]int32{}
	intern := func(bs []Block) []int32 {
		out := make([]int32, len(bs))
		for i, b := range bs {
			id, ok := ids[b.Text]
			if !ok {
				id = int32(len(ids))
				ids[b.Text] = id
			}
			out[i] = id
		}
		return out
	}
	// The common prefix and suffix are found by comparing texts, not
	// interned: versions of a long document share most of their blocks,
	// often their very strings, and myers would take them first anyway.
	pre := 0
	for pre < len(old) && pre < len(new) && old[pre].Text == new[pre].Text {
		pre++
	}
	suf := 0
	for suf < len(old)-pre && suf < len(new)-pre && old[len(old)-1-suf].Text == new[len(new)-1-suf].Text {
		suf++
	}
	runs := []run{{Equal, pre}}
	for _, r := range myers(intern(old[pre:len(old)-suf]), intern(new[pre:len(new)-suf])) {
		if r.op == Equal && runs[len(runs)-1].op == Equal {
			runs[len(runs)-1].n += r.n
			continue
		}
		runs = append(runs, r)
	}
	if runs[len(runs)-1].op == Equal {
		runs[len(runs)-1].n += suf
	} else {
		runs = append(runs, run{Equal, suf})
	}

	rows := make([]Row, 0, max(len(old), len(new)))
	i, j := 0, 0
	var gapOld, gapNew []int
	flush := func() {
		rows = append(rows, pair(old, new, gapOld, gapNew)...)
		gapOld, gapNew = gapOld[:0], gapNew[:0]
	}
	for _, r := range runs {
		switch r.op {
		case Equal:
			flush()
			for k := 0; k < r.n; k++ {
				rows = append(rows, Row{i + k, j + k})
			}
			i += r.n
			j += r.n
		case Delete:
			for k := 0; k < r.n; k++ {
				gapOld = append(gapOld, i+k)
			}
			i += r.n
		case Insert:
			for k := 0; k < r.n; k++ {
				gapNew = append(gapNew, j+k)
			}
			j += r.n
		}
	}
	flush()
	return rows
}

// pair aligns the removed blocks gapOld with the added blocks gapNew (indexes, ascending) by a
// dynamic programme like the longest common subsequence, maximising total similarity.
func pair(old, new []Block, gapOld, gapNew []int) []Row {
	n, m := len(gapOld), len(gapNew)
	var rows []Row
	if n == 0 || m == 0 {
		for _, i := range gapOld {
			rows = append(rows, Row{i, -1})
		}
		for _, j := range gapNew {
			rows = append(rows, Row{-1, j})
		}
		return rows
	}
	if n*m > maxPairCells {
		return pairByKey(old, new, gapOld, gapNew)
	}
	bigOld := make([][]uint64, n)
	for k, i := range gapOld {
		bigOld[k] = bigrams(old[i].Text)
	}
	bigNew := make([][]uint64, m)
	for k, j := range gapNew {
		bigNew[k] = bigrams(new[j].Text)
	}
	// weight of pairing old gap block x with new gap block y; ok false when they may not pair.
	weight := func(x, y int) (float64, bool) {
		ko, kn := old[gapOld[x]].Key, new[gapNew[y]].Key
		sameKey := ko != "" && ko == kn
		a, b := bigOld[x], bigNew[y]
		if !sameKey && 2*float64(min(len(a), len(b))) < similarEnough*float64(len(a)+len(b)) {
			// Even sharing every bigram of the shorter, they are not
			// similar enough: a sentence against a paragraph.
			return 0, false
		}
		s := dice(a, b)
		if sameKey {
			return 1 + s, true
		}
		return s, s >= similarEnough
	}

	// best[x][y]: greatest total weight pairing gapOld[x:] with gapNew[y:]. Filled from the end so
	// the walk that reads it goes forward.
	best := make([]float64, (n+1)*(m+1))
	at := func(x, y int) *float64 { return &best[x*(m+1)+y] }
	for x := n - 1; x >= 0; x-- {
		for y := m - 1; y >= 0; y-- {
			v := max(*at(x+1, y), *at(x, y+1))
			if w, ok := weight(x, y); ok {
				v = max(v, w+*at(x+1, y+1))
			}
			*at(x, y) = v
		}
	}
	x, y := 0, 0
	for x < n && y < m {
		if w, ok := weight(x, y); ok && *at(x, y) == w+*at(x+1, y+1) {
			rows = append(rows, Row{gapOld[x], gapNew[y]})
			x++
			y++
			continue
		}
		// Not paired here: emit a removal while the best stays reachable without this old block,
		// otherwise an addition. Removals come first among unpaired blocks.
		if *at(x, y) == *at(x+1, y) {
			rows = append(rows, Row{gapOld[x], -1})
			x++
		} else {
			rows = append(rows, Row{-1, gapNew[y]})
			y++
		}
	}
	for ; x < n; x++ {
		rows = append(rows, Row{gapOld[x], -1})
	}
	for ; y < m; y++ {
		rows = append(rows, Row{-1, gapNew[y]})
	}
	return order(rows)
}

// order moves, between two paired rows, the removals before the additions: the walk above can
// emit an addition before a removal when the removal's old block pairs later.
func order(rows []Row) []Row {
	out := make([]Row, 0, len(rows))
	var adds []Row
	for _, r := range rows {
		switch {
		case r.Old >= 0 && r.New >= 0:
			out = append(out, adds...)
			adds = adds[:0]
			out = append(out, r)
		case r.Old >= 0:
			out = append(out, r)
		default:
			adds = append(adds, r)
		}
	}
	return append(out, adds...)
}

// pairByKey pairs blocks of a very large gap by Key alone, with the same diff as the texts.
func pairByKey(old, new []Block, gapOld, gapNew []int) []Row {
	ids := map[string]int32{}
	next := int32(-1)
	key := func(k string) int32 {
		if k == "" {
			// never equal to anything
			next--
			return next
		}
		id, ok := ids[k]
		if !ok {
			id = int32(len(ids))
			ids[k] = id
		}
		return id
	}
	a := make([]int32, len(gapOld))
	for x, i := range gapOld {
		a[x] = key(old[i].Key)
	}
	b := make([]int32, len(gapNew))
	for y, j := range gapNew {
		b[y] = key(new[j].Key)
	}
	var rows []Row
	x, y := 0, 0
	for _, r := range myers(a, b) {
		for k := 0; k < r.n; k++ {
			switch r.op {
			case Equal:
				rows = append(rows, Row{gapOld[x], gapNew[y]})
				x++
				y++
			case Delete:
				rows = append(rows, Row{gapOld[x], -1})
				x++
			case Insert:
				rows = append(rows, Row{-1, gapNew[y]})
				y++
			}
		}
	}
	return order(rows)
}

// bigrams returns the sorted character bigrams of s, each as two runes in one word.
func bigrams(s string) []uint64 {
	rs := []rune(s)
	if len(rs) < 2 {
		if len(rs) == 1 {
			// A one-character block is compared as itself.
			return []uint64{uint64(rs[0])<<32 | 0xFFFFFFFF}
		}
		return nil
	}
	out := make([]uint64, 0, len(rs)-1)
	for i := 0; i+1 < len(rs); i++ {
		out = append(out, uint64(rs[i])<<32|uint64(uint32(rs[i+1])))
	}
	slices.Sort(out)
	return out
}

// dice is the Dice coefficient of two sorted multisets: twice the shared elements over the total.
func dice(a, b []uint64) float64 {
	if len(a)+len(b) == 0 {
		return 1
	}
	common := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			common++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return 2 * float64(common) / float64(len(a)+len(b))
}
