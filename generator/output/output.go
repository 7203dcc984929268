// Package output writes the built site to disk: minified, and atomically.
//
// The whole tree is written into a new folder beside the target
// (public.new-*), and only when every file is written is it swapped in for
// the old one. A failed build therefore leaves the previous public/ exactly as
// it was, and a successful one leaves no stale file behind: a page of a
// document that has since become internal cannot survive in public/.
package output

import (
	"bytes"
	"cmp"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
	"github.com/tdewolff/parse/v2/buffer"
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
	var buf bytes.Buffer
	ok, err := m.minifyTo(&buf, name, slices.Clone(data))
	if err != nil || !ok {
		return data, err
	}
	return buf.Bytes(), nil
}

// minifyTo appends the minified form of data to w and reports true, or
// reports false for a file of a kind it does not minify. The minifiers work
// in place: data is overwritten, so callers pass a copy.
func (m *Minifier) minifyTo(w *bytes.Buffer, name string, data []byte) (bool, error) {
	mt, ok := mediaTypes[path.Ext(name)]
	if !ok {
		return false, nil
	}
	// buffer.Reader hands data to the minifier without a copy, and the
	// spare byte lets the lexer end it with a NUL without one either.
	data = slices.Grow(data, 1)
	if err := m.m.Minify(mt, w, buffer.NewReader(data)); err != nil {
		return false, fmt.Errorf("%s: minify: %w", name, err)
	}
	return true, nil
}

// Write minifies files (slash paths relative to dir) and replaces dir with
// them atomically. With minified false the files are written as they are.
// files is not modified.
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

// writers is how many files are minified and written at once. Creating a
// file is mostly kernel time, which other goroutines can overlap with
// minifying, so twice the cores keeps them busy.
func writers() int { return 2 * runtime.GOMAXPROCS(0) }

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
	// Largest first: the search index takes as long to minify as hundreds
	// of pages, and started last it would leave the other cores idle while
	// it finishes. The order of writing does not show in the result.
	order := slices.Clone(names)
	slices.SortStableFunc(order, func(a, b string) int { return cmp.Compare(len(files[b]), len(files[a])) })
	var m *Minifier
	if minified {
		m = NewMinifier()
	}
	errs := make([]error, len(order))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(writers(), len(order)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Buffers per worker, reused for every file: minifying into
			// fresh slices cleared and collected as many bytes as the
			// site has.
			var in []byte
			var buf bytes.Buffer
			for {
				i := int(next.Add(1)) - 1
				if i >= len(order) {
					return
				}
				n := order[i]
				data := files[n]
				if m != nil {
					buf.Reset()
					in = append(in[:0], data...)
					ok, err := m.minifyTo(&buf, n, in)
					if err != nil {
						errs[i] = err
						continue
					}
					if ok {
						data = buf.Bytes()
					}
				}
				errs[i] = create(filepath.Join(root, filepath.FromSlash(n)), data)
			}
		}()
	}
	wg.Wait()
	// Report the failure of the first file by name, whichever worker met
	// it first, so that the message is the same on every run.
	var first error
	firstName := ""
	for i, err := range errs {
		if err != nil && (first == nil || order[i] < firstName) {
			first, firstName = err, order[i]
		}
	}
	return first
}

// create writes a new file. The folder is new, so O_EXCL costs nothing and
// turns a duplicate name into an error instead of a silent overwrite.
func create(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err1 := f.Close(); err == nil {
		err = err1
	}
	return err
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
