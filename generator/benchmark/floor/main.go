// Command floor is the goldmark floor of the benchmark (column (d)): it is
// run by generator/benchmark as a process of its own, so that its time and
// peak memory are measured like every other build's, and it imports nothing
// but goldmark and minify, so that neither counts anything else.
//
//	floor -C dir            read, cut the front matter, convert to memory
//	floor -C dir -out dir2  the same, then minify each page and write it
//
// It reads every content/**/*.md, cuts the front matter, and converts the
// body with the extensions our build uses (GFM, CJK, footnotes, definition
// lists, heading attributes); with -out it also minifies each page and
// writes it. No templates, checks, links, search index or history: what is
// left is the least any generator of these pages must do. Both cores are
// used, as a fair competitor would.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tdewolff/minify/v2"
	mhtml "github.com/tdewolff/minify/v2/html"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
)

func main() {
	if err := floor(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

func floor(args []string) error {
	fl := flag.NewFlagSet("floor", flag.ContinueOnError)
	dir := fl.String("C", ".", "project `folder`")
	out := fl.String("out", "", "write minified pages into `folder` (default: render to memory only)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	var names []string
	err := filepath.WalkDir(filepath.Join(*dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			names = append(names, p)
		}
		return err
	})
	if err != nil {
		return err
	}
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.CJK, extension.Footnote, extension.DefinitionList),
		goldmark.WithParserOptions(parser.WithAttribute()),
		goldmark.WithRendererOptions(html.WithXHTML()),
	)
	m := minify.New()
	m.Add("text/html", &mhtml.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true})
	root := filepath.Join(*dir, "content")
	if *out != "" {
		made := map[string]bool{}
		for _, n := range names {
			rel, _ := filepath.Rel(root, filepath.Dir(n))
			if d := filepath.Join(*out, rel); !made[d] {
				if err := os.MkdirAll(d, 0o755); err != nil {
					return err
				}
				made[d] = true
			}
		}
	}
	var total atomic.Int64
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make([]error, runtime.GOMAXPROCS(0))
	for w := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var page, small bytes.Buffer
			for {
				i := int(next.Add(1) - 1)
				if i >= len(names) {
					return
				}
				data, err := os.ReadFile(names[i])
				if err != nil {
					errs[w] = err
					return
				}
				page.Reset()
				if err := md.Convert(stripFrontMatter(data), &page); err != nil {
					errs[w] = fmt.Errorf("%s: %w", names[i], err)
					return
				}
				total.Add(int64(page.Len()))
				if *out == "" {
					continue
				}
				small.Reset()
				if err := m.Minify("text/html", &small, &page); err != nil {
					errs[w] = fmt.Errorf("%s: %w", names[i], err)
					return
				}
				rel, _ := filepath.Rel(root, names[i])
				if err := os.WriteFile(filepath.Join(*out, strings.TrimSuffix(rel, ".md")+".html"), small.Bytes(), 0o644); err != nil {
					errs[w] = err
					return
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	fmt.Printf("%d files, %d bytes of HTML\n", len(names), total.Load())
	return nil
}

// stripFrontMatter returns data after its "---" front matter, if any.
func stripFrontMatter(data []byte) []byte {
	if !bytes.HasPrefix(data, []byte("---\n")) {
		return data
	}
	end := bytes.Index(data[4:], []byte("\n---\n"))
	if end < 0 {
		return data
	}
	return data[4+end+5:]
}
