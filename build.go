// Command build turns content/, quizzes/ and the git history into the
// static site in public/.
//
//	go run build.go            build public/
//	go run build.go -out DIR   build into DIR instead
//	go run build.go check      run every check, write nothing
//	go run build.go check -strict   … and make glossary mismatches errors
//	go run build.go serve      preview in a browser, rebuilt on every save
//	go run build.go draft      the 新旧対照表（案） of saved, uncommitted edits, for approval
//
// Every problem is printed as path:line: message; the exit status is 1 when
// there was any. See README.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"policysite/generator/history"
	"policysite/generator/output"
	"policysite/generator/pipeline"
	"policysite/generator/preview"
	"policysite/generator/site"
	"policysite/templates"
)

func main() {
	site.TuneGC(false, false)
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) (code int) {
	fl := flag.NewFlagSet("build", flag.ContinueOnError)
	fl.SetOutput(stderr)
	dir := fl.String("C", ".", "project `folder` (holds content/, quizzes/)")
	out := fl.String("out", "public", "output `folder`")
	tmplDir := fl.String("templates", "", "`folder` whose files override the default templates")
	noMinify := fl.Bool("nominify", false, "write CSS and JavaScript unminified (pages are never minified: the templates write them compact)")
	port := fl.Int("port", 8080, "serve: `port` on 127.0.0.1 (0 picks a free one)")
	useHistory := fl.Bool("history", true, "read the revision history from git (false: pages say none is available)")
	useCache := fl.Bool("cache", true, "keep what the history costs to derive in the repository's git folder, for the next build")
	authors := fl.Bool("authors", false, "show commit authors' names on history pages")
	cpuProfile := fl.String("cpuprofile", "", "write a CPU profile of the build to `file` (go tool pprof)")
	memProfile := fl.String("memprofile", "", "write an allocation profile of the build to `file` (go tool pprof)")
	dateFlag := fl.String("date", "", "build `date` YYYY-MM-DD: revisions whose Effective date is after it are not yet in force (default: SOURCE_DATE_EPOCH, else today in Japan)")
	strict := fl.Bool("strict", false, "make glossary mismatches (see content/glossary.yaml) errors, not warnings")
	diffOrder := fl.String("diff-order", "new-old", "`order` of the Japanese comparison table's columns: new-old (改正後|改正前) or old-new")
	against := fl.String("against", "HEAD", "draft: the `revision` the saved edits are compared with (HEAD, a branch, tag or hash, HEAD~1)")
	includeInternal := fl.Bool("include-internal", false, "draft: compare internal documents too (every page then says 内部資料)")
	fl.Usage = func() {
		fmt.Fprintf(stderr, "usage: go run build.go [flags] [check|serve|draft]\n")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	cmd := fl.Arg(0)
	if cmd != "" && cmd != "build" && cmd != "check" && cmd != "serve" && cmd != "draft" {
		fl.Usage()
		return 2
	}
	// Flags may follow the command too: serve -port 0.
	if fl.NArg() > 1 {
		if err := fl.Parse(fl.Args()[1:]); err != nil {
			return 2
		}
		if fl.NArg() > 0 {
			fl.Usage()
			return 2
		}
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			fmt.Fprintln(stderr, err)
			return 1
		}
		defer func() {
			pprof.StopCPUProfile()
			if err := f.Close(); err != nil {
				fmt.Fprintln(stderr, "cpuprofile:", err)
				code = max(code, 1)
			}
		}()
	}
	if *memProfile != "" {
		runtime.MemProfileRate = 64 << 10
		defer func() {
			if err := writeProfile(*memProfile, "allocs"); err != nil {
				fmt.Fprintln(stderr, "memprofile:", err)
				code = max(code, 1)
			}
		}()
	}
	if cmd == "draft" {
		outSet := false
		fl.Visit(func(f *flag.Flag) { outSet = outSet || f.Name == "out" })
		target := "draft"
		if outSet {
			target = *out
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(*dir, target)
		}
		date, err := buildDate(*dateFlag, os.Getenv("SOURCE_DATE_EPOCH"), time.Now())
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 2
		}
		return draft(*dir, target, *against, *tmplDir, *diffOrder, *includeInternal, date, stdout, stderr)
	}
	// The output folder is replaced whole, so it is checked before anything
	// else, by every command: check and serve too, so that a mistyped -out
	// is reported before it is ever built into.
	target := *out
	if !filepath.IsAbs(target) {
		target = filepath.Join(*dir, target)
	}
	if err := checkOut(target, *dir, *tmplDir); err != nil {
		printErrors(stderr, err)
		return 1
	}
	start := time.Now()
	today, err := buildDate(*dateFlag, os.Getenv("SOURCE_DATE_EPOCH"), start)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	opt := site.Options{FS: os.DirFS(*dir), Templates: templates.Dir(*tmplDir), ShowAuthors: *authors, DiffOrder: *diffOrder, Today: today, Strict: *strict}
	if cmd == "serve" {
		if *useHistory {
			h, warning, err := pipeline.History(*dir, *useCache)
			if err != nil {
				printErrors(stderr, err)
				return 1
			}
			if warning != "" {
				fmt.Fprintln(stderr, "warning:", warning)
			}
			opt.History = h
		}
		return serve(opt, *dir, *tmplDir, *port, stdout, stderr)
	}
	c := pipeline.Config{Dir: *dir, Site: opt, History: *useHistory, Cache: *useCache, Minify: !*noMinify}
	if cmd != "check" {
		c.Out = target
	}
	res, err := pipeline.Run(c)
	if err != nil {
		printErrors(stderr, err)
		return 1
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	if cmd == "check" {
		fmt.Fprintf(stdout, "check: no problems (%d files would be written)\n", len(res.Site.Files))
		return 0
	}
	fmt.Fprintf(stdout, "built %d files into %s in %v\n", len(res.Site.Files), *out, time.Since(start).Round(time.Millisecond))
	for _, lang := range []string{"ja", "en"} {
		if st, ok := res.Site.Search[lang]; ok {
			fmt.Fprintf(stdout, "search index %s: %d sections, %d terms, %.1f kB\n", lang, st.Sections, st.Terms, float64(st.Bytes)/1000)
		}
	}
	return 0
}

// serve previews the site (see generator/preview) until interrupted. When
// this program runs from source (go run), templates/ is read from disk rather
// than from the copy embedded at compile time, so template edits show too.
func serve(opt site.Options, dir, tmplDir string, port int, stdout, stderr io.Writer) int {
	watch := []string{filepath.Join(dir, "content"), filepath.Join(dir, "quizzes")}
	if _, self, _, ok := runtime.Caller(0); ok {
		if src := filepath.Join(filepath.Dir(self), "templates"); isDir(src) {
			watch = append(watch, src)
			opt.Templates = os.DirFS(src)
			if tmplDir != "" {
				opt.Templates = templates.Overlay(os.DirFS(tmplDir), opt.Templates)
			}
		}
	}
	if tmplDir != "" {
		watch = append(watch, tmplDir)
	}
	srv := preview.New(previewBuild(opt, dir), watch)
	srv.Home, srv.Stdout, srv.Stderr = "ja/index.html", stdout, stderr
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := srv.ListenAndServe(ctx, fmt.Sprintf("127.0.0.1:%d", port)); err != nil {
		fmt.Fprintln(stderr, "serve:", err)
		return 1
	}
	return 0
}

// previewBuild returns what serve runs on every rebuild: the site, and the
// draft comparison of the saved edits against HEAD at draft/ja.html.
func previewBuild(opt site.Options, dir string) func(out *preview.Files) ([]string, error) {
	return func(out *preview.Files) ([]string, error) {
		opt := opt
		opt.Out = out
		s, err := site.Build(opt)
		if err != nil {
			return nil, err
		}
		// Public documents only, whatever the command line says, as the
		// preview may be open on a shared screen.
		if snap, err := history.ReadSnapshot(dir, "HEAD", "content"); err == nil {
			d, err := site.BuildDraft(site.DraftOptions{FS: opt.FS, Against: snap, Templates: opt.Templates,
				DiffOrder: opt.DiffOrder, Date: time.Now(), Prefix: "draft/"})
			if err != nil {
				return nil, err
			}
			for name, data := range d.Files {
				if err := out.Add(name, data, true); err != nil {
					return nil, err
				}
			}
		}
		return s.Warnings, nil
	}
}

// draft writes the 新旧対照表（案） of the saved documents against the
// revision against into target (see site.BuildDraft). It reads the one
// revision it needs and nothing else of the history, and writes nothing
// but target: not public/, the repository or its cache.
func draft(dir, target, against, tmplDir, diffOrder string, includeInternal bool, date time.Time, stdout, stderr io.Writer) int {
	if err := checkDraftTarget(dir, target, tmplDir); err != nil {
		fmt.Fprintln(stderr, "draft:", err)
		return 1
	}
	snap, err := history.ReadSnapshot(dir, against, "content")
	if err != nil {
		fmt.Fprintln(stderr, "draft:", err)
		return 1
	}
	d, err := site.BuildDraft(site.DraftOptions{FS: os.DirFS(dir), Against: snap, Templates: templates.Dir(tmplDir),
		DiffOrder: diffOrder, IncludeInternal: includeInternal, Date: date})
	if err != nil {
		printErrors(stderr, err)
		return 1
	}
	if err := output.Write(target, d.Files, func(string) bool { return false }); err != nil {
		printErrors(stderr, err)
		return 1
	}
	for _, lang := range []string{"ja", "en"} {
		fmt.Fprintf(stdout, "draft %s: %d documents changed since %s: %s\n", lang, len(d.Changed[lang]), snap.Commit.Short, filepath.Join(target, lang+".html"))
	}
	if includeInternal {
		fmt.Fprintln(stdout, "draft: internal documents included: do not publish or share this folder beyond those entitled to them")
	}
	return 0
}

// checkDraftTarget refuses a draft folder where writing would publish it
// or damage something: every folder a build refuses (checkOut: the
// project and its sources, .git, an existing folder that is not an
// output), and besides public/ or anything inside any build's output (a
// folder with output.Marker that is not a previous draft), as it may be
// published.
func checkDraftTarget(dir, target, tmplDir string) error {
	if err := checkOut(target, dir, tmplDir); err != nil {
		return err
	}
	abs, err := filepath.Abs(target)
	if err != nil {
		return err
	}
	public, err := filepath.Abs(filepath.Join(dir, "public"))
	if err != nil {
		return err
	}
	if rel, err := filepath.Rel(public, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return fmt.Errorf("%s: refusing to write a draft inside %s", target, public)
	}
	for p := abs; ; p = filepath.Dir(p) {
		isDraft := p == abs && isFile(filepath.Join(p, "assets", "draft.css"))
		if isFile(filepath.Join(p, output.Marker)) && !isDraft {
			return fmt.Errorf("%s: refusing to write a draft inside %s, the output of a build (it may be published)", target, p)
		}
		if filepath.Dir(p) == p {
			return nil
		}
	}
}

func isFile(name string) bool {
	st, err := os.Stat(name)
	return err == nil && st.Mode().IsRegular()
}

func isDir(name string) bool {
	st, err := os.Stat(name)
	return err == nil && st.IsDir()
}

// checkOut refuses an output folder that a build must not replace (see
// output.CheckTarget): the project and its sources, the current folder,
// the -templates folder, anything holding them or inside the sources, and
// any existing folder that is not an earlier output.
func checkOut(target, dir, tmplDir string) error {
	sources := []string{filepath.Join(dir, "content"), filepath.Join(dir, "quizzes"), filepath.Join(dir, "templates")}
	if tmplDir != "" {
		sources = append(sources, tmplDir)
	}
	keep := append([]string{dir}, sources...)
	if wd, err := os.Getwd(); err == nil {
		keep = append(keep, wd)
	}
	return output.CheckTarget(target, keep, sources)
}

// writeProfile writes the named runtime profile to file.
func writeProfile(file, name string) error {
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	if err := pprof.Lookup(name).WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// printErrors prints each joined error on its own line.
func printErrors(w io.Writer, err error) {
	var multi interface{ Unwrap() []error }
	if errors.As(err, &multi) {
		for _, e := range multi.Unwrap() {
			printErrors(w, e)
		}
		return
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		fmt.Fprintln(w, line)
	}
}

// japan is the zone the policy's dates are in: a build at 08:00 in Japan
// on 1 April is on the 1st, though it is still 31 March in UTC.
var japan = time.FixedZone("JST", 9*60*60)

// buildDate is the date revisions are judged in force on: -date, else
// SOURCE_DATE_EPOCH (seconds since 1970, as reproducible builds set it),
// else the day of now in Japan. The site depends on it only through
// revisions not yet in force, so the owner rebuilds daily (see README).
func buildDate(flagValue, epoch string, now time.Time) (time.Time, error) {
	if flagValue != "" {
		t, err := time.Parse(time.DateOnly, flagValue)
		if err != nil {
			return time.Time{}, fmt.Errorf("-date %q: want YYYY-MM-DD", flagValue)
		}
		return t, nil
	}
	if epoch != "" {
		var secs int64
		if _, err := fmt.Sscanf(epoch, "%d", &secs); err != nil || fmt.Sprint(secs) != strings.TrimSpace(epoch) {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH %q: want seconds since 1970-01-01", epoch)
		}
		now = time.Unix(secs, 0)
	}
	t := now.In(japan)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), nil
}
