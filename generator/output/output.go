// Package output writes the built site to disk: minified, and atomically.
//
// The whole tree is written into a new folder beside the target
// (public.new-*), and only when every file is written is it swapped in for
// the old one. A failed build therefore leaves the previous public/ exactly as
// it was, and a successful one leaves no stale file behind: a page of a
// document that has since become internal cannot survive in public/. A
// file written with the bytes it already has in the old tree is linked
// from there rather than written again (see Tree).
package output

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
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
	"github.com/tdewolff/parse/v2/buffer"

	"policysite/generator/parallel"
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
// them atomically. Only the files for which minify reports true are
// minified (a nil minify: none): some are as small as they get already, and
// minifying megabytes of generated data costs time for nothing. files is not
// modified. A build that makes its files one by one uses a Tree instead.
func Write(dir string, files map[string][]byte, minify func(name string) bool) error {
	t, err := Create(dir, minify != nil)
	if err != nil {
		return err
	}
	if err := writeAll(t, files, minify); err != nil {
		t.Abort()
		return err
	}
	return t.Commit()
}

func writeAll(t *Tree, files map[string][]byte, minify func(string) bool) error {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	errs := make([]error, len(names))
	parallel.For(len(names), func(i int) {
		n := names[i]
		errs[i] = t.Add(n, files[n], minify == nil || !minify(n))
	})
	// The failure of the first file by name, whichever worker met it first,
	// so that the message is the same on every run.
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
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
// it never holds a mixture of old and new files. left says why the old
// tree, once replaced, could not be removed (a later build removes it).
func swap(tmp, dir string) (left, err error) {
	old := ""
	if _, err := os.Lstat(dir); err == nil {
		o, err := os.MkdirTemp(filepath.Dir(dir), filepath.Base(dir)+".old-")
		if err != nil {
			return nil, err
		}
		old = filepath.Join(o, "tree")
		if err := os.Rename(dir, old); err != nil {
			os.RemoveAll(o)
			os.RemoveAll(tmp)
			return nil, err
		}
		defer func() {
			if err == nil {
				if e := errors.Join(removeTree(old), os.RemoveAll(o)); e != nil {
					left = fmt.Errorf("%s: the previous output was not removed (a later build removes it): %w", o, e)
				}
			}
		}()
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			os.Rename(old, dir)
		}
		os.RemoveAll(tmp)
		return nil, err
	}
	return nil, nil
}

// removeTree removes dir as os.RemoveAll does, its top-level entries (ja/,
// en/, assets/) at the same time: the kernel deletes one file at a time in
// a folder, and deleting the old tree is the last thing a build waits for.
func removeTree(dir string) error {
	entries, _ := os.ReadDir(dir)
	errs := make([]error, len(entries)+1)
	var wg sync.WaitGroup
	for i, e := range entries {
		wg.Go(func() { errs[i] = os.RemoveAll(filepath.Join(dir, e.Name())) })
	}
	wg.Wait()
	errs[len(entries)] = os.RemoveAll(dir)
	return errors.Join(errs...)
}
