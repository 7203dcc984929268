package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Marker is the file every output folder holds. A build replaces a folder
// only if it does not exist or holds this file: the build deletes what it
// replaces, so without the mark a mistyped -out (content, the project, a
// folder of someone's work) would be emptied and filled with the site.
const Marker = ".policysite-output"

const markerText = "This folder is the output of the policy site's build (go run build.go).\nThe next build replaces it whole: do not keep anything else in it.\n"

// CheckTarget refuses an output folder that a build must never replace:
// one that is or contains any of the folders in keep (the project, content/,
// quizzes/, templates/, the current folder); one inside any of the folders
// in sources (content/, quizzes/, templates/: the site would be read back as
// its own source); one inside a .git folder or holding one; and an existing
// folder (or file) that is not a previous output, as it lacks Marker. Paths
// are compared after resolving symbolic links and "..", so no spelling of a
// protected folder passes. The error reads "dir: why".
func CheckTarget(dir string, keep, sources []string) error {
	target, err := resolve(dir)
	if err != nil {
		return fmt.Errorf("%s: %w", dir, err)
	}
	for _, p := range keep {
		rp, err := resolve(p)
		if err != nil {
			continue
		}
		switch {
		case target == rp:
			return fmt.Errorf("%s: refusing to build into %s: it would be replaced by the site", dir, p)
		case within(rp, target):
			return fmt.Errorf("%s: refusing to build into a folder that contains %s: it would be deleted", dir, p)
		}
	}
	for _, p := range sources {
		if rp, err := resolve(p); err == nil && within(target, rp) {
			return fmt.Errorf("%s: refusing to build inside %s", dir, p)
		}
	}
	for d := target; ; d = filepath.Dir(d) {
		if filepath.Base(d) == ".git" {
			return fmt.Errorf("%s: refusing to build inside a .git folder", dir)
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	st, err := os.Lstat(target)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w", dir, err)
	}
	if !st.IsDir() {
		return fmt.Errorf("%s: not a folder: refusing to replace it", dir)
	}
	if m, err := os.Lstat(filepath.Join(target, Marker)); err != nil || !m.Mode().IsRegular() {
		return fmt.Errorf("%s: not the output of an earlier build (it has no %s file): refusing to replace it; remove it yourself or choose another -out", dir, Marker)
	}
	var found error
	filepath.WalkDir(target, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Name() == ".git" {
			found = fmt.Errorf("%s: holds a .git folder (%s): refusing to replace it", dir, p)
			return filepath.SkipAll
		}
		return nil
	})
	return found
}

// within reports whether path p is strictly inside folder dir; both are
// absolute and clean.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// resolve returns the absolute path of p with every symbolic link of it
// resolved, as far as it exists: the rest is joined on as written (and
// cleaned, so "a/../b" is b).
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	for cur := abs; ; cur = filepath.Dir(cur) {
		if r, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(append([]string{r}, rest...)...), nil
		}
		if filepath.Dir(cur) == cur {
			return abs, nil
		}
		rest = append([]string{filepath.Base(cur)}, rest...)
	}
}

// writeMarker marks a new output folder (see Marker).
func writeMarker(dir string) error {
	return create(filepath.Join(dir, Marker), []byte(markerText))
}

// staleAge is the age after which a leftover new or old folder of the
// target's (base.new-*, base.old-*) is taken to be left by a build that was
// killed: a build that takes longer than this is not expected, and the
// folder of a running build is touched whenever it makes a folder.
const staleAge = 10 * time.Minute

// cleanLeftovers removes the folders beside dir that a killed build left
// (public.new-*, public.old-*), when they carry Marker (or are the renamed
// old tree's holder) and are older than staleAge.
func cleanLeftovers(dir string) {
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !(strings.HasPrefix(name, base+".new-") || strings.HasPrefix(name, base+".old-")) {
			continue
		}
		p := filepath.Join(parent, name)
		info, err := e.Info()
		if err != nil || time.Since(info.ModTime()) < staleAge {
			continue
		}
		_, errNew := os.Lstat(filepath.Join(p, Marker))
		_, errOld := os.Lstat(filepath.Join(p, "tree", Marker))
		if errNew == nil || errOld == nil {
			removeTree(p)
		}
	}
}
