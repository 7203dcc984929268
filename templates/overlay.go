package templates

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"policysite/generator/diag"
)

// Dir returns the embedded templates, with the files of the folder dir (if
// not "") taking precedence by name: `build -templates DIR`.
func Dir(dir string) fs.FS {
	if dir == "" {
		return FS
	}
	return overlay{top: os.DirFS(dir), base: FS, dir: dir}
}

// Overlay returns a file system that serves each file from top when top has
// it (a regular file), and from base otherwise. A symbolic link in top, on
// the file or a folder above it, is an error, not followed: what it points
// to may be anything (an internal document too), and would be published
// as an asset or shape every page.
func Overlay(top, base fs.FS) fs.FS {
	return overlay{top: top, base: base}
}

type overlay struct {
	top, base fs.FS
	dir       string // top's folder, for errors
}

func (o overlay) Open(name string) (fs.File, error) {
	for p := name; p != "." && p != "/"; p = path.Dir(p) {
		if st, err := fs.Lstat(o.top, p); err == nil && st.Mode()&fs.ModeSymlink != 0 {
			return nil, diag.Errorf(filepath.Join(o.dir, filepath.FromSlash(p)), 0, "symbolic link: templates and assets must be files (copy the file here, or remove the link)")
		}
		if !strings.Contains(p, "/") {
			break
		}
	}
	if f, err := o.top.Open(name); err == nil {
		if st, err := f.Stat(); err == nil && !st.IsDir() {
			return f, nil
		}
		f.Close()
	}
	return o.base.Open(name)
}
