package site

import (
	"runtime"
	"sync"
)

// parallel calls f(i) for every i in [0, n), on as many goroutines as there
// are processors. Rendering a page touches nothing another page needs, so
// the work divides cleanly; the results are put in place by index, so the
// output does not depend on the order the goroutines finish in.
func parallel(n int, f func(i int)) {
	parallelN(runtime.GOMAXPROCS(0), n, f)
}

// parallelN is parallel on at most workers goroutines.
func parallelN(workers, n int, f func(i int)) {
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
