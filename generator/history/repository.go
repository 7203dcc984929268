package history

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// repository is an open repository and where the site is in it.
type repository struct {
	*git.Repository
	prefix string // the site folder inside the work tree, "" at its top
	gitDir string // the git directory shared by all work trees, "" when not stored in a folder
	close  func()
}

// open finds the repository containing dir and returns it with dir's path inside the work tree
// ("" when dir is the top of the work tree) and the git directory.
//
// go-git's default storage opens the packfile again for every object it reads; a history walk reads
// thousands of trees, and those system calls took two thirds of the time. So once go-git has found
// the repository (parent folders, .git files of linked work trees), its .git folder is opened again
// with the descriptors kept open for the duration of Read.
func open(dir string) (*repository, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	if _, err := os.Stat(abs); err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	// go-git's search of parent folders looks for .git only, so it would climb past a bare
	// repository given as dir; git itself checks whether each folder is a repository first.
	detect := !isBare(abs)
	found, err := git.PlainOpenWithOptions(abs, &git.PlainOpenOptions{DetectDotGit: detect, EnableDotGitCommonDir: true})
	if errors.Is(err, git.ErrRepositoryNotExists) {
		return nil, fmt.Errorf("history: %s: %w", dir, ErrNoRepository)
	}
	if err != nil {
		return nil, fmt.Errorf("history: %s: %w", dir, err)
	}
	rel := ""
	wt, err := found.Worktree()
	switch {
	case errors.Is(err, git.ErrIsBareRepository):
		// A bare repository has no files on disk: dir is the repository itself, so the
		// sub-folders are read from the top of its trees.
	case err != nil:
		return nil, fmt.Errorf("history: %s: %w", dir, err)
	default:
		if rel, err = relativeTo(wt.Filesystem.Root(), abs); err != nil {
			return nil, fmt.Errorf("history: %s: %w", dir, err)
		}
	}
	fsStorage, ok := found.Storer.(*filesystem.Storage)
	if !ok {
		return &repository{Repository: found, prefix: rel, close: func() {}}, nil
	}
	st := filesystem.NewStorageWithOptions(fsStorage.Filesystem(), cache.NewObjectLRUDefault(), filesystem.Options{KeepDescriptors: true})
	repo, err := git.Open(st, nil)
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("history: %s: %w", dir, err)
	}
	return &repository{
		Repository: repo,
		prefix:     rel,
		gitDir:     commonDir(fsStorage.Filesystem().Root()),
		close:      func() { st.Close() },
	}, nil
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
