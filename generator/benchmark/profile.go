package main

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"policysite/generator/cache"
	"policysite/generator/history"
	"policysite/generator/output"
	"policysite/generator/site"
	"policysite/templates"
)

// profileReps is how many builds one profile covers, for enough samples.
const profileReps = 3

// profileBuild builds w in this process as build.go does (history.ReadCached
// and the site cache when asked, site.Build writing each page into an
// output.Tree as it is made), profileReps times without
// history and as many with, and writes <folder>/<corpus>-{plain,history}.{cpu,allocs}.pprof.
// Read them with `go tool pprof -top <file>`.
func profileBuild(w *workload, folder string, log func(string, ...any)) error {
	if err := os.MkdirAll(folder, 0o755); err != nil {
		return err
	}
	name := strings.NewReplacer(" ", "", "=", "", "-", "").Replace(w.name)
	for _, withHistory := range []bool{false, true} {
		base := filepath.Join(folder, name+"-plain")
		if withHistory {
			base = filepath.Join(folder, name+"-history")
		}
		if err := profileOne(w, base, withHistory, log); err != nil {
			return err
		}
	}
	return nil
}

func profileOne(w *workload, base string, withHistory bool, log func(string, ...any)) error {
	cpu, err := os.Create(base + ".cpu.pprof")
	if err != nil {
		return err
	}
	defer cpu.Close()
	out := filepath.Join(w.dir, "out-profile")
	defer os.RemoveAll(out)
	if err := pprof.StartCPUProfile(cpu); err != nil {
		return err
	}
	defer pprof.StopCPUProfile()
	var inHistory, inBuild, inWrite time.Duration
	for range profileReps {
		os.RemoveAll(out)
		t0 := time.Now()
		opt := site.Options{FS: os.DirFS(w.repo()), Templates: templates.FS}
		if withHistory {
			// As build.go reads it: from the cache in the repository's git
			// folder, which the timed runs before this one have filled.
			h, err := history.ReadCached(w.repo(), "content", "quizzes")
			if err != nil {
				return err
			}
			if h.Shallow {
				return errors.New("shallow repository")
			}
			opt.History = h
			if dir, err := history.CacheDir(w.repo()); err == nil {
				opt.Cache = cache.Open(filepath.Join(dir, "profile.cache"), []byte("benchmark profile"))
			}
		}
		t1 := time.Now()
		tree, err := output.Create(out, true)
		if err != nil {
			return err
		}
		opt.Out = tree
		if _, err := site.Build(opt); err != nil {
			tree.Abort()
			return err
		}
		opt.Cache.Save()
		opt.Cache.Close()
		t2 := time.Now()
		if err := tree.Commit(); err != nil {
			return err
		}
		inHistory += t1.Sub(t0)
		inBuild += t2.Sub(t1)
		inWrite += time.Since(t2)
	}
	pprof.StopCPUProfile()
	allocs, err := os.Create(base + ".allocs.pprof")
	if err != nil {
		return err
	}
	defer allocs.Close()
	runtime.GC()
	if err := pprof.Lookup("allocs").WriteTo(allocs, 0); err != nil {
		return err
	}
	per := func(d time.Duration) time.Duration { return (d / profileReps).Round(time.Millisecond) }
	log("profile of %s (history %v): history.ReadCached %v, site.Build writing each page %v, swapping the output in %v per build (in-process, mean of %d); %s.{cpu,allocs}.pprof",
		w.name, withHistory, per(inHistory), per(inBuild), per(inWrite), profileReps, base)
	return nil
}
