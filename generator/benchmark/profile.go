package main

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"policysite/generator/pipeline"
	"policysite/generator/site"
	"policysite/templates"
)

// profileReps is how many builds one profile covers, for enough samples.
const profileReps = 3

// profileBuild builds w in this process as build.go does (pipeline.Run),
// profileReps times without history and as many with, and writes
// <folder>/<corpus>-{plain,history}.{cpu,allocs}.pprof.
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
		// As build.go builds: the history from the cache in the
		// repository's git folder (which the timed runs before this one
		// left, made by another program: so the first build here is a
		// first build), then the site's cache beside it.
		res, err := pipeline.Run(pipeline.Config{Dir: w.repo(), Site: site.Options{FS: os.DirFS(w.repo()), Templates: templates.FS},
			History: withHistory, Cache: true, Out: out, Minify: true})
		if err != nil {
			return err
		}
		if withHistory && res.NoHistory != "" {
			return errors.New(res.NoHistory)
		}
		inHistory += res.History
		inBuild += res.Build
		inWrite += res.Commit
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
	log("profile of %s (history %v): the history and cache %v, site.Build writing each page %v, swapping the output in %v per build (pipeline.Run in-process, mean of %d); %s.{cpu,allocs}.pprof",
		w.name, withHistory, per(inHistory), per(inBuild), per(inWrite), profileReps, base)
	return nil
}
