// Package output writes the built site to disk: minified, and atomically.
//
// The whole tree is written into a new folder beside the target
// (public.new-*), and only when every file is written is it swapped in for
// the old one. A failed build therefore leaves the previous public/ exactly as
// it was, and a successful one leaves no stale file behind: a page of a
// document that has since become internal cannot survive in public/.
package output

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// Minifier minifies output files by their extension. It is safe for
// concurrent use.
type Minifier struct{ m *minify.M }

// NewMinifier returns a Minifier for HTML, CSS, JS, JSON, SVG and Atom.
func NewMinifier() *Minifier {
	m := minify.New()
	m.Add("text/html", &html.Minifier{
		// Keep what screen readers and the CSP rely on.
		KeepDocumentTags:    true,
		KeepEndTags:         true,
		KeepQuotes:          true,
		KeepDefaultAttrVals: true,
	})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), json.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("application/atom+xml", xml.Minify)
	return &Minifier{m: m}
}

var mediaTypes = map[string]string{
	".html": "text/html",
	".css":  "text/css",
	".js":   "application/javascript",
	".json": "application/json",
	".svg":  "image/svg+xml",
	".atom": "application/atom+xml",
}

// Minify returns the minified form of a file named name; files of other
// kinds come back unchanged.
func (m *Minifier) Minify(name string, data []byte) ([]byte, error) {
	mt, ok := mediaTypes[path.Ext(name)]
	if !ok {
		return data, nil
	}
	out, err := m.m.Bytes(mt, data)
	if err != nil {
		return nil, fmt.Errorf("%s: minify: %w", name, err)
	}
	return out, nil
}

// Write minifies files (slash paths relative to dir) and replaces dir with
// them atomically. With minified false the files are written as they are.
func Write(dir string, files map[string][]byte, minified bool) error {
	dir = filepath.Clean(dir)
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, filepath.Base(dir)+".new-")
	if err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	if err := writeAll(tmp, files, minified); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	return swap(tmp, dir)
}

func writeAll(root string, files map[string][]byte, minified bool) error {
	names := make([]string, 0, len(files))
	for n := range files {
		if !validName(n) {
			return fmt.Errorf("output: refusing to write %q outside the output folder", n)
		}
		names = append(names, n)
	}
	sort.Strings(names)
	// Folders first, in order, so that the workers only create files.
	made := map[string]bool{}
	for _, n := range names {
		if d := path.Dir(n); d != "." && !made[d] {
			if err := os.MkdirAll(filepath.Join(root, filepath.FromSlash(d)), 0o755); err != nil {
				return err
			}
			made[d] = true
		}
	}
	m := NewMinifier()
	work := make(chan string)
	errs := make(chan error, len(names))
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range work {
				data := files[n]
				if minified {
					var err error
					if data, err = m.Minify(n, data); err != nil {
						errs <- err
						continue
					}
				}
				if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(n)), data, 0o644); err != nil {
					errs <- err
				}
			}
		}()
	}
	for _, n := range names {
		work <- n
	}
	close(work)
	wg.Wait()
	close(errs)
	var first error
	for err := range errs {
		if first == nil {
			first = err
		}
	}
	return first
}

func validName(n string) bool {
	return n != "" && !strings.HasPrefix(n, "/") && path.Clean(n) == n && n != ".." && !strings.HasPrefix(n, "../")
}

// swap puts tmp in dir's place: dir is renamed aside, tmp renamed in, and
// the old tree removed. Between the two renames dir briefly does not exist;
// it never holds a mixture of old and new files.
func swap(tmp, dir string) error {
	old := ""
	if _, err := os.Lstat(dir); err == nil {
		o, err := os.MkdirTemp(filepath.Dir(dir), filepath.Base(dir)+".old-")
		if err != nil {
			return err
		}
		old = filepath.Join(o, "tree")
		if err := os.Rename(dir, old); err != nil {
			os.RemoveAll(o)
			os.RemoveAll(tmp)
			return err
		}
		defer os.RemoveAll(o)
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			os.Rename(old, dir)
		}
		os.RemoveAll(tmp)
		return err
	}
	return nil
}
