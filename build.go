// Command build turns content/, quizzes/ and the git history into the
// static site in public/.
//
//	go run build.go            build public/
//	go run build.go -out DIR   build into DIR instead
//	go run build.go check      run every check, write nothing
//
// Every problem is printed as path:line: message; the exit status is 1 when
// there was any. See README.md.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"policysite/generator/output"
	"policysite/generator/site"
	"policysite/templates"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("build", flag.ContinueOnError)
	fl.SetOutput(stderr)
	dir := fl.String("C", ".", "project `folder` (holds content/, quizzes/)")
	out := fl.String("out", "public", "output `folder`")
	tmplDir := fl.String("templates", "", "`folder` whose files override the default templates")
	noMinify := fl.Bool("nominify", false, "write unminified output (for reading the HTML)")
	fl.Usage = func() {
		fmt.Fprintf(stderr, "usage: go run build.go [flags] [check]\n")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	cmd := fl.Arg(0)
	if cmd != "" && cmd != "build" && cmd != "check" {
		fl.Usage()
		return 2
	}
	opt := site.Options{FS: os.DirFS(*dir), Templates: templateFS(*tmplDir)}
	start := time.Now()
	s, err := site.Build(opt)
	if err != nil {
		printErrors(stderr, err)
		return 1
	}
	for _, w := range s.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	if cmd == "check" {
		fmt.Fprintf(stdout, "check: no problems (%d files would be written)\n", len(s.Files))
		return 0
	}
	target := *out
	if !filepath.IsAbs(target) {
		target = filepath.Join(*dir, target)
	}
	if err := output.Write(target, s.Files, !*noMinify); err != nil {
		printErrors(stderr, err)
		return 1
	}
	fmt.Fprintf(stdout, "built %d files into %s in %v\n", len(s.Files), *out, time.Since(start).Round(time.Millisecond))
	return 0
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

// templateFS returns the embedded templates, with files from dir (if given)
// taking precedence.
func templateFS(dir string) fs.FS {
	if dir == "" {
		return templates.FS
	}
	return overlay{top: os.DirFS(dir), base: templates.FS}
}

type overlay struct{ top, base fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	if f, err := o.top.Open(name); err == nil {
		if st, err := f.Stat(); err == nil && !st.IsDir() {
			return f, nil
		}
		f.Close()
	}
	return o.base.Open(name)
}
