package site

import (
	"io/fs"
	"path"
)

// assets copies templates/assets/ to assets/.
func (b *builder) assets() error {
	return fs.WalkDir(b.opt.Templates, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(b.opt.Templates, p)
		if err != nil {
			return err
		}
		b.put(path.Clean(p), data, false)
		return nil
	})
}
