package site

import (
	"os"
	"runtime/debug"
)

// TuneGC sets the garbage collector's target for a build, unless GOGC is
// set in the environment, which then decides. A command calls it once at
// start (cold false), and again with cold true before a build with
// history whose cache is empty.
//
// A build holds little at a time (pages and search indexes are written as
// they are made, see Writer), so at Go's default the collector ran very
// often. Letting the heap grow to three times what is live, not twice,
// made builds faster for a peak still well under Hugo's.
//
// A first build with history (cold) derives and holds every old version
// and comparison: letting the heap grow to three times that took a third
// more memory than Go's default, and half the default took a third less,
// at the same speed. The README's Benchmarks section has the figures.
func TuneGC(cold bool) {
	if os.Getenv("GOGC") != "" {
		return
	}
	if cold {
		debug.SetGCPercent(50)
	} else {
		debug.SetGCPercent(200)
	}
}
