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
// of the runs), with the ratios (a)/(c), (b)/(a) and (a)/(d).
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
	sizes     []int
	runs      int
	corpus    string
	hugo      bool
	commits   int
	perCommit int
	profile   string
	keep      bool
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
	for _, n := range o.sizes {
		w := &workload{name: fmt.Sprintf("synthetic N = %d", n), dir: filepath.Join(tmp, fmt.Sprintf("n%d", n))}
		log("generating %s with %d commits", w.name, o.commits+1)
		start := time.Now()
		c := synthetic(n)
		if err := syntheticRepo(w.repo(), c, o.commits, o.perCommit); err != nil {
			return err
		}
		if err := writeTree(w.plain(), c.files()); err != nil {
			return err
		}
		w.pages, w.commits = len(c.docs), o.commits+1
		log("generated in %v", time.Since(start).Round(time.Millisecond))
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
			if err := copyContent(w.repo(), w.plain()); err != nil {
				return err
			}
			w.pages, w.commits = 2*st.docs+2, st.commits
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
	report(stdout, loads, notes)
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

func report(w io.Writer, loads []*workload, notes []string) {
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
	fmt.Fprintln(w, " (a)/(c) | (b)/(a) | (b cold)/(a) | (a)/(d write) | (a)/(d memory) |")
	fmt.Fprint(w, "| --- | ---: | ---: |")
	for range cols {
		fmt.Fprint(w, " ---: |")
	}
	fmt.Fprintln(w, " ---: | ---: | ---: | ---: | ---: |")
	for _, l := range loads {
		fmt.Fprintf(w, "| %s | %d | %d |", l.name, l.pages, l.commits)
		for _, c := range cols {
			fmt.Fprintf(w, " %s |", l.get(c.key).cell())
		}
		fmt.Fprintf(w, " %s | %s | %s | %s | %s |\n", ratio(l.get("a"), l.get("c")), ratio(l.get("b"), l.get("a")),
			ratio(l.get("bc"), l.get("a")), ratio(l.get("a"), l.get("dw")), ratio(l.get("a"), l.get("dm")))
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
	fmt.Fprintln(w, "Targets: (a) at most half of (c); (b) at most twice (a); peak memory of (a) and (b) below Hugo's. (b) is a rebuild, which reuses the cache the build before it left in the repository's git folder; (b cold) is a build without it.")
	fmt.Fprintln(w)
	for _, l := range loads {
		a, b, c, cg := l.get("a"), l.get("b"), l.get("c"), l.get("cg")
		bc := l.get("bc")
		fmt.Fprintf(w, "- %s: (a) ≤ (c)/2 %s; (b) ≤ 2×(a) %s (cold: %s); peak (a) < (c) %s; peak (b) < (c+git) %s\n", l.name,
			verdict(a, c, func() bool { return a.median() <= c.median()/2 }),
			verdict(a, b, func() bool { return b.median() <= 2*a.median() }),
			verdict(a, bc, func() bool { return bc.median() <= 2*a.median() }),
			verdict(a, c, func() bool { return a.peak() < c.peak() }),
			verdict(b, cg, func() bool { return b.peak() < cg.peak() }))
	}
	if len(notes) > 0 {
		fmt.Fprintln(w)
		for _, n := range notes {
			fmt.Fprintln(w, "Note:", n)
		}
	}
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
