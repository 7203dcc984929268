package history

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"policysite/internal/longtest"
)

// changeList writes changes as sorted lines, each side's name, mode and
// hash, so that two lists can be compared whatever their order.
func changeList(chs object.Changes) []string {
	var out []string
	for _, ch := range chs {
		out = append(out, fmt.Sprintf("%s %o %s -> %s %o %s", ch.From.Name, ch.From.TreeEntry.Mode, ch.From.TreeEntry.Hash,
			ch.To.Name, ch.To.TreeEntry.Mode, ch.To.TreeEntry.Hash))
	}
	slices.Sort(out)
	return out
}

// checkTreeDiff compares treeDiff with go-git's DiffTree (no renames).
func checkTreeDiff(t *testing.T, r *reader, a, b *object.Tree, what string) {
	t.Helper()
	want, err := object.DiffTreeWithOptions(context.Background(), a, b, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := r.treeDiff(a, b)
	if err != nil {
		t.Fatal(err)
	}
	if g, w := changeList(got), changeList(want); !slices.Equal(g, w) {
		t.Fatalf("%s: treeDiff\n%q\nwant (go-git)\n%q", what, g, w)
	}
}

func TestTreeDiffIsGoGit(t *testing.T) {
	m := newMemRepo(t)
	r := m.reader()
	rng := rand.New(rand.NewPCG(3, 16))
	names := []string{"a", "a.md", "a-b", "b", "ja/x.md", "ja/y.md", "ja/sub/z.md", "en/x.md", "a/c.md", "b/d/e.md", "ja.md"}
	random := func() map[string]string {
		files := map[string]string{}
		for _, n := range names {
			if rng.IntN(2) == 0 {
				files[n] = fmt.Sprint("text ", rng.IntN(3))
			}
		}
		// A name cannot be a file and a folder at once.
		for n := range files {
			for d := range files {
				if len(d) > len(n) && d[:len(n)+1] == n+"/" {
					delete(files, n)
				}
			}
		}
		return files
	}
	for i := range longtest.Size(100, 400, 5000) {
		a, b := random(), random()
		checkTreeDiff(t, r, m.tree(a), m.tree(b), fmt.Sprintf("case %d: %v -> %v", i, a, b))
	}
	checkTreeDiff(t, r, &object.Tree{}, m.tree(map[string]string{"x/y": "1"}), "from nothing")
	checkTreeDiff(t, r, m.tree(map[string]string{"x/y": "1"}), &object.Tree{}, "to nothing")
}

// TestTreeDiffSitePolicy compares treeDiff with go-git on every commit of a
// real history (GitHub's site policies, 884 commits). Long mode only.
func TestTreeDiffSitePolicy(t *testing.T) {
	longtest.Skip(t, "diffs 884 real commits two ways")
	repo, err := git.PlainOpen(longtest.Clone(t, "site-policy.bundle"))
	if err != nil {
		t.Fatal(err)
	}
	r := &reader{repo: repo.Storer}
	iter, err := repo.Log(&git.LogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	err = iter.ForEach(func(c *object.Commit) error {
		cur, err := c.Tree()
		if err != nil {
			return err
		}
		old := &object.Tree{}
		if c.NumParents() > 0 {
			p, err := c.Parent(0)
			if err != nil {
				return err
			}
			if old, err = p.Tree(); err != nil {
				return err
			}
		}
		checkTreeDiff(t, r, old, cur, c.Hash.String())
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d commits", n)
}
