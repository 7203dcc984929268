package history

import (
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/storage"
)

// Snapshot is every file under some sub-folders as one commit left them: what a draft comparison
// (改正案 | 現行) compares the work tree with.
type Snapshot struct {
	Commit *Commit
	// Files maps each file's path relative to the site folder, with forward slashes
	// ("content/ja/basic-policy.md"), to its content.
	Files map[string][]byte
}

// ReadSnapshot resolves rev in the repository that contains dir ("HEAD", a branch or tag name, a
// hash or a prefix of at least 4 of its digits, each optionally followed by ~N or ^ steps to first
// parents, as git writes them: "HEAD~2", "v2026^") and returns the files
// under dir/<sub> for each sub as that commit left them. It reads nothing else of the history and
// writes nothing. When no repository contains dir, the error wraps ErrNoRepository.
func ReadSnapshot(dir, rev string, subs ...string) (*Snapshot, error) {
	repo, err := open(dir)
	if err != nil {
		return nil, err
	}
	defer repo.close()
	r, err := newReader(repo, subs)
	if err != nil {
		return nil, err
	}
	c, err := resolveRevision(repo, rev)
	if err != nil {
		return nil, fmt.Errorf("history: revision %q: %w", rev, err)
	}
	root, err := c.Tree()
	if err != nil {
		return nil, fmt.Errorf("history: revision %q: %w", rev, err)
	}
	cc, err := r.commit(c)
	if err != nil {
		return nil, err
	}
	s := &Snapshot{Commit: cc, Files: map[string][]byte{}}
	for _, sub := range r.subs {
		tree := root
		if sub.repo != "" {
			if tree, err = root.Tree(sub.repo); errors.Is(err, object.ErrDirectoryNotFound) {
				continue
			} else if err != nil {
				return nil, fmt.Errorf("history: revision %q: %s: %w", rev, sub.repo, err)
			}
		}
		files := tree.Files()
		for {
			f, err := files.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				files.Close()
				return nil, fmt.Errorf("history: revision %q: %w", rev, err)
			}
			if !isFile(f.Mode) {
				continue
			}
			data, err := r.blob(c, f.Hash)
			if err != nil {
				files.Close()
				return nil, err
			}
			s.Files[r.sitePath(repoJoin(sub.repo, f.Name))] = data
		}
		files.Close()
	}
	return s, nil
}

// resolveRevision finds the commit rev names (see ReadSnapshot), reading the storage only.
func resolveRevision(st storage.Storer, rev string) (*object.Commit, error) {
	base, steps := rev, ""
	if i := strings.IndexAny(rev, "~^"); i >= 0 {
		base, steps = rev[:i], rev[i:]
	}
	h, err := resolveBase(st, base)
	if err != nil {
		return nil, err
	}
	c, err := object.GetCommit(st, h)
	if err != nil {
		return nil, err
	}
	for steps != "" {
		n := 1
		op := steps[0]
		steps = steps[1:]
		digits := len(steps) - len(strings.TrimLeft(steps, "0123456789"))
		if digits > 0 {
			n, _ = strconv.Atoi(steps[:digits])
			steps = steps[digits:]
		}
		if op == '^' && n > 1 {
			return nil, errors.New("only first parents are supported (^ or ~N)")
		}
		for range n {
			if len(c.ParentHashes) == 0 {
				return nil, fmt.Errorf("commit %s has no parent", short(c.Hash))
			}
			if c, err = object.GetCommit(st, c.ParentHashes[0]); err != nil {
				return nil, err
			}
		}
	}
	return c, nil
}

var hexRE = regexp.MustCompile(`^[0-9a-fA-F]{4,40}$`)

// resolveBase resolves a reference name as git does (HEAD, refs/<name>, refs/tags/<name>,
// refs/heads/<name>, refs/remotes/<name>; an annotated tag to its commit), or a hash or a prefix
// of one that names exactly one commit.
func resolveBase(st storage.Storer, name string) (plumbing.Hash, error) {
	candidates := []string{name, "refs/" + name, "refs/tags/" + name, "refs/heads/" + name, "refs/remotes/" + name}
	if name == "" || name == "HEAD" {
		candidates = []string{"HEAD"}
	}
	for _, n := range candidates {
		ref, err := storer.ResolveReference(st, plumbing.ReferenceName(n))
		if err != nil {
			continue
		}
		h := ref.Hash()
		if tag, err := object.GetTag(st, h); err == nil {
			c, err := tag.Commit()
			if err != nil {
				return plumbing.ZeroHash, err
			}
			return c.Hash, nil
		}
		return h, nil
	}
	if !hexRE.MatchString(name) {
		return plumbing.ZeroHash, errors.New("no such branch, tag or commit")
	}
	prefix := strings.ToLower(name)
	if len(prefix) == 40 {
		return plumbing.NewHash(prefix), nil
	}
	iter, err := st.IterEncodedObjects(plumbing.CommitObject)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	defer iter.Close()
	var found plumbing.Hash
	n := 0
	err = iter.ForEach(func(o plumbing.EncodedObject) error {
		if strings.HasPrefix(o.Hash().String(), prefix) {
			found = o.Hash()
			n++
		}
		return nil
	})
	switch {
	case err != nil:
		return plumbing.ZeroHash, err
	case n == 0:
		return plumbing.ZeroHash, errors.New("no such branch, tag or commit")
	case n > 1:
		return plumbing.ZeroHash, errors.New("ambiguous: give more digits of the hash")
	}
	return found, nil
}
