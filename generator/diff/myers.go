package diff

// run is a stretch of the edit script: n tokens kept, inserted or deleted.
type run struct {
	op Op
	n  int
}

// stepBudget bounds the work of one comparison, in diagonals visited by the searches. Two versions of
// a section, or a whole 100 kB document with a few dozen amendments, need a small fraction of it;
// two unrelated texts of that size would need billions of steps and are not worth them.
const stepBudget = 1 << 23

type myersState struct {
	a, b  []int32
	steps int
	out   []run
	// buf holds the two search arrays of split, reused from call to call: split does not recurse,
	// and allocating them afresh for every split made the garbage collector the main cost.
	buf []int
}

// myers returns an edit script turning a into b: Myers' algorithm, linear-space variant, after
// removal of the common prefix and suffix.
func myers(a, b []int32) []run {
	m := &myersState{a: a, b: b}
	m.diff(0, len(a), 0, len(b))
	return m.out
}

func (m *myersState) emit(op Op, n int) {
	if n == 0 {
		return
	}
	if k := len(m.out); k > 0 && m.out[k-1].op == op {
		m.out[k-1].n += n
		return
	}
	m.out = append(m.out, run{op, n})
}

// diff appends the edit script of a[a0:a1] against b[b0:b1].
func (m *myersState) diff(a0, a1, b0, b1 int) {
	a, b := m.a, m.b
	pre := 0
	for a0+pre < a1 && b0+pre < b1 && a[a0+pre] == b[b0+pre] {
		pre++
	}
	m.emit(Equal, pre)
	a0 += pre
	b0 += pre
	suf := 0
	for a1-suf > a0 && b1-suf > b0 && a[a1-1-suf] == b[b1-1-suf] {
		suf++
	}
	a1 -= suf
	b1 -= suf

	switch {
	case a0 == a1:
		m.emit(Insert, b1-b0)
	case b0 == b1:
		m.emit(Delete, a1-a0)
	default:
		if x, y, ok := m.split(a0, a1, b0, b1); ok {
			m.diff(a0, x, b0, y)
			m.diff(x, a1, y, b1)
		} else {
			m.emit(Delete, a1-a0)
			m.emit(Insert, b1-b0)
		}
	}
	m.emit(Equal, suf)
}

// split finds a point (x, y) on a shortest edit path of a[a0:a1] against b[b0:b1], by running the
// search forward from the start and backward from the end until the two meet: the middle snake.
// Both texts are non-empty and differ in their first and last tokens. When the step budget runs out
// first, it returns the furthest point the forward search reached, so the work done still shapes
// the script; ok is false when there is no such point.
func (m *myersState) split(a0, a1, b0, b1 int) (x, y int, ok bool) {
	a, b := m.a, m.b
	n, mm := a1-a0, b1-b0
	maxD := (n + mm + 1) / 2
	off := maxD + 1
	size := 2*maxD + 3
	if cap(m.buf) < 2*size {
		m.buf = make([]int, 2*size)
	}
	vf := m.buf[:size]         // furthest x (relative to a0) on each diagonal k = x-y, forward
	vb := m.buf[size : 2*size] // furthest distance from the end on each diagonal, backward
	for i := range vf {
		vf[i] = -1
		vb[i] = -1
	}
	vf[off+1] = 0
	vb[off+1] = 0
	delta := n - mm
	odd := delta%2 != 0
	// k ranges narrowed when a diagonal runs off the edge of the grid.
	kfStart, kfEnd, kbStart, kbEnd := 0, 0, 0, 0

	for d := 0; d <= maxD; d++ {
		if m.steps > stepBudget && d > 0 {
			return m.furthest(vf, off, d, kfStart, kfEnd, n, mm, a0, b0)
		}
		for k := -d + kfStart; k <= d-kfEnd; k += 2 {
			m.steps++
			i := off + k
			var x int
			if k == -d || k != d && vf[i-1] < vf[i+1] {
				x = vf[i+1]
			} else {
				x = vf[i-1] + 1
			}
			y := x - k
			for x < n && y < mm && a[a0+x] == b[b0+y] {
				x++
				y++
			}
			vf[i] = x
			switch {
			case x > n:
				kfEnd += 2
			case y > mm:
				kfStart += 2
			case odd:
				j := off + delta - k
				if j >= 0 && j < size && vb[j] != -1 && x >= n-vb[j] {
					return a0 + x, b0 + y, true
				}
			}
		}
		for k := -d + kbStart; k <= d-kbEnd; k += 2 {
			m.steps++
			i := off + k
			var x int
			if k == -d || k != d && vb[i-1] < vb[i+1] {
				x = vb[i+1]
			} else {
				x = vb[i-1] + 1
			}
			y := x - k
			for x < n && y < mm && a[a1-1-x] == b[b1-1-y] {
				x++
				y++
			}
			vb[i] = x
			switch {
			case x > n:
				kbEnd += 2
			case y > mm:
				kbStart += 2
			case !odd:
				j := off + delta - k
				if j >= 0 && j < size && vf[j] != -1 {
					fx := vf[j]
					fy := fx - (j - off)
					if fx >= n-x {
						return a0 + fx, b0 + fy, true
					}
				}
			}
		}
	}
	return 0, 0, false
}

// furthest returns the point of the forward search furthest along (greatest x+y), when it is
// strictly inside the grid so that splitting there makes progress.
func (m *myersState) furthest(vf []int, off, d, kStart, kEnd, n, mm, a0, b0 int) (int, int, bool) {
	bestX, bestY := -1, -1
	for k := -(d - 1) + kStart; k <= d-1-kEnd; k += 2 {
		x := vf[off+k]
		if x < 0 {
			continue
		}
		y := x - k
		if x > n || y > mm || y < 0 {
			continue
		}
		if x+y > bestX+bestY {
			bestX, bestY = x, y
		}
	}
	if bestX+bestY <= 0 || bestX+bestY >= n+mm {
		return 0, 0, false
	}
	return a0 + bestX, b0 + bestY, true
}
