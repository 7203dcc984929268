package history

import (
	"errors"
	"fmt"
	"io"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
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
// hash or its prefix, "HEAD~2": whatever go-git's ResolveRevision accepts) and returns the files
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
	h, err := repo.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		return nil, fmt.Errorf("history: revision %q: %w", rev, err)
	}
	c, err := repo.CommitObject(*h)
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
