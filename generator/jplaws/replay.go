package jplaws

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// Revision is one revision of one law: its text as in force from Effective.
type Revision struct {
	Law       string // e-Gov law ID, "339AC0000000170"
	ID        string // e-Gov revision ID, "339AC0000000170_20220401_502AC0000000049"
	Effective string // 施行日, "2022-04-01"
	Text      []byte // index.txt
}

var subject = regexp.MustCompile(`^([0-9A-Z]{15})_([0-9]{8})_([0-9A-Z]{15})$`)

// Read returns the revisions of every law in a clone of the corpus (see the package doc).
func Read(repo *git.Repository) ([]Revision, error) {
	head, err := repo.Head()
	if err != nil {
		return nil, err
	}
	order, err := topological(repo, head.Hash())
	if err != nil {
		return nil, err
	}
	at := map[string]int{}
	var revs []Revision
	for _, c := range order {
		m := subject.FindStringSubmatch(strings.TrimSpace(strings.SplitN(c.Message, "\n", 2)[0]))
		if m == nil {
			continue
		}
		f, err := c.File(m[1] + "/index.txt")
		if err != nil {
			continue // the commit deleted the law ("一旦条文を削除")
		}
		text, err := f.Contents()
		if err != nil {
			return nil, err
		}
		d := m[2]
		r := Revision{Law: m[1], ID: m[0], Effective: d[:4] + "-" + d[4:6] + "-" + d[6:], Text: []byte(text)}
		if i, ok := at[r.ID]; ok {
			revs[i].Text = r.Text // the last commit that carries the ID
			continue
		}
		at[r.ID] = len(revs)
		revs = append(revs, r)
	}
	sortRevisions(revs)
	return revs, nil
}

// topological returns the commits reachable from head, every parent before its children, and
// among commits that are ready at once, first parents' lines first (a depth-first walk from
// the root along first parents): the order in which the history was written.
func topological(repo *git.Repository, head plumbing.Hash) ([]*object.Commit, error) {
	var out []*object.Commit
	done := map[plumbing.Hash]bool{}
	var visit func(h plumbing.Hash) error
	visit = func(h plumbing.Hash) error {
		// Iterative over first parents, recursive over the others, so a long line does not
		// recurse deeply.
		var line []*object.Commit
		for !done[h] {
			c, err := repo.CommitObject(h)
			if err != nil {
				return err
			}
			done[h] = true
			line = append(line, c)
			if c.NumParents() == 0 {
				break
			}
			h = c.ParentHashes[0]
		}
		for i := len(line) - 1; i >= 0; i-- {
			c := line[i]
			for _, p := range c.ParentHashes[min(1, len(c.ParentHashes)):] {
				if err := visit(p); err != nil {
					return err
				}
			}
			out = append(out, c)
		}
		return nil
	}
	return out, visit(head)
}

// Commit is one commit Replay wrote.
type Commit struct {
	Hash     string
	Revision *Revision
}

// Path is the document path of a law in the replayed site ("339ac0000000170").
func Path(law string) string { return strings.ToLower(law) }

// Replay writes into dir (which must not exist or be empty) a git repository of our format: a
// home page, then one commit per revision, ordered by 施行日 (then law ID), each document
// public in both languages (the Japanese text stands in for the translation), and the last
// revision of every law in the work tree. It returns the commits in order.
func Replay(dir string, revs []Revision) ([]Commit, error) {
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		return nil, err
	}
	ordered := append([]Revision(nil), revs...)
	sort.SliceStable(ordered, func(i, j int) bool {
		if ordered[i].Effective != ordered[j].Effective {
			return ordered[i].Effective < ordered[j].Effective
		}
		return ordered[i].Law < ordered[j].Law
	})
	files := map[string][]byte{
		"content/ja/index.md": []byte(home),
		"content/en/index.md": []byte(home),
	}
	blobs := map[string]plumbing.Hash{}
	for name, data := range files {
		h, err := writeBlob(repo.Storer, data)
		if err != nil {
			return nil, err
		}
		blobs[name] = h
	}
	var parent plumbing.Hash
	var commits []Commit
	for i := range ordered {
		r := &ordered[i]
		title, blocks := Parse(r.Text)
		md := Markdown(title, blocks)
		files["content/ja/"+Path(r.Law)+".md"] = md
		files["content/en/"+Path(r.Law)+".md"] = md
		h, err := writeBlob(repo.Storer, md)
		if err != nil {
			return nil, err
		}
		blobs["content/ja/"+Path(r.Law)+".md"] = h
		blobs["content/en/"+Path(r.Law)+".md"] = h
		tree, err := writeTree(repo.Storer, blobs)
		if err != nil {
			return nil, err
		}
		when, _ := time.ParseInLocation(time.DateOnly, r.Effective, time.FixedZone("JST", 9*3600))
		sig := object.Signature{Name: "jp-laws replay", Email: "replay@example.invalid", When: when}
		c := &object.Commit{Author: sig, Committer: sig, TreeHash: tree,
			Message: fmt.Sprintf("%s を改正（%s）\n\ne-Gov の改正履歴 %s による。\n\nEffective: %s\n", title, r.ID[16:], r.ID, r.Effective)}
		if !parent.IsZero() {
			c.ParentHashes = []plumbing.Hash{parent}
		}
		obj := repo.Storer.NewEncodedObject()
		if err := c.Encode(obj); err != nil {
			return nil, err
		}
		if parent, err = repo.Storer.SetEncodedObject(obj); err != nil {
			return nil, err
		}
		commits = append(commits, Commit{Hash: parent.String(), Revision: r})
	}
	if err := repo.Storer.SetReference(plumbing.NewHashReference("refs/heads/master", parent)); err != nil {
		return nil, err
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return nil, err
		}
	}
	return commits, nil
}

const home = `---
title: 法令の改正履歴（jp-laws）
visibility: public
---

## この資料について {#about}

e-Gov の法令データによる十四の法律と、その改正の履歴です。
`

func writeBlob(s storer.EncodedObjectStorer, data []byte) (plumbing.Hash, error) {
	obj := s.NewEncodedObject()
	obj.SetType(plumbing.BlobObject)
	w, err := obj.Writer()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if _, err := w.Write(data); err != nil {
		return plumbing.ZeroHash, err
	}
	if err := w.Close(); err != nil {
		return plumbing.ZeroHash, err
	}
	return s.SetEncodedObject(obj)
}

// writeTree stores the tree of files (slash-separated paths, blob hashes) and returns its hash.
func writeTree(s storer.EncodedObjectStorer, files map[string]plumbing.Hash) (plumbing.Hash, error) {
	type node struct {
		files map[string]plumbing.Hash
		dirs  map[string]*node
	}
	newNode := func() *node { return &node{files: map[string]plumbing.Hash{}, dirs: map[string]*node{}} }
	root := newNode()
	for name, h := range files {
		n := root
		parts := strings.Split(name, "/")
		for _, d := range parts[:len(parts)-1] {
			if n.dirs[d] == nil {
				n.dirs[d] = newNode()
			}
			n = n.dirs[d]
		}
		n.files[parts[len(parts)-1]] = h
	}
	var write func(n *node) (plumbing.Hash, error)
	write = func(n *node) (plumbing.Hash, error) {
		var t object.Tree
		for name, h := range n.files {
			t.Entries = append(t.Entries, object.TreeEntry{Name: name, Mode: filemode.Regular, Hash: h})
		}
		for name, d := range n.dirs {
			h, err := write(d)
			if err != nil {
				return plumbing.ZeroHash, err
			}
			t.Entries = append(t.Entries, object.TreeEntry{Name: name, Mode: filemode.Dir, Hash: h})
		}
		// Git orders a tree's entries by name, a folder's name as if it ended in "/".
		key := func(e object.TreeEntry) string {
			if e.Mode == filemode.Dir {
				return e.Name + "/"
			}
			return e.Name
		}
		sort.Slice(t.Entries, func(i, j int) bool { return key(t.Entries[i]) < key(t.Entries[j]) })
		obj := s.NewEncodedObject()
		if err := t.Encode(obj); err != nil {
			return plumbing.ZeroHash, err
		}
		return s.SetEncodedObject(obj)
	}
	return write(root)
}
