package output

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
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
	// old are the regular files of the folder the tree replaces, by slash
	// name; see reuse.
	old map[string]bool
	// left is why Commit could not remove the folder it replaced.
	left error
}

type folderOnce struct {
	once sync.Once
	err  error
}

// Create starts a tree that will replace dir. With minify, files are
// minified by their extension unless Add is told they need not be. dir must
// not exist or be a previous output (see CheckTarget, Marker); the tree
// holds Marker from the start, and folders a killed build left beside dir
// are removed (see cleanLeftovers).
func Create(dir string, minify bool) (*Tree, error) {
	dir = filepath.Clean(dir)
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	if err := CheckTarget(dir, nil, nil); err != nil {
		return nil, err
	}
	cleanLeftovers(dir)
	tmp, err := os.MkdirTemp(parent, filepath.Base(dir)+".new-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	if err := writeMarker(tmp); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	t := &Tree{dir: dir, tmp: tmp, names: map[string]bool{}, old: regularFiles(dir)}
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
	if t.reuse(name, data) {
		return nil
	}
	return create(filepath.Join(t.tmp, filepath.FromSlash(name)), data)
}

// regularFiles lists the regular files under dir, by slash name: not
// symbolic links, nor anything under a linked folder, which WalkDir does
// not follow.
func regularFiles(dir string) map[string]bool {
	files := map[string]bool{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if rel, err := filepath.Rel(dir, p); err == nil {
				files[filepath.ToSlash(rel)] = true
			}
		}
		return nil
	})
	return files
}

// reuse links the file name of the folder the tree replaces into the tree,
// and reports true, if it holds exactly data and is a plain 0644 file as
// create would make. A rebuild mostly writes what the build before it
// wrote: a link costs a fraction of a new file, which ext4 gives an inode
// of its own, and the old tree's removal after Commit then frees no inode
// either (on ext4 without a journal, inodes freed in the last minutes make
// every new file after them dearer).
func (t *Tree) reuse(name string, data []byte) bool {
	if !t.old[name] {
		return false
	}
	old := filepath.Join(t.dir, filepath.FromSlash(name))
	f, err := os.Open(old)
	if err != nil {
		return false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || st.Mode().Perm() != 0o644 || st.Size() != int64(len(data)) {
		return false
	}
	in := t.ins.Get().(*[]byte)
	defer t.ins.Put(in)
	buf := slices.Grow((*in)[:0], len(data)+1)[:len(data)+1]
	*in = buf
	// One byte more than data: a file that grew since Stat is not equal.
	n, err := io.ReadFull(f, buf)
	if err != io.ErrUnexpectedEOF || n != len(data) || !bytes.Equal(buf[:n], data) {
		return false
	}
	return os.Link(old, filepath.Join(t.tmp, filepath.FromSlash(name))) == nil
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

// Commit replaces the target folder with the tree (see Leftover).
func (t *Tree) Commit() error {
	var err error
	t.left, err = swap(t.tmp, t.dir)
	return err
}

// Leftover says why the folder a successful Commit replaced could not be
// removed, or is nil: the new output is in place, and the old one is left
// beside it (as <out>.old-*) for a later build to remove.
func (t *Tree) Leftover() error { return t.left }

// Abort removes the tree, leaving the target folder as it was. It returns
// what kept the tree from being removed: the unfinished folder beside the
// target is then left for the user to remove.
func (t *Tree) Abort() error {
	if t == nil {
		return nil
	}
	return os.RemoveAll(t.tmp)
}
