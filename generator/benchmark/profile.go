package main

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"policysite/generator/history"
	"policysite/generator/output"
	"policysite/generator/site"
	"policysite/templates"
)

// profileReps is how many builds one profile covers, for enough samples.
const profileReps = 3

// profileBuild builds w in this process as build.go does (history.Read when
// asked, site.Build, output.Write minified), profileReps times without
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
			h, err := history.Read(w.repo(), "content", "quizzes")
			if err != nil {
				return err
			}
			if h.Shallow {
				return errors.New("shallow repository")
			}
			opt.History = h
		}
		t1 := time.Now()
		s, err := site.Build(opt)
		if err != nil {
			return err
		}
		t2 := time.Now()
		if err := output.Write(out, s.Files, func(name string) bool { return !s.Minimal[name] }); err != nil {
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
	log("profile of %s (history %v): history.Read %v, site.Build %v, output.Write %v per build (in-process, mean of %d); %s.{cpu,allocs}.pprof",
		w.name, withHistory, per(inHistory), per(inBuild), per(inWrite), profileReps, base)
	return nil
}
