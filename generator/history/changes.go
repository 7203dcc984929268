package history

import (
	"fmt"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Change is one path that a commit changed anywhere in its repository, compared with its first
// parent (with nothing, for a root commit or the boundary of a shallow clone). Commit.Changes lists
// them so that a caller can decide from what the commit touched, and from nothing else, whether the
// commit's message may be shown: a message may speak of any file the commit changed.
//
// No renames are detected here: a file moved from a to b is two changes, a deleted and b added, so
// both of its names are judged.
type Change struct {
	// Path is relative to the site folder, with forward slashes ("content/ja/x.md"); it starts
	// with "../" for a file outside the site folder.
	Path string
	// Old is the path in the first parent, New in the commit. Mode 0 means no file there.
	Old, New File
	// Context is true for a path the commit did not change, recorded to judge a change beside it:
	// for a change at sub/A/rest inside a sub-folder read, the same rest in every other folder
	// directly inside sub (content/ja/x.md and content/en/x.md are translations of each other).
	Context bool
}

// File is one side of a Change.
type File struct {
	// Mode is git's file mode: 0100644 a file, 0100755 an executable file, 0120000 a symbolic
	// link (its data is the link's target), 0160000 a submodule, 0 no file.
	Mode uint32
	// Data is the content of a file or executable file inside one of the sub-folders read; nil for
	// anything else (a file outside them, a link, a submodule, no file).
	Data []byte
}

// Regular reports whether f is a file or an executable file, not a link, a submodule or nothing.
func (f File) Regular() bool {
	return f.Mode == uint32(filemode.Regular) || f.Mode == uint32(filemode.Executable) || f.Mode == uint32(filemode.Deprecated)
}

// changes lists what commit c changed in the whole repository, given the root trees of its first
// parent (nil: none) and of itself.
func (r *reader) changes(c *object.Commit, old, cur snapshot) ([]Change, error) {
	a, b := old.root, cur.root
	if a == nil {
		a = &object.Tree{}
	}
	if b == nil {
		b = &object.Tree{}
	}
	diff, err := r.treeDiff(a, b)
	if err != nil {
		return nil, fmt.Errorf("history: commit %s: listing what it changed: %w", short(c.Hash), err)
	}
	out := make([]Change, 0, len(diff))
	changed := map[string]bool{}
	for _, ch := range diff {
		for _, name := range []string{ch.From.Name, ch.To.Name} {
			if name == "" || changed[name] {
				continue
			}
			changed[name] = true
			x, err := r.side(c, a, name)
			if err != nil {
				return nil, err
			}
			y, err := r.side(c, b, name)
			if err != nil {
				return nil, err
			}
			out = append(out, Change{Path: r.sitePath(name), Old: x, New: y})
		}
	}
	// The same file in the parallel folders of each change inside a sub-folder.
	var context []string
	for name := range changed {
		for _, s := range r.subs {
			rest, ok := strings.CutPrefix(name, s.repo+"/")
			if s.repo == "" {
				rest, ok = name, true
			}
			first, tail, nested := strings.Cut(rest, "/")
			if !ok || !nested {
				continue
			}
			for _, dir := range parallelFolders(a, b, s.repo) {
				if p := repoJoin(repoJoin(s.repo, dir), tail); dir != first && !changed[p] {
					context = append(context, p)
				}
			}
		}
	}
	sort.Strings(context)
	for i, p := range context {
		if i > 0 && context[i-1] == p {
			continue
		}
		x, err := r.side(c, a, p)
		if err != nil {
			return nil, err
		}
		y, err := r.side(c, b, p)
		if err != nil {
			return nil, err
		}
		if x.Mode != 0 || y.Mode != 0 {
			out = append(out, Change{Path: r.sitePath(p), Old: x, New: y, Context: true})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// side returns the file at p (relative to the top of the repository) in tree t.
func (r *reader) side(c *object.Commit, t *object.Tree, p string) (File, error) {
	e, err := t.FindEntry(p)
	if err != nil || e.Mode == filemode.Dir {
		return File{}, nil
	}
	f := File{Mode: uint32(e.Mode)}
	if f.Regular() && r.inSub(p) {
		if f.Data, err = r.blob(c, e.Hash); err != nil {
			return File{}, err
		}
	}
	return f, nil
}

// parallelFolders lists the folders directly inside the folder sub of either tree, sorted, without repeats.
func parallelFolders(a, b *object.Tree, sub string) []string {
	var out []string
	for _, t := range []*object.Tree{a, b} {
		if sub != "" {
			st, err := t.Tree(sub)
			if err != nil {
				continue
			}
			t = st
		}
		for _, e := range t.Entries {
			if e.Mode == filemode.Dir {
				out = append(out, e.Name)
			}
		}
	}
	sort.Strings(out)
	return compact(out)
}

func compact(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}
