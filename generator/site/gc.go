package site

import (
	"os"
	"runtime/debug"
)

// TuneGC sets the garbage collector's target for a build, unless GOGC is
// set in the environment, which then decides. A command calls it once at
// start (withHistory false), again before it reads a history (cold: the
// walk holds every version it reads), and once more when the cache says
// whether this is a first build (cold: with an empty cache).
//
// A build holds little at a time (pages and search indexes are written as
// they are made, see Writer), so at Go's default the collector ran very
// often. Letting the heap grow to three times what is live, not twice,
// made plain builds faster for a peak still well under Hugo's.
//
// A build with history holds every old version's blocks for its
// comparisons, and there the same setting only cost memory: at Go's
// default a rebuild of the replayed laws took the same processor time
// with 220 MB instead of 370 MB at its peak. A first build (cold) derives
// every comparison as well: half the default took a fifth less memory
// than the default for a sixth more processor time. The README's
// Benchmarks section has the figures.
func TuneGC(withHistory, cold bool) {
	if os.Getenv("GOGC") != "" {
		return
	}
	switch {
	case cold:
		debug.SetGCPercent(50)
	case withHistory:
		debug.SetGCPercent(100)
	default:
		debug.SetGCPercent(200)
	}
}

// tightGC sets a tighter target for the collector while the histories are
// made, unless GOGC is set in the environment, and returns what undoes it.
// The heap is then mostly the bytes of every version not yet taken, and
// they only go (each document's once its history is made, see
// Options.ConsumeHistory): at a first build's 50, the 1,000-commit
// synthetic history peaked here (147 MB); at 25 it peaks at 130 MB, for
// 3% more processor time (on 5,000 files too).
func tightGC() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(25)
	return func() { debug.SetGCPercent(old) }
}
