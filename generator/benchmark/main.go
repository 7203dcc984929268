// Command benchmark measures how fast the policy site builds, side by side
// with Hugo (the generator our users would pick instead) and with goldmark
// alone (the floor under any Markdown site generator), and prints a Markdown
// table. Run it from the repository:
//
//	go run ./generator/benchmark                       # N = 1000,5000, 5 runs, the site-policy bundle, Hugo
//	go run ./generator/benchmark -n 1000 -runs 3 -hugo=false
//	go run ./generator/benchmark -corpus ''            # synthetic corpora only
//	go run ./generator/benchmark -profile /tmp/prof    # also write pprof profiles of our build
//
// Everything happens in a temporary folder, removed at the end. For each N it
// generates a synthetic bilingual corpus of N Markdown files (N/2 documents
// in Japanese and English, our front matter, ## and ### headings with IDs,
// lists, tables, links between documents; seeded, so the same on every run)
// and a git history over it (an initial commit, then 300 commits each
// changing one sentence in 5 files). It also maps the real site-policy
// bundle, history and all, onto our format (see bundle.go). Then it times,
// each -runs times after one warm-up, interleaved, as separate processes:
//
//	(a)  our build (build.go compiled once), without history
//	(b)  our build with history and diffs
//	(c)  Hugo on the same Markdown, minimal layout, --minify; and (c+git) with --enableGitInfo
//	(d)  goldmark alone: to memory, and with minify and writing the files
//
// and prints each median wall time and peak resident memory (the largest
// of the runs), with the ratios (a)/(c), (b)/(a), (b cold)/(a) and (a)/(d),
// the sizes of the cache, .git/objects and public/ per corpus, the
// preview's latency from a save to the page reloaded (preview.go), and
// issue 16's targets, each met or NOT met. Besides the synthetic corpora
// it builds a synthetic corpus with a 1,000-commit history (-history-n)
// and the jp-laws corpus replayed by generator/jplaws (-jplaws).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "benchmark:", err)
		os.Exit(1)
	}
}

type options struct {
	sizes          []int
	runs           int
	corpus         string
	jplaws         string
	hugo           bool
	commits        int
	perCommit      int
	historyN       int
	historyCommits int
	previewRuns    int
	profile        string
	keep           bool
}

func run(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("benchmark", flag.ContinueOnError)
	fl.SetOutput(stderr)
	sizes := fl.String("n", "1000,5000", "comma-separated `sizes` of the synthetic corpora, in Markdown files (half per language)")
	var o options
	fl.IntVar(&o.runs, "runs", 5, "timed runs of each build (after one warm-up); the table shows the median")
	fl.StringVar(&o.corpus, "corpus", "../shared/corpora/site-policy.bundle", "git `bundle` of GitHub's site policies to map and build too (\"\" for none)")
	fl.BoolVar(&o.hugo, "hugo", true, "build Hugo (cached) and time it")
	fl.IntVar(&o.commits, "commits", 300, "commits of the synthetic history")
	fl.IntVar(&o.perCommit, "per-commit", 5, "files changed by each commit of the synthetic history")
	fl.StringVar(&o.jplaws, "jplaws", "../shared/corpora/jp-laws.bundle", "git `bundle` of the jp-laws corpus to replay (generator/jplaws) and build too (\"\" for none)")
	fl.IntVar(&o.historyN, "history-n", 400, "size of the synthetic corpus with a long history (0 for none)")
	fl.IntVar(&o.historyCommits, "history-commits", 1000, "commits of the long synthetic history")
	fl.IntVar(&o.previewRuns, "preview-runs", 15, "saves timed in the preview on this repository (0: none)")
	fl.StringVar(&o.profile, "profile", "", "write CPU and allocation profiles of our build (in-process) into `folder`")
	fl.BoolVar(&o.keep, "keep", false, "keep the temporary folder (its path is printed)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fl.Args())
	}
	for _, s := range strings.Split(*sizes, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		n, err := strconv.Atoi(strings.ReplaceAll(s, "_", ""))
		if err != nil || n < 4 {
			return fmt.Errorf("-n: %q is not a size of at least 4", s)
		}
		o.sizes = append(o.sizes, n)
	}
	if o.runs < 1 {
		return fmt.Errorf("-runs must be at least 1")
	}
	log := func(format string, args ...any) {
		fmt.Fprintf(stderr, "# "+format+"\n", args...)
	}
	root, err := repoRoot()
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "policysite-bench-")
	if err != nil {
		return err
	}
	if o.keep {
		log("temporary folder kept: %s", tmp)
	} else {
		defer os.RemoveAll(tmp)
		// An interrupted run cleans up too. The commands it runs get the
		// terminal's interrupt themselves; give them a moment to exit.
		sig := make(chan os.Signal, 1)
		signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
		go func() {
			<-sig
			log("interrupted: removing %s", tmp)
			time.Sleep(500 * time.Millisecond)
			os.RemoveAll(tmp)
			os.Exit(130)
		}()
	}

	log("building build.go, the goldmark floor and the go-between once")
	bin := filepath.Join(tmp, "bin")
	ours, floorBin := filepath.Join(bin, "policysite"), filepath.Join(bin, "floor")
	goBetween = filepath.Join(bin, "measure")
	for _, args := range [][]string{
		{"build", "-o", ours, "build.go"},
		{"build", "-trimpath", "-o", ours + "-trimpath", "build.go"},
		{"build", "-o", bin + string(filepath.Separator), "./generator/benchmark/floor", "./generator/benchmark/measure"},
	} {
		cmd := exec.Command("go", args...)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("go %s: %w\n%s", strings.Join(args, " "), err, out)
		}
	}
	help, _ := exec.Command(ours, "-h").CombinedOutput()
	historyFlag := bytes.Contains(help, []byte("-history"))
	cacheFlag := bytes.Contains(help, []byte("-cache"))

	hugo := ""
	var notes []string
	if o.hugo {
		if hugo, err = hugoBinary(log); err != nil {
			notes = append(notes, fmt.Sprintf("Hugo could not be built, so its columns are empty: %v", err))
			log("%s", notes[len(notes)-1])
			hugo = ""
		}
	}
	if historyFlag {
		notes = append(notes, "(a) is build.go -history=false on the repository; (b) the same repository with history.")
	} else {
		notes = append(notes, "build.go has no -history flag: (a) builds a copy of the corpus outside git, (b) the repository (equal to (a) until the build reads history).")
	}

	notes = append(notes, fmt.Sprintf("Peak RSS is the command's own ru_maxrss, measured through a go-between whose own %s is the smallest figure it can report.", mib(floorRSS())))

	var loads []*workload
	gen := func(name, dir string, n, commits int) (*workload, error) {
		w := &workload{name: name, dir: filepath.Join(tmp, dir)}
		log("generating %s with %d commits", w.name, commits+1)
		start := time.Now()
		c := synthetic(n)
		if err := syntheticRepo(w.repo(), c, commits, o.perCommit); err != nil {
			return nil, err
		}
		if err := pack(w.repo()); err != nil {
			return nil, err
		}
		if err := writeTree(w.plain(), c.files()); err != nil {
			return nil, err
		}
		w.pages, w.commits = len(c.docs), commits+1
		log("generated in %v", time.Since(start).Round(time.Millisecond))
		return w, nil
	}
	for _, n := range o.sizes {
		w, err := gen(fmt.Sprintf("synthetic N = %d", n), fmt.Sprintf("n%d", n), n, o.commits)
		if err != nil {
			return err
		}
		w.floorTarget = true
		loads = append(loads, w)
	}
	if o.historyN > 0 {
		w, err := gen(fmt.Sprintf("synthetic history N = %d", o.historyN), "long", o.historyN, o.historyCommits)
		if err != nil {
			return err
		}
		w.historyTarget = true
		loads = append(loads, w)
	}
	if o.corpus != "" {
		bundle := o.corpus
		if !filepath.IsAbs(bundle) {
			bundle = filepath.Join(root, bundle)
		}
		if _, err := os.Stat(bundle); err != nil {
			notes = append(notes, fmt.Sprintf("no corpus %s: %v", o.corpus, err))
			log("%s", notes[len(notes)-1])
		} else {
			w := &workload{name: "site-policy bundle", dir: filepath.Join(tmp, "bundle")}
			log("mapping %s onto our format", o.corpus)
			src := filepath.Join(tmp, "bundle-src")
			if err := cloneBundle(bundle, src); err != nil {
				return err
			}
			st, err := mapBundle(src, w.repo())
			if err != nil {
				return fmt.Errorf("mapping %s: %w", o.corpus, err)
			}
			// Aside, not deleted, for the reason variant.run gives.
			if err := moveAside(src, filepath.Join(w.trash(), "bundle-src")); err != nil {
				return err
			}
			if err := pack(w.repo()); err != nil {
				return err
			}
			if err := copyContent(w.repo(), w.plain()); err != nil {
				return err
			}
			w.pages, w.commits = 2*st.docs+2, st.commits
			w.historyTarget = true
			loads = append(loads, w)
		}
	}
	if o.jplaws != "" {
		bundle := o.jplaws
		if !filepath.IsAbs(bundle) {
			bundle = filepath.Join(root, bundle)
		}
		if _, err := os.Stat(bundle); err != nil {
			notes = append(notes, fmt.Sprintf("no corpus %s: %v", o.jplaws, err))
			log("%s", notes[len(notes)-1])
		} else {
			w := &workload{name: "jp-laws", dir: filepath.Join(tmp, "jplaws")}
			log("replaying %s into our format", o.jplaws)
			src := filepath.Join(tmp, "jplaws-src")
			commits, files, err := replayJPLaws(bundle, src, w.repo())
			if err != nil {
				return err
			}
			if err := moveAside(src, filepath.Join(w.trash(), "jplaws-src")); err != nil {
				return err
			}
			if err := pack(w.repo()); err != nil {
				return err
			}
			if err := copyContent(w.repo(), w.plain()); err != nil {
				return err
			}
			w.pages, w.commits = files, commits
			w.historyTarget = true
			loads = append(loads, w)
		}
	}

	for _, w := range loads {
		if hugo != "" {
			if err := hugoSite(w.repo(), filepath.Join(w.dir, "hugo-own")); err != nil {
				return err
			}
		}
		w.setup(ours, floorBin, hugo, historyFlag, cacheFlag)
		log("timing %s: %d runs of each build after a warm-up", w.name, o.runs)
		load := loadAverage()
		for i := 0; i <= o.runs; i++ {
			for _, v := range w.variants {
				v.run(i > 0)
			}
		}
		if load != "" {
			notes = append(notes, fmt.Sprintf("load average (1 min) while timing %s: %s at the start, %s at the end (other work on the machine slows every column alike)", w.name, load, loadAverage()))
		}
		for _, v := range w.variants {
			if v.err != nil {
				notes = append(notes, fmt.Sprintf("%s, %s failed: %v", w.name, v.name, v.err))
			}
		}
		// The cache (b) left, the repository's packed objects, and the
		// output of the last (a) and (b).
		w.cacheSize = dirSize(filepath.Join(w.repo(), ".git", "policysite"))
		w.packSize = dirSize(filepath.Join(w.repo(), ".git", "objects"))
		w.publicA, w.publicB = dirSize(w.outDir("a")), dirSize(w.outDir("b"))
	}
	var prev *previewResult
	if o.previewRuns > 0 {
		log("timing the preview: %d saves on a clone of this repository", o.previewRuns)
		prev = previewLatency(ours+"-trimpath", root, tmp, o.previewRuns)
		if prev.err != nil {
			notes = append(notes, fmt.Sprintf("preview: %v", prev.err))
		}
	}
	if o.profile != "" {
		for _, w := range loads {
			if err := profileBuild(w, o.profile, log); err != nil {
				notes = append(notes, fmt.Sprintf("profile of %s: %v", w.name, err))
			}
		}
	}
	for _, w := range loads {
		os.RemoveAll(w.trash())
	}
	hugoMissing := ""
	switch {
	case !o.hugo:
		hugoMissing = "not measured (-hugo=false)"
	case hugo == "":
		hugoMissing = "not measured: Hugo could not be built (see the notes)"
	}
	report(stdout, loads, prev, hugoMissing, notes)
	return nil
}

// workload is one corpus, in two forms: a git repository with history and
// a plain copy of its last version, outside git.
type workload struct {
	name     string
	dir      string
	pages    int // Markdown files
	commits  int
	variants []*variant

	floorTarget   bool // (a) is held to the goldmark floor here
	historyTarget bool // (b cold) is held to (a), Hugo's memory and the cache to the repository here

	cacheSize, packSize int64 // .git/policysite after (b), .git/objects
	publicA, publicB    int64 // the output of (a) and (b)
}

func (w *workload) repo() string  { return filepath.Join(w.dir, "repo") }
func (w *workload) plain() string { return filepath.Join(w.dir, "plain") }
func (w *workload) trash() string { return filepath.Join(w.dir, "trash") }
func (w *workload) outDir(k string) string {
	return filepath.Join(w.dir, "out-"+k)
}

func (w *workload) get(key string) *variant {
	for _, v := range w.variants {
		if v.key == key {
			return v
		}
	}
	return nil
}

func (w *workload) setup(ours, floor, hugo string, historyFlag, cacheFlag bool) {
	add := func(key, name string, out bool, args func(out string) (string, []string)) {
		v := &variant{key: key, name: name}
		if out {
			v.out, v.trash = w.outDir(key), w.trash()
		}
		v.cmd = func() *exec.Cmd {
			bin, a := args(v.out)
			return exec.Command(bin, a...)
		}
		w.variants = append(w.variants, v)
	}
	add("a", "(a) ours, no history", true, func(out string) (string, []string) {
		if historyFlag {
			return ours, []string{"-C", w.repo(), "-history=false", "-out", out}
		}
		return ours, []string{"-C", w.plain(), "-out", out}
	})
	add("b", "(b) ours, history + diffs", true, func(out string) (string, []string) {
		return ours, []string{"-C", w.repo(), "-out", out}
	})
	if cacheFlag {
		// (b) reuses what the run before it derived from the history (the
		// cache in the repository's git folder), as every build after the
		// first does; (b cold) is a first build, or one after a change of
		// the program.
		add("bc", "(b) ours, history + diffs, no cache", true, func(out string) (string, []string) {
			return ours, []string{"-C", w.repo(), "-cache=false", "-out", out}
		})
	}
	if hugo != "" {
		hugoArgs := func(out string, extra ...string) []string {
			return append([]string{"--source", w.repo(), "--destination", out, "--minify", "--quiet", "--noBuildLock"}, extra...)
		}
		add("c", "(c) Hugo --minify", true, func(out string) (string, []string) { return hugo, hugoArgs(out) })
		add("cg", "(c) Hugo --minify --enableGitInfo", true, func(out string) (string, []string) {
			return hugo, hugoArgs(out, "--enableGitInfo")
		})
	}
	add("dm", "(d) goldmark to memory", false, func(string) (string, []string) {
		return floor, []string{"-C", w.plain()}
	})
	add("dw", "(d) goldmark + minify + write", true, func(out string) (string, []string) {
		return floor, []string{"-C", w.plain(), "-out", out}
	})
}

// copyContent copies src/content to dst/content.
func copyContent(src, dst string) error {
	files := map[string][]byte{}
	base := filepath.Join(src, "content")
	err := filepath.WalkDir(base, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		files[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		return err
	}
	return writeTree(dst, files)
}

// repoRoot finds the policysite module from the working folder up.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && bytes.HasPrefix(bytes.TrimSpace(data), []byte("module policysite\n")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("run from inside the policysite repository (no go.mod of module policysite above the working folder)")
		}
		dir = parent
	}
}

// report prints the table and the targets; hugoMissing says why Hugo was not measured ("" when it was).
func report(w io.Writer, loads []*workload, prev *previewResult, hugoMissing string, notes []string) {
	fmt.Fprintf(w, "Machine: %d cores (GOMAXPROCS %d), %s/%s, %s. Each cell: median wall time / peak RSS over the runs.\n\n",
		runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.GOOS, runtime.GOARCH, runtime.Version())
	cols := []struct{ key, head string }{
		{"a", "(a) ours"}, {"b", "(b) ours + history"}, {"bc", "(b) cold: no cache"}, {"c", "(c) Hugo"}, {"cg", "(c) Hugo + GitInfo"},
		{"dm", "(d) goldmark, memory"}, {"dw", "(d) goldmark + minify + write"},
	}
	fmt.Fprint(w, "| corpus | files | commits |")
	for _, c := range cols {
		fmt.Fprintf(w, " %s |", c.head)
	}
	fmt.Fprintln(w, " (a)/(c) | (b)/(a) | (b cold)/(a) | (a)/(d write) | cache | .git/objects | public/ (a) | public/ (b) |")
	fmt.Fprint(w, "| --- | ---: | ---: |")
	for range cols {
		fmt.Fprint(w, " ---: |")
	}
	fmt.Fprintln(w, " ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, l := range loads {
		fmt.Fprintf(w, "| %s | %d | %d |", l.name, l.pages, l.commits)
		for _, c := range cols {
			fmt.Fprintf(w, " %s |", l.get(c.key).cell())
		}
		fmt.Fprintf(w, " %s | %s | %s | %s | %s | %s | %s | %s |\n", ratio(l.get("a"), l.get("c")), ratio(l.get("b"), l.get("a")),
			ratio(l.get("bc"), l.get("a")), ratio(l.get("a"), l.get("dw")),
			size(l.cacheSize), size(l.packSize), size(l.publicA), size(l.publicB))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Files written by the last run of each build:")
	fmt.Fprintln(w)
	for _, l := range loads {
		var parts []string
		for _, v := range l.variants {
			if v.out != "" && v.ok() {
				parts = append(parts, fmt.Sprintf("%s %d", v.key, v.files))
			}
		}
		fmt.Fprintf(w, "- %s: %s\n", l.name, strings.Join(parts, ", "))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Targets of issue 16 ((b) is a rebuild with the cache the build before it left; (b cold) a build without it, as on a fresh clone):")
	fmt.Fprintln(w)
	for _, l := range loads {
		if !l.historyTarget {
			continue
		}
		a, bc, cg := l.get("a"), l.get("bc"), l.get("cg")
		fmt.Fprintf(w, "- 1. %s: (b cold) ≤ 3 × (a): %s (%s)\n", l.name,
			verdict(a, bc, func() bool { return bc.median() <= 3*a.median() }), ratio(bc, a))
		mem := hugoMissing
		if hugoMissing == "" {
			mem = verdict(bc, cg, func() bool { return bc.peak() < cg.peak() })
			if bc.ok() && cg.ok() {
				mem += fmt.Sprintf(" (%s against %s)", mib(bc.peak()), mib(cg.peak()))
			}
		}
		fmt.Fprintf(w, "- 2. %s: peak memory of (b cold) below Hugo + GitInfo: %s\n", l.name, mem)
		cache := "n/a"
		if l.packSize > 0 && l.get("b").ok() {
			cache = "NOT met"
			if l.cacheSize <= 2*l.packSize {
				cache = "met"
			}
			cache += fmt.Sprintf(" (%s against %s: %.2f ×)", size(l.cacheSize), size(l.packSize), float64(l.cacheSize)/float64(l.packSize))
		}
		fmt.Fprintf(w, "- 3. %s: cache ≤ 2 × .git/objects: %s\n", l.name, cache)
	}
	for _, l := range loads {
		if !l.floorTarget {
			continue
		}
		a, dw := l.get("a"), l.get("dw")
		fmt.Fprintf(w, "- 4. %s: (a) ≤ 1.5 × goldmark + minify + write: %s (%s)\n", l.name,
			verdict(a, dw, func() bool { return 2*a.median() <= 3*dw.median() }), ratio(a, dw))
	}
	switch {
	case prev == nil:
		fmt.Fprintln(w, "- 5. preview, save to page reloaded, median < 150 ms: not measured (-preview-runs 0)")
	case prev.err != nil || len(prev.times) == 0:
		fmt.Fprintln(w, "- 5. preview, save to page reloaded, median < 150 ms: failed (see the notes)")
	default:
		v := "NOT met"
		if prev.median() < 150*time.Millisecond {
			v = "met"
		}
		fmt.Fprintf(w, "- 5. preview, save to page reloaded, median < 150 ms: %s (median %d ms of %d saves of %s on this repository; range %d to %d ms)\n",
			v, prev.median().Milliseconds(), len(prev.times), prev.doc, slices.Min(prev.times).Milliseconds(), slices.Max(prev.times).Milliseconds())
	}
	six := "NOT met"
	for _, l := range loads {
		if l.name == "jp-laws" && l.get("a").ok() {
			six = "met"
		}
	}
	fmt.Fprintf(w, "- 6. a jp-laws row, with cache and public/ sizes per corpus: %s\n", six)
	if len(notes) > 0 {
		fmt.Fprintln(w)
		for _, n := range notes {
			fmt.Fprintln(w, "Note:", n)
		}
	}
}

// size writes a byte count in MB (10^6 bytes), "–" for none.
func size(n int64) string {
	if n <= 0 {
		return "–"
	}
	if n < 1e6 {
		return fmt.Sprintf("%.2f MB", float64(n)/1e6)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}

func verdict(x, y *variant, met func() bool) string {
	if x == nil || y == nil || !x.ok() || !y.ok() {
		return "n/a"
	}
	if met() {
		return "met"
	}
	return "NOT met"
}

// loadAverage returns the 1-minute load average, or "" where there is none.
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(data))
	if len(f) == 0 {
		return ""
	}
	return f[0]
}
