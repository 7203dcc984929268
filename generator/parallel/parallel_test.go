package parallel

import (
	"sync/atomic"
	"testing"
)

func TestFor(t *testing.T) {
	for _, tt := range []struct{ workers, n int }{{1, 0}, {1, 5}, {2, 1}, {2, 100}, {8, 3}, {0, 4}} {
		out := make([]int, tt.n)
		var running, most atomic.Int32
		ForN(tt.workers, tt.n, func(i int) {
			r := running.Add(1)
			for m := most.Load(); r > m && !most.CompareAndSwap(m, r); m = most.Load() {
			}
			out[i] = i * i
			running.Add(-1)
		})
		for i, v := range out {
			if v != i*i {
				t.Errorf("ForN(%d, %d): f(%d) not called once", tt.workers, tt.n, i)
			}
		}
		if int(most.Load()) > max(tt.workers, 1) {
			t.Errorf("ForN(%d, %d): %d at once", tt.workers, tt.n, most.Load())
		}
	}
}
