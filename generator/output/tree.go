package output

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sync"
)

// A Tree is an output folder being written file by file, as the pages are
// made, so that a large site is never held in memory whole: on the
// machines builds run on, memory a program touches for the first time
// costs more than the work of rendering into it. Like Write it writes into
// a new folder beside the target, and only Commit puts it in the target's
// place; Abort (or a crash) leaves the target as it was.
//
// Add may be called from several goroutines at once.
type Tree struct {
	dir, tmp string
	m        *Minifier // nil: write files as given

	dirs sync.Map   // slash folder → *folderOnce
	bufs sync.Pool  // *bytes.Buffer for minified files
	ins  sync.Pool  // *[]byte: minifiers overwrite their input
	mu   sync.Mutex // guards names
	// names are the files added, to refuse a second file of one name with
	// a clear error (O_EXCL would refuse it too, less clearly).
	names map[string]bool
}

type folderOnce struct {
	once sync.Once
	err  error
}

// Create starts a tree that will replace dir. With minify, files are
// minified by their extension unless Add is told they need not be.
func Create(dir string, minify bool) (*Tree, error) {
	dir = filepath.Clean(dir)
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, filepath.Base(dir)+".new-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	t := &Tree{dir: dir, tmp: tmp, names: map[string]bool{}}
	if minify {
		t.m = NewMinifier()
	}
	t.bufs.New = func() any { return new(bytes.Buffer) }
	t.ins.New = func() any { return new([]byte) }
	return t, nil
}

// claim checks a new file's name and makes its folder.
func (t *Tree) claim(name string) error {
	if !validName(name) {
		return fmt.Errorf("output: refusing to write %q outside the output folder", name)
	}
	t.mu.Lock()
	dup := t.names[name]
	t.names[name] = true
	t.mu.Unlock()
	if dup {
		return fmt.Errorf("output: %s written twice", name)
	}
	if d := path.Dir(name); d != "." {
		f, _ := t.dirs.LoadOrStore(d, &folderOnce{})
		fo := f.(*folderOnce)
		fo.once.Do(func() { fo.err = os.MkdirAll(filepath.Join(t.tmp, filepath.FromSlash(d)), 0o755) })
		if fo.err != nil {
			return fo.err
		}
	}
	return nil
}

// Add writes the file name (a slash path relative to the tree) with data,
// minified unless minimal says it is as small as minifying would make it.
// data is not kept: the caller may reuse it when Add returns.
func (t *Tree) Add(name string, data []byte, minimal bool) error {
	if err := t.claim(name); err != nil {
		return err
	}
	if t.m != nil && !minimal {
		buf := t.bufs.Get().(*bytes.Buffer)
		defer t.bufs.Put(buf)
		in := t.ins.Get().(*[]byte)
		defer t.ins.Put(in)
		buf.Reset()
		*in = append((*in)[:0], data...)
		ok, err := t.m.minifyTo(buf, name, *in)
		if err != nil {
			return err
		}
		if ok {
			data = buf.Bytes()
		}
	}
	return create(filepath.Join(t.tmp, filepath.FromSlash(name)), data)
}

// Create creates the file name for the caller to write, unminified: a
// large generated file need not be held whole to be written. The caller
// must close it before Commit.
func (t *Tree) Create(name string) (io.WriteCloser, error) {
	if err := t.claim(name); err != nil {
		return nil, err
	}
	return os.OpenFile(filepath.Join(t.tmp, filepath.FromSlash(name)), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
}

// Commit replaces the target folder with the tree.
func (t *Tree) Commit() error {
	return swap(t.tmp, t.dir)
}

// Abort removes the tree, leaving the target folder as it was.
func (t *Tree) Abort() {
	if t != nil {
		os.RemoveAll(t.tmp)
	}
}
