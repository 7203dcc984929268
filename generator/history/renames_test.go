package history

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path"
	"policysite/internal/longtest"
	"slices"
	"sort"
	"strings"
	"testing"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/memory"
)

// memRepo makes trees in a repository in memory.
type memRepo struct {
	t    *testing.T
	st   *memory.Storage
	repo *git.Repository
}

func newMemRepo(t *testing.T) *memRepo {
	st := memory.NewStorage()
	repo, err := git.Init(st, nil)
	if err != nil {
		t.Fatal(err)
	}
	return &memRepo{t, st, repo}
}

func (m *memRepo) blob(data string) plumbing.Hash {
	obj := m.st.NewEncodedObject()
	obj.SetType(plumbing.BlobObject)
	w, err := obj.Writer()
	if err != nil {
		m.t.Fatal(err)
	}
	w.Write([]byte(data))
	w.Close()
	h, err := m.st.SetEncodedObject(obj)
	if err != nil {
		m.t.Fatal(err)
	}
	return h
}

// tree stores a tree of files (slash-separated paths) and returns it.
func (m *memRepo) tree(files map[string]string) *object.Tree {
	h := m.treeHash(files)
	t, err := object.GetTree(m.st, h)
	if err != nil {
		m.t.Fatal(err)
	}
	return t
}

func (m *memRepo) treeHash(files map[string]string) plumbing.Hash {
	subs := map[string]map[string]string{}
	var entries []object.TreeEntry
	for p, data := range files {
		dir, rest, ok := strings.Cut(p, "/")
		if !ok {
			entries = append(entries, object.TreeEntry{Name: p, Mode: filemode.Regular, Hash: m.blob(data)})
			continue
		}
		if subs[dir] == nil {
			subs[dir] = map[string]string{}
		}
		subs[dir][rest] = data
	}
	for dir, files := range subs {
		entries = append(entries, object.TreeEntry{Name: dir, Mode: filemode.Dir, Hash: m.treeHash(files)})
	}
	sort.Slice(entries, func(i, j int) bool {
		// git sorts folders as if their names ended with a slash.
		a, b := entries[i].Name, entries[j].Name
		if entries[i].Mode == filemode.Dir {
			a += "/"
		}
		if entries[j].Mode == filemode.Dir {
			b += "/"
		}
		return a < b
	})
	obj := m.st.NewEncodedObject()
	if err := (&object.Tree{Entries: entries}).Encode(obj); err != nil {
		m.t.Fatal(err)
	}
	h, err := m.st.SetEncodedObject(obj)
	if err != nil {
		m.t.Fatal(err)
	}
	return h
}

func (m *memRepo) reader() *reader {
	return &reader{repo: m.repo.Storer, blobs: map[plumbing.Hash][]byte{}, similar: map[plumbing.Hash]*similarity{}}
}

// randomText makes texts that are often similar to each other: lines from a small set, some long
// (blocks of 64 bytes), some with CRLF, a CR just before a 4096-byte boundary, or a zero byte.
func randomText(rng *rand.Rand) string {
	var b strings.Builder
	eol := "\n"
	if rng.IntN(4) == 0 {
		eol = "\r\n"
	}
	for range rng.IntN(60) {
		switch rng.IntN(12) {
		case 0:
			b.WriteString(strings.Repeat("長い行です。", 5+rng.IntN(20)))
		case 1:
			b.WriteString(fmt.Sprint("unique ", rng.Int()))
		default:
			fmt.Fprintf(&b, "第%d条 情報資産は適切に管理しなければならない。", rng.IntN(8))
		}
		b.WriteString(eol)
	}
	switch rng.IntN(10) {
	case 0:
		b.WriteString("\x00binary")
	case 1:
		for b.Len() < 4095 {
			b.WriteString("padding line\n")
		}
		s := b.String()[:4095] + "\r\n" + "after the boundary\r\n"
		return s
	case 2:
		return ""
	}
	return b.String()
}

func (m *memRepo) randomPath(rng *rand.Rand) string {
	dirs := []string{"content/ja", "content/en", "quizzes", "drafts/old"}
	return fmt.Sprintf("%s/%s.md", dirs[rng.IntN(len(dirs))], strings.Repeat(string(rune('a'+rng.IntN(4))), 1+rng.IntN(3)))
}

// TestRenameScore checks the scores of diffTree against go-git's: for a pair of files, go-git finds a
// rename at exactly the thresholds where sizesAllow and renameScore say it must.
func TestRenameScore(t *testing.T) {
	m := newMemRepo(t)
	rng := rand.New(rand.NewPCG(1, 2))
	pairs := longtest.Size(10, 20, 150) // × 100 thresholds, each a go-git tree diff
	for i := range pairs {
		a, b := randomText(rng), randomText(rng)
		if rng.IntN(2) == 0 {
			b = a + "one more line\n" // similar, not equal
		}
		if a == b {
			continue
		}
		fromPath, toPath := m.randomPath(rng), m.randomPath(rng)
		if fromPath == toPath {
			toPath = "moved/" + toPath
		}
		ta, tb := m.tree(map[string]string{fromPath: a}), m.tree(map[string]string{toPath: b})
		from, to := newSimilarity([]byte(a)), newSimilarity([]byte(b))
		score := renameScore(fromPath, toPath, from, to)
		for least := 1; least <= 100; least++ {
			changes, err := object.DiffTreeWithOptions(context.Background(), ta, tb, &object.DiffTreeOptions{
				DetectRenames: true, RenameScore: uint(least), RenameLimit: 1000,
			})
			if err != nil {
				t.Fatal(err)
			}
			got := len(changes) == 1
			if want := score >= least && sizesAllow(from, to, least); got != want {
				t.Fatalf("pair %d (%s → %s, score %d): at %d%% go-git finds a rename: %v; want %v\n%q\n%q",
					i, fromPath, toPath, score, least, got, want, a, b)
			}
		}
	}
}

// TestDiffTree compares diffTree with go-git's DiffTreeWithOptions on random trees: diffTree gives
// the same result every time and, when no two candidate renames of one file have the same score
// (so that go-git's result does not depend on the order of its lists), go-git's result.
func TestDiffTree(t *testing.T) {
	m := newMemRepo(t)
	rng := rand.New(rand.NewPCG(3, 4))
	trials := longtest.Size(30, 60, 300)
	ties := 0
	for i := range trials {
		texts := make([]string, 4)
		for j := range texts {
			texts[j] = randomText(rng)
		}
		files := func() map[string]string {
			f := map[string]string{}
			for range 2 + rng.IntN(6) {
				text := texts[rng.IntN(len(texts))]
				if rng.IntN(2) == 0 {
					text += fmt.Sprintf("edit %d\n", rng.IntN(3))
				}
				f[m.randomPath(rng)] = text
			}
			return f
		}
		fa, fb := files(), files()
		ta, tb := m.tree(fa), m.tree(fb)
		var first string
		for range 3 {
			changes, err := m.reader().diffTree(ta, tb)
			if err != nil {
				t.Fatal(err)
			}
			got := describeChanges(changes)
			if first == "" {
				first = got
			} else if got != first {
				t.Fatalf("trial %d: diffTree gave two results:\n%s\n%s", i, first, got)
			}
		}
		if tied(t, ta, tb, fa, fb) {
			ties++
			continue
		}
		changes, err := object.DiffTreeWithOptions(context.Background(), ta, tb, renameOptions)
		if err != nil {
			t.Fatal(err)
		}
		if want := describeChanges(changes); first != want {
			t.Fatalf("trial %d: diffTree gave\n%s\nwant, as go-git\n%s", i, first, want)
		}
	}
	t.Logf("%d of %d trials had tied candidates", ties, trials)
}

// tied reports whether two candidate renames by content that share a file have the same score.
func tied(t *testing.T, ta, tb *object.Tree, fa, fb map[string]string) bool {
	exact := *renameOptions
	exact.OnlyExactRenames = true
	changes, err := object.DiffTreeWithOptions(context.Background(), ta, tb, &exact)
	if err != nil {
		t.Fatal(err)
	}
	var added, deleted []string
	for _, ch := range changes {
		switch {
		case ch.From.Name == "":
			added = append(added, ch.To.Name)
		case ch.To.Name == "":
			deleted = append(deleted, ch.From.Name)
		}
	}
	scores := map[string][]int{} // by file, the scores of its candidates
	for _, d := range deleted {
		for _, a := range added {
			from, to := newSimilarity([]byte(fa[d])), newSimilarity([]byte(fb[a]))
			least := int(renameOptions.RenameScore)
			if s := renameScore(d, a, from, to); s >= least && sizesAllow(from, to, least) {
				scores["-"+d] = append(scores["-"+d], s)
				scores["+"+a] = append(scores["+"+a], s)
			}
		}
	}
	for _, s := range scores {
		slices.Sort(s)
		if len(slices.Compact(s)) < len(s) {
			return true
		}
	}
	return false
}

func describeChanges(changes object.Changes) string {
	var lines []string
	for _, ch := range changes {
		lines = append(lines, fmt.Sprintf("%s → %s", path.Clean("/"+ch.From.Name), path.Clean("/"+ch.To.Name)))
	}
	return strings.Join(lines, "\n")
}
