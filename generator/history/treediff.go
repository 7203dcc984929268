package history

import (
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// treeDiff lists the files that differ between trees a and b, as go-git's
// DiffTree does without rename detection (a file whose hash or mode
// changed, one only a has, one only b has; names relative to a and b),
// but by walking the two sorted entry lists side by side and descending
// only into sub-trees whose hashes differ: go-git's general tree diff cost
// more than the rest of reading a long history. The changes are in path
// order, each file once.
func (r *reader) treeDiff(a, b *object.Tree) (object.Changes, error) {
	var out object.Changes
	err := r.diffEntries(&out, "", a, b)
	return out, err
}

// entryKey orders entries as git does: a folder's name as if it ended in a
// slash.
func entryKey(e *object.TreeEntry) string {
	if e.Mode == filemode.Dir {
		return e.Name + "/"
	}
	return e.Name
}

func (r *reader) diffEntries(out *object.Changes, dir string, a, b *object.Tree) error {
	var ea, eb []object.TreeEntry
	if a != nil {
		ea = a.Entries
	}
	if b != nil {
		eb = b.Entries
	}
	i, j := 0, 0
	for i < len(ea) || j < len(eb) {
		var x, y *object.TreeEntry
		switch {
		case j >= len(eb):
			x = &ea[i]
		case i >= len(ea):
			y = &eb[j]
		default:
			switch c := strings.Compare(entryKey(&ea[i]), entryKey(&eb[j])); {
			case c < 0:
				x = &ea[i]
			case c > 0:
				y = &eb[j]
			default:
				x, y = &ea[i], &eb[j]
			}
		}
		if x != nil {
			i++
		}
		if y != nil {
			j++
		}
		if x != nil && y != nil && x.Hash == y.Hash && x.Mode == y.Mode {
			continue
		}
		if err := r.diffEntry(out, dir, x, y); err != nil {
			return err
		}
	}
	return nil
}

// diffEntry records the difference of one entry (x in the old tree, y in
// the new, either nil), both of the same name and kind (folder or not).
func (r *reader) diffEntry(out *object.Changes, dir string, x, y *object.TreeEntry) error {
	e := x
	if e == nil {
		e = y
	}
	name := repoJoin(dir, e.Name)
	if e.Mode != filemode.Dir {
		ch := &object.Change{}
		if x != nil {
			ch.From = object.ChangeEntry{Name: name, TreeEntry: *x}
		}
		if y != nil {
			ch.To = object.ChangeEntry{Name: name, TreeEntry: *y}
		}
		*out = append(*out, ch)
		return nil
	}
	var ta, tb *object.Tree
	var err error
	if x != nil {
		if ta, err = r.tree(x.Hash); err != nil {
			return err
		}
	}
	if y != nil {
		if tb, err = r.tree(y.Hash); err != nil {
			return err
		}
	}
	return r.diffEntries(out, name, ta, tb)
}

// tree returns the tree h, decoded once for the comparison of this commit
// and the next: a commit's sub-trees are the newer side of one comparison
// and the older side of the one after it, and within one commit the
// repository's and each sub-folder's comparison meet the same ones.
func (r *reader) tree(h plumbing.Hash) (*object.Tree, error) {
	if t, ok := r.trees[h]; ok {
		return t, nil
	}
	t, ok := r.lastTrees[h]
	if !ok {
		var err error
		if t, err = object.GetTree(r.repo, h); err != nil {
			return nil, err
		}
	}
	if r.trees == nil {
		r.trees = map[plumbing.Hash]*object.Tree{}
	}
	r.trees[h] = t
	return t, nil
}

// nextTrees forgets the trees of the comparison before the last.
func (r *reader) nextTrees() {
	r.lastTrees, r.trees = r.trees, nil
}
