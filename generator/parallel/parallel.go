// Package parallel shares independent pieces of work out over the
// processors: loading, converting and rendering a site are each a loop
// whose iterations touch nothing another needs.
package parallel

import (
	"runtime"
	"sync"
)

// For calls f(i) for every i in [0, n), on as many goroutines as there are
// processors. f must write only to the i-th result, so the outcome does
// not depend on the order the goroutines finish in.
func For(n int, f func(i int)) {
	ForN(runtime.GOMAXPROCS(0), n, f)
}

// ForN is For on at most workers goroutines.
func ForN(workers, n int, f func(i int)) {
	workers = min(workers, n)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var next int
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
}
