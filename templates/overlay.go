package templates

import (
	"io/fs"
	"os"
)

// Dir returns the embedded templates, with the files of the folder dir (if
// not "") taking precedence by name: `build -templates DIR`.
func Dir(dir string) fs.FS {
	if dir == "" {
		return FS
	}
	return Overlay(os.DirFS(dir), FS)
}

// Overlay returns a file system that serves each file from top when top has
// it (a regular file), and from base otherwise.
func Overlay(top, base fs.FS) fs.FS {
	return overlay{top: top, base: base}
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
