// Package pipeline is the one way from a project folder to its published
// site, as `go run build.go` and `check` take it: read the revision history
// from git (history.ReadCached, or history.Read with the cache off), open
// the build cache beside it, build every page with site.Build into a new
// output.Tree, save the cache, and put the tree in the output's place. The
// benchmark's profiles run it too, so that what is profiled is what ships.
//
// [Run] does it all; [History] and [OpenCache] are its first two steps, for
// the preview (which reads the history but builds in memory, without the
// site cache).
package pipeline

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"policysite/generator/cache"
	"policysite/generator/history"
	"policysite/generator/output"
	"policysite/generator/site"
)

// Config says what to build.
type Config struct {
	Dir string // the project folder (content/, quizzes/)
	// Site is the build's options but History, ConsumeHistory, Cache and
	// Out, which Run sets.
	Site    site.Options
	History bool   // read the revision history (false: pages say none is available)
	Cache   bool   // keep what the history costs to derive in the repository's git folder
	Out     string // the output folder, replaced whole; "" runs every check and writes nothing
	Minify  bool   // minify CSS and JavaScript
}

// Result is what a build made and has to say.
type Result struct {
	Site *site.Site
	// NoHistory says why the site was built without the history it was
	// asked for (no repository, a shallow clone), or is "".
	NoHistory string
	Warnings  []string // NoHistory if any, the cache's and the build's, in that order
	// Where the time went: reading the history (and opening the cache),
	// making the pages (writing each as it is made), putting the output
	// in place.
	History, Build, Commit time.Duration
}

// Run builds c.Dir into c.Out (see the package doc). On error nothing is
// replaced: the pages written so far are removed, and an error removing
// them is joined to the one returned.
func Run(c Config) (*Result, error) {
	start := time.Now()
	res := &Result{}
	opt := c.Site
	// The site's cache is opened while the history is read: both wait on
	// the disk and on a repository of their own.
	var store *cache.Store
	var opened sync.WaitGroup
	if c.History && c.Cache {
		opened.Go(func() { store = OpenCache(c.Dir) })
	}
	if c.History {
		// The walk holds every version it reads, and at a plain build's
		// setting its heap grew to three times that. Until the cache
		// says whether this is a first build, it is taken to be one.
		site.TuneGC(true, true)
		h, warning, err := History(c.Dir, c.Cache)
		if err != nil {
			opened.Wait()
			store.Close()
			return nil, err
		}
		// The repository is closed: go-git's objects and the walk's trees
		// are garbage. Collected now, they do not set the heap's next goal
		// while the site is made (the synthetic history peaked right
		// after its walk: 146 MB instead of 158).
		runtime.GC()
		if warning != "" {
			res.NoHistory = warning
			res.Warnings = append(res.Warnings, warning)
		}
		// Read for this build alone: the site may let go of it as it goes.
		opt.History, opt.ConsumeHistory = h, true
	}
	opened.Wait()
	if opt.History != nil {
		opt.Cache = store
		site.TuneGC(true, store.Len() == 0)
	} else {
		store.Close()
	}
	res.History = time.Since(start)

	// Pages are written as they are made (see output.Tree) into a new
	// folder that replaces the old output only when the whole build has
	// succeeded.
	var tree *output.Tree
	if c.Out != "" {
		var err error
		if tree, err = output.Create(c.Out, c.Minify); err != nil {
			opt.Cache.Close()
			return nil, err
		}
		opt.Out = tree
	}
	t := time.Now()
	s, err := site.Build(opt)
	if err != nil {
		opt.Cache.Close()
		return nil, abort(tree, err)
	}
	if err := opt.Cache.Save(); err != nil {
		res.Warnings = append(res.Warnings, fmt.Sprintf("the build cache was not saved: %v", err))
	}
	opt.Cache.Close()
	res.Site = s
	res.Warnings = append(res.Warnings, s.Warnings...)
	res.Build = time.Since(t)
	if tree == nil {
		return res, nil
	}
	t = time.Now()
	if err := tree.Commit(); err != nil {
		return nil, abort(tree, err)
	}
	if err := tree.Leftover(); err != nil {
		res.Warnings = append(res.Warnings, err.Error())
	}
	res.Commit = time.Since(t)
	return res, nil
}

// abort removes what a failed build wrote, and returns err with what went
// wrong removing it, if anything did.
func abort(tree *output.Tree, err error) error {
	if tree == nil {
		return err
	}
	if aerr := tree.Abort(); aerr != nil {
		return errors.Join(err, fmt.Errorf("could not remove the unfinished output: %w", aerr))
	}
	return err
}

// History reads the git history of content/ and quizzes/ of dir, through
// the cache when cached. Without a repository, or in a shallow clone, it
// returns nil and says what is missing: pages then say that no history is
// available rather than show a history that starts at the wrong place. Any
// other error of git fails the build: a site silently built without its
// history would drop every history page, comparison and feed it published
// before (-history=false says so on purpose).
func History(dir string, cached bool) (h *history.History, warning string, err error) {
	read := history.Read
	if cached {
		read = history.ReadCached
	}
	h, err = read(dir, "content", "quizzes")
	switch {
	case errors.Is(err, history.ErrNoRepository):
		return nil, "no git repository: the site is built without revision history", nil
	case err != nil:
		return nil, "", fmt.Errorf("%w (build with -history=false to publish without revision history)", err)
	case h.Shallow:
		return nil, "shallow git clone (the oldest commits are missing): the site is built without revision history; run git fetch --unshallow", nil
	}
	return h, "", nil
}

// OpenCache opens the site's cache beside the git history it is derived
// from: it holds text of old versions, so it belongs where the repository
// is, with the repository's access rights, never in the work tree or the
// output. It is nil (no cache) when there is no such folder, or when this
// program has no build ID to tell its caches from another build's.
func OpenCache(dir string) *cache.Store {
	folder, err := history.CacheDir(dir)
	id := cache.Executable()
	if err != nil || id == nil {
		return nil
	}
	return cache.Open(filepath.Join(folder, "site.cache"), id)
}
