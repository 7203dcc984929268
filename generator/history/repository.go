package history

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/storage"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/go-git/go-git/v5/storage/filesystem/dotgit"
)

// repository is an open repository and where the site is in it.
type repository struct {
	storage.Storer
	objects *objects // the Storer's object cache
	prefix  string   // the site folder inside the work tree, "" at its top
	gitDir  string   // the git directory shared by all work trees, "" when not stored in a folder
	close   func()
}

// objectCache is how much of the objects go-git decodes it keeps, besides
// the blobs the reader holds (see objects): trees, commits, and blobs not
// yet read. go-git's default is 96 MiB. Without the held blobs, 16 MiB
// made go-git resolve the same deltas again and again (a quarter more
// processor time for a first build of 5,000 files); with them 8 MiB is as
// fast as 96 (4 MiB was not: a second more on 5,000 files), and the
// 1,000-commit synthetic history's walk ends holding 75 MB instead of 150.
const objectCache = 8 * cache.MiByte

// open finds the repository containing dir and returns it with dir's path inside the work tree
// ("" when dir is the top of the work tree) and the git directory.
//
// It opens the repository's storage only, never go-git's Repository: that package links every
// transport (HTTP, SSH, its agent and keys) and OpenPGP into the program, and a build reads local
// objects and nothing else. It finds the git directory as git does: dir itself when it is a bare
// repository, else the first .git folder, or .git file of a linked work tree ("gitdir: …"), met
// climbing from dir; a linked work tree's objects and references are in the folder its commondir
// file names.
//
// go-git's default storage opens the packfile again for every object it reads; a history walk reads
// thousands of trees, and those system calls took two thirds of the time. So the descriptors are
// kept open for the duration of Read.
func open(dir string) (*repository, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	if _, err := os.Stat(abs); err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	gitDir, top, err := findGitDir(abs)
	if err != nil {
		return nil, fmt.Errorf("history: %s: %w", dir, err)
	}
	rel := ""
	if top != "" {
		if rel, err = relativeTo(top, abs); err != nil {
			return nil, fmt.Errorf("history: %s: %w", dir, err)
		}
	}
	// A .git with no HEAD is not a repository (an empty folder, say): git would not take it either.
	if _, err := os.Stat(filepath.Join(gitDir, "HEAD")); err != nil {
		return nil, fmt.Errorf("history: %s: %w", dir, ErrNoRepository)
	}
	common := commonDir(gitDir)
	var fsys billy.Filesystem = osfs.New(gitDir)
	if common != gitDir {
		fsys = dotgit.NewRepositoryFilesystem(fsys, osfs.New(common))
	}
	objs := newObjects(objectCache)
	st := filesystem.NewStorageWithOptions(fsys, objs, filesystem.Options{KeepDescriptors: true})
	return &repository{Storer: st, objects: objs, prefix: rel, gitDir: common, close: func() { st.Close() }}, nil
}

// findGitDir returns the git directory of the repository holding dir (an absolute path) and the top
// of its work tree ("" for a bare repository), or ErrNoRepository.
func findGitDir(dir string) (gitDir, top string, err error) {
	// A bare repository has no .git entry: dir is the repository itself, so the sub-folders are
	// read from the top of its trees. git itself checks whether each folder is a repository before
	// climbing, so it never climbs past a bare repository given as dir.
	if isBare(dir) {
		return dir, "", nil
	}
	for d := dir; ; {
		p := filepath.Join(d, ".git")
		fi, err := os.Stat(p)
		switch {
		case err == nil && fi.IsDir():
			return p, d, nil
		case err == nil:
			g, err := readGitFile(p)
			return g, d, err
		case !errors.Is(err, os.ErrNotExist):
			return "", "", err
		}
		up := filepath.Dir(d)
		if up == d {
			return "", "", ErrNoRepository
		}
		d = up
	}
}

// readGitFile reads the .git file of a linked work tree or a submodule: "gitdir: path", the path
// relative to the file's folder unless absolute.
func readGitFile(name string) (string, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return "", err
	}
	line, _, _ := strings.Cut(string(b), "\n")
	g, ok := strings.CutPrefix(strings.TrimSpace(line), "gitdir: ")
	if !ok || strings.TrimSpace(g) == "" {
		return "", fmt.Errorf("%s: no gitdir line", name)
	}
	g = strings.TrimSpace(g)
	if !filepath.IsAbs(g) {
		g = filepath.Join(filepath.Dir(name), g)
	}
	return filepath.Clean(g), nil
}

// commonDir returns the git directory shared by all work trees of the repository whose own git
// directory is dir: the one named by dir's commondir file in a linked work tree, dir otherwise.
func commonDir(dir string) string {
	b, err := os.ReadFile(filepath.Join(dir, "commondir"))
	if err != nil {
		return dir
	}
	p := strings.TrimSpace(string(b))
	if p == "" {
		return dir
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(dir, p)
	}
	return filepath.Clean(p)
}

// isBare reports whether dir is itself a git directory without a .git entry, as git's own test for a
// repository folder reads it: a HEAD file and objects and refs folders.
func isBare(dir string) bool {
	if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
		return false
	}
	head, err := os.Stat(filepath.Join(dir, "HEAD"))
	if err != nil || !head.Mode().IsRegular() {
		return false
	}
	for _, sub := range []string{"objects", "refs"} {
		if fi, err := os.Stat(filepath.Join(dir, sub)); err != nil || !fi.IsDir() {
			return false
		}
	}
	return true
}

// relativeTo returns target relative to root with forward slashes, resolving symbolic links when the
// plain paths do not nest (a temporary folder reached through a link, for example).
func relativeTo(root, target string) (string, error) {
	rel, err := filepath.Rel(root, target)
	if err != nil || !filepath.IsLocal(rel) && rel != "." {
		r, err1 := filepath.EvalSymlinks(root)
		t, err2 := filepath.EvalSymlinks(target)
		if err1 != nil || err2 != nil {
			return "", fmt.Errorf("%s is not inside the work tree %s", target, root)
		}
		rel, err = filepath.Rel(r, t)
		if err != nil || !filepath.IsLocal(rel) && rel != "." {
			return "", fmt.Errorf("%s is not inside the work tree %s", target, root)
		}
	}
	if rel == "." {
		return "", nil
	}
	return filepath.ToSlash(rel), nil
}

func isLocalSlash(p string) bool {
	return p != "" && !strings.Contains(p, "\\") && path.Clean(p) == p && filepath.IsLocal(filepath.FromSlash(p))
}
