package history

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"policysite/internal/longtest"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
)

// checkSame fails unless got is exactly want: equal fields, each version's commit the element of
// Commits at the same place, and in got as in want, versions with the same content share one slice.
func checkSame(t *testing.T, got, want *History) {
	t.Helper()
	if err := diffHistory(got, want); err != nil {
		t.Fatalf("ReadCached differs from Read: %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatal("ReadCached is not deeply equal to Read")
	}
	for _, h := range []*History{got, want} {
		slice := map[string]*byte{}
		for key, vs := range h.Files {
			for i, v := range vs {
				if len(v.Data) == 0 {
					continue
				}
				if p, ok := slice[string(v.Data)]; ok && p != &v.Data[0] {
					t.Fatalf("%s: version %d: same content as another version, another slice", key, i)
				}
				slice[string(v.Data)] = &v.Data[0]
			}
		}
	}
}

// readBoth reads dir with Read and with readCached, checks that both return the same, and returns
// the way readCached went.
func readBoth(t *testing.T, dir string, subs ...string) outcome {
	t.Helper()
	want, err := Read(dir, subs...)
	if err != nil {
		t.Fatal(err)
	}
	got, how, err := readCached(dir, subs)
	if err != nil {
		t.Fatalf("ReadCached: %v", err)
	}
	checkSame(t, got, want)
	return how
}

// entries lists the cache entries of a repository's git directory.
func entries(t *testing.T, gitDir string) []string {
	t.Helper()
	des, err := os.ReadDir(filepath.Join(gitDir, cacheDirName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, de := range des {
		if _, _, ok := parseEntryName(de.Name()); ok {
			names = append(names, de.Name())
		}
	}
	return names
}

func (r *testRepo) head() plumbing.Hash {
	r.t.Helper()
	ref, err := r.repo.Head()
	if err != nil {
		r.t.Fatal(err)
	}
	return ref.Hash()
}

// amend replaces the HEAD commit by one with the same parent and the changes of s, as
// `git commit --amend` does.
func (r *testRepo) amend(s step) {
	r.t.Helper()
	c, err := r.repo.CommitObject(r.head())
	if err != nil {
		r.t.Fatal(err)
	}
	r.rename(s.renames)
	r.write(s.files)
	r.commit(s.msg, c.ParentHashes...)
}

// reset moves the branch and the work tree to commit h, as `git reset --hard` does.
func (r *testRepo) reset(h plumbing.Hash) {
	r.t.Helper()
	wt, err := r.repo.Worktree()
	if err != nil {
		r.t.Fatal(err)
	}
	if err := wt.Reset(&git.ResetOptions{Commit: h, Mode: git.HardReset}); err != nil {
		r.t.Fatal(err)
	}
}

// TestReadCached builds repositories commit by commit and reads them after each step with Read and
// ReadCached: the results must be equal, and ReadCached must have gone the way the step expects.
func TestReadCached(t *testing.T) {
	enact := step{msg: "Enact", files: map[string]string{
		"content/ja/a.md": long("a"), "content/ja/b.md": long("b"), "quizzes/q.yaml": long("q"),
		"drafts/d.md": long("d"), "README.md": "r",
	}}
	edit := func(msg, path, text string) step { return step{msg: msg, files: map[string]string{path: text}} }
	type action struct {
		name string
		do   func(r *testRepo) // nil: read again
		want outcome
	}
	commit := func(s step, want outcome) action {
		return action{s.msg, func(r *testRepo) { r.steps([]step{s}) }, want}
	}
	again := action{"again", nil, hit}
	tests := []struct {
		name    string
		site    string
		subs    []string
		actions []action
	}{
		{
			name: "first build, second build",
			subs: []string{"content", "quizzes"},
			actions: []action{
				commit(enact, walked), again, again,
			},
		},
		{
			name: "edits on top",
			subs: []string{"content", "quizzes"},
			actions: []action{
				commit(enact, walked),
				commit(edit("Amend a", "content/ja/a.md", long("a", "2")), spliced), again,
				commit(edit("Amend q", "quizzes/q.yaml", long("q", "2")), spliced),
				commit(edit("Readme only", "README.md", "r2"), spliced),
				commit(edit("Draft only", "drafts/d.md", long("d", "2")), spliced), again,
			},
		},
		{
			name: "several commits on top at once",
			subs: []string{"content"},
			actions: []action{
				commit(enact, walked),
				{"three commits", func(r *testRepo) {
					r.steps([]step{
						edit("One", "content/ja/a.md", long("a", "1")),
						edit("Two", "content/ja/b.md", long("b", "2")),
						edit("Three", "content/ja/a.md", long("a", "3")),
					})
				}, spliced},
				again,
			},
		},
		{
			name: "new file, copy, rename and move between sub-folders on top",
			subs: []string{"content", "quizzes"},
			actions: []action{
				commit(enact, walked),
				commit(edit("New", "content/en/a.md", "english"), spliced),
				commit(edit("Copy", "content/ja/copy.md", long("a")), spliced),
				commit(step{msg: "Rename", renames: map[string]string{"content/ja/b.md": "content/ja/sub/b.md"}}, spliced),
				commit(step{msg: "Rename and edit", renames: map[string]string{"content/ja/a.md": "content/ja/a2.md"},
					files: map[string]string{"content/ja/a2.md": long("a", "改正")}}, spliced),
				commit(step{msg: "Quiz to page", renames: map[string]string{"quizzes/q.yaml": "content/ja/q.md"}}, spliced),
				{"swap", func(r *testRepo) {
					// In this order: one map of renames would be applied in random order.
					r.rename(map[string]string{"content/ja/a2.md": "content/ja/tmp.md"})
					r.rename(map[string]string{"content/ja/sub/b.md": "content/ja/a2.md"})
					r.commit("Swap")
				}, spliced},
				again,
			},
		},
		{
			name: "moved in from outside the sub-folders",
			subs: []string{"content"},
			actions: []action{
				commit(enact, walked),
				commit(step{msg: "Publish draft", renames: map[string]string{"drafts/d.md": "content/ja/d.md"}}, walked),
				again,
				commit(step{msg: "Quiz to page", renames: map[string]string{"quizzes/q.yaml": "content/ja/q.md"}}, walked),
			},
		},
		{
			name: "deleted on top",
			subs: []string{"content"},
			actions: []action{
				commit(enact, walked),
				commit(edit("Repeal b", "content/ja/b.md", "-"), walked),
				again,
			},
		},
		{
			name: "deleted, then added again on top",
			subs: []string{"content"},
			actions: []action{
				commit(enact, walked),
				commit(edit("Repeal b", "content/ja/b.md", "-"), walked),
				// Not at the entry of "Repeal b", which has the deleted file's path; at the
				// first entry, whose files are tracked again once the walk has passed the deletion.
				commit(edit("Re-enact b", "content/ja/b.md", long("b", "new")), spliced),
				commit(edit("Amend b", "content/ja/b.md", long("b", "newer")), spliced),
			},
		},
		{
			name: "deleted and added again, both on top",
			subs: []string{"content"},
			actions: []action{
				commit(enact, walked),
				{"repeal and re-enact", func(r *testRepo) {
					r.steps([]step{
						edit("Repeal b", "content/ja/b.md", "-"),
						edit("Re-enact b", "content/ja/b.md", long("b", "new")),
					})
				}, spliced},
			},
		},
		{
			name: "amended HEAD",
			subs: []string{"content"},
			actions: []action{
				commit(enact, walked),
				commit(edit("Amend a", "content/ja/a.md", long("a", "2")), spliced),
				{"commit --amend (the parent is cached)", func(r *testRepo) {
					r.amend(edit("Amend a, better", "content/ja/a.md", long("a", "2b")))
				}, spliced},
				again,
			},
		},
		{
			name: "amended HEAD, parent not cached",
			subs: []string{"content"},
			actions: []action{
				{"two commits", func(r *testRepo) {
					r.steps([]step{enact, edit("Amend a", "content/ja/a.md", long("a", "2"))})
				}, walked},
				{"commit --amend", func(r *testRepo) {
					r.amend(edit("Amend a, better", "content/ja/a.md", long("a", "2b")))
				}, walked},
				again,
			},
		},
		{
			name: "back to an older HEAD",
			subs: []string{"content"},
			actions: []action{
				commit(enact, walked),
				commit(edit("Amend a", "content/ja/a.md", long("a", "2")), spliced),
				commit(edit("Amend b", "content/ja/b.md", long("b", "2")), spliced),
				{"reset to the first commit", func(r *testRepo) { r.reset(r.hashes[0]) }, hit},
				{"reset to the last", func(r *testRepo) { r.reset(r.hashes[2]) }, hit},
			},
		},
		{
			name: "older HEAD never cached",
			subs: []string{"content"},
			actions: []action{
				{"two commits", func(r *testRepo) {
					r.steps([]step{enact, edit("Amend a", "content/ja/a.md", long("a", "2"))})
				}, walked},
				{"reset to the first", func(r *testRepo) { r.reset(r.hashes[0]) }, walked},
			},
		},
		{
			name: "merge on top",
			subs: []string{"content"},
			actions: []action{
				commit(enact, walked),
				{"side branch merged", func(r *testRepo) {
					base := r.head()
					r.steps([]step{edit("Draft", "content/ja/a.md", long("a", "draft"))})
					side := r.head()
					r.reset(base)
					r.steps([]step{edit("Mainline", "content/ja/b.md", long("b", "2"))})
					r.write(map[string]string{"content/ja/a.md": long("a", "draft")})
					r.commit("Merge the draft", r.head(), side)
				}, spliced},
			},
		},
		{
			name: "site in a sub-folder of a larger repository",
			site: "site",
			subs: []string{"content"},
			actions: []action{
				commit(step{msg: "Code", files: map[string]string{"src/main.go": "package main", "site/content/ja/a.md": long("a")}}, walked),
				commit(edit("Code only", "src/main.go", "package main // 2"), spliced),
				commit(edit("Amend", "site/content/ja/a.md", long("a", "2")), spliced),
				commit(step{msg: "Move", renames: map[string]string{"site/content/ja/a.md": "site/content/en/a.md"}}, spliced),
				commit(step{msg: "Move in", renames: map[string]string{"src/main.go": "site/content/main.go"}}, walked),
				again,
			},
		},
		{
			name: "the site folder itself",
			subs: []string{".", "content"},
			actions: []action{
				commit(enact, walked),
				commit(step{msg: "Move", renames: map[string]string{"drafts/d.md": "content/d.md"}}, spliced),
				again,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRepo(t)
			for _, a := range tt.actions {
				if a.do != nil {
					a.do(r)
				}
				if got := readBoth(t, filepath.Join(r.dir, tt.site), tt.subs...); got != a.want {
					t.Errorf("%s: ReadCached %v, want %v", a.name, got, a.want)
				}
			}
		})
	}
}

// TestReadCachedRandom is a property test: random sequences of additions, edits, renames (within and
// across sub-folders, and in from outside them), deletions, additions at deleted paths, amended and
// merge commits and resets; after each, ReadCached must return what Read returns.
func TestReadCachedRandom(t *testing.T) {
	seeds, commits := longtest.Size(2, 4, 12), longtest.Size(15, 20, 30)
	count := map[outcome]int{}
	for seed := range seeds {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(seed), 1))
			r := newRepo(t)
			g := &generator{rng: rng, r: r}
			t.Cleanup(func() {
				if t.Failed() {
					t.Logf("changes made:\n%s", strings.Join(g.log, "\n"))
				}
			})
			for i := range commits {
				g.change(i)
				for _, subs := range [][]string{{"content", "quizzes"}, {"content"}} {
					how := readBoth(t, r.dir, subs...)
					g.logf("\tread %q: %v", subs, how)
					count[how]++
				}
			}
		})
	}
	t.Logf("outcomes: %v", count)
	if count[spliced] == 0 || count[walked] == 0 || count[hit] == 0 {
		t.Errorf("outcomes %v: want some of each", count)
	}
}

// generator makes random changes to a test repository.
type generator struct {
	rng  *rand.Rand
	r    *testRepo
	text int      // texts made so far
	log  []string // what was done, for the message of a failure
}

func (g *generator) logf(format string, args ...any) {
	g.log = append(g.log, fmt.Sprintf(format, args...))
}

var folders = []string{"content/ja", "content/en", "quizzes", "drafts"}

// files lists the files of the work tree.
func (g *generator) files() []string {
	var out []string
	for _, dir := range folders {
		des, _ := os.ReadDir(filepath.Join(g.r.dir, dir))
		for _, de := range des {
			out = append(out, dir+"/"+de.Name())
		}
	}
	return out
}

// path picks a path from a small set, so that paths are often used again.
func (g *generator) path() string {
	return fmt.Sprintf("%s/%c.md", folders[g.rng.IntN(len(folders))], 'a'+g.rng.IntN(5))
}

// newText makes a text: most share a long common part, so that git's similarity pairs them in
// surprising ways too.
func (g *generator) newText() string {
	g.text++
	if g.rng.IntN(3) == 0 {
		return fmt.Sprintf("short text %d\n", g.text)
	}
	return long(fmt.Sprint("text ", g.text))
}

func (g *generator) read(p string) string {
	b, err := os.ReadFile(filepath.Join(g.r.dir, filepath.FromSlash(p)))
	if err != nil {
		g.r.t.Fatal(err)
	}
	return string(b)
}

// change makes one to three changes and commits them, or amends, merges or resets.
func (g *generator) change(i int) {
	r := g.r
	switch n := g.rng.IntN(20); {
	case n == 0 && len(r.hashes) > 2:
		i := g.rng.IntN(len(r.hashes))
		g.logf("reset to commit %d", i)
		r.reset(r.hashes[i])
		return
	case n == 1 && len(r.hashes) > 2:
		g.logf("reset to commit %d", len(r.hashes)-2)
		r.reset(r.hashes[len(r.hashes)-2]) // back one, then on with another commit
	}
	for range 1 + g.rng.IntN(3) {
		files := g.files()
		switch op := g.rng.IntN(10); {
		case op < 3 || len(files) == 0: // add, perhaps where a file was deleted
			p := g.path()
			g.logf("write %s", p)
			r.write(map[string]string{p: g.newText()})
		case op < 6: // edit
			p := files[g.rng.IntN(len(files))]
			g.logf("edit %s", p)
			r.write(map[string]string{p: g.read(p) + fmt.Sprintf("edit %d\n", i)})
		case op < 8: // rename, perhaps with an edit
			from, to := files[g.rng.IntN(len(files))], g.path()
			if slices.Contains(files, to) {
				continue
			}
			g.logf("rename %s %s", from, to)
			r.rename(map[string]string{from: to})
			if g.rng.IntN(2) == 0 {
				g.logf("edit %s", to)
				r.write(map[string]string{to: g.read(to) + fmt.Sprintf("moved %d\n", i)})
			}
		default: // delete
			p := files[g.rng.IntN(len(files))]
			g.logf("delete %s", p)
			r.write(map[string]string{p: "-"})
		}
	}
	msg := fmt.Sprint("Commit ", i)
	switch n := g.rng.IntN(10); {
	case n == 0 && len(r.hashes) > 1:
		c, err := r.repo.CommitObject(r.head())
		if err != nil {
			r.t.Fatal(err)
		}
		r.commit(msg+" (amended)", c.ParentHashes...)
		msg += " (amended)"
	case n == 1 && len(r.hashes) > 1:
		other := g.rng.IntN(len(r.hashes))
		r.commit(msg+" (merge)", r.head(), r.hashes[other])
		msg += fmt.Sprintf(" (merge of commit %d)", other)
	default:
		r.commit(msg)
	}
	g.logf("commit %d: %s", len(r.hashes)-1, msg)
}

// TestReadCachedShallow reads shallow repositories made by hand (see TestReadShallow).
func TestReadCachedShallow(t *testing.T) {
	for _, tc := range []struct {
		name        string
		shallowFile bool
		removeOld   bool
		second      outcome // a missing parent not listed as shallow may be fetched later
	}{
		{"shallow file and missing objects", true, true, hit},
		{"shallow file only", true, false, hit},
		{"missing parent without shallow file", false, true, walked},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := fourVersions(t)
			if got := readBoth(t, r.dir, "content"); got != walked {
				t.Errorf("full repository: %v, want walked", got)
			}
			cutAtThird(t, r, tc.shallowFile, tc.removeOld)
			// The entry of the full repository has the same HEAD: a changed shallow list must not
			// find it; a missing parent without a shallow list would, were it trusted.
			if !tc.shallowFile {
				os.RemoveAll(filepath.Join(r.dir, ".git", cacheDirName))
			}
			if got := readBoth(t, r.dir, "content"); got != walked {
				t.Errorf("first read: %v, want walked", got)
			}
			if got := readBoth(t, r.dir, "content"); got != tc.second {
				t.Errorf("second read: %v, want %v", got, tc.second)
			}
			r.steps([]step{{msg: "Five", files: map[string]string{"content/b.md": "b2"}}})
			want := spliced
			if !tc.shallowFile {
				want = walked
			}
			if got := readBoth(t, r.dir, "content"); got != want {
				t.Errorf("after a new commit: %v, want %v", got, want)
			}
		})
	}
}

func TestReadCachedShallowClone(t *testing.T) {
	dst := shallowClone(t)
	for _, want := range []outcome{walked, hit} {
		if got := readBoth(t, dst, "content"); got != want {
			t.Errorf("got %v, want %v", got, want)
		}
	}
	if len(entries(t, filepath.Join(dst, ".git"))) != 1 {
		t.Errorf("no cache entry in the clone's git directory")
	}
}

func TestReadCachedBare(t *testing.T) {
	r := twoVersions(t)
	bare := r.bare()
	for _, want := range []outcome{walked, hit} {
		if got := readBoth(t, bare, "content"); got != want {
			t.Errorf("got %v, want %v", got, want)
		}
	}
	if len(entries(t, bare)) != 1 {
		t.Errorf("no cache entry in the bare repository")
	}
	if dir, err := CacheDir(bare); err != nil || dir != filepath.Join(bare, cacheDirName) {
		t.Errorf("CacheDir = %q, %v; want %q", dir, err, filepath.Join(bare, cacheDirName))
	}
}

func TestReadCachedNoCommits(t *testing.T) {
	r := newRepo(t)
	if got := readBoth(t, r.dir, "content"); got != uncached {
		t.Errorf("got %v, want uncached", got)
	}
	if _, err := os.Stat(filepath.Join(r.dir, ".git", cacheDirName)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a cache folder was made for a repository without commits: %v", err)
	}
}

// TestReadCachedWorktree reads a linked work tree (made with the git binary: go-git cannot): the
// cache is in the git directory shared by all work trees, so the main work tree at the same HEAD
// finds the entry.
func TestReadCachedWorktree(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed: needed to add a linked work tree")
	}
	r := newRepo(t)
	r.steps([]step{{msg: "One", files: map[string]string{"content/a.md": "v1"}}})
	linked := filepath.Join(t.TempDir(), "linked")
	if out, err := exec.Command("git", "-C", r.dir, "worktree", "add", "--quiet", linked).CombinedOutput(); err != nil {
		t.Fatalf("git worktree add: %v\n%s", err, out)
	}
	if got := readBoth(t, linked, "content"); got != walked {
		t.Errorf("linked work tree: %v, want walked", got)
	}
	if got := readBoth(t, r.dir, "content"); got != hit {
		t.Errorf("main work tree: %v, want hit", got)
	}
	want := filepath.Join(r.dir, ".git", cacheDirName)
	if dir, err := CacheDir(linked); err != nil || !sameFile(dir, want) {
		t.Errorf("CacheDir = %q, %v; want %q", dir, err, want)
	}
	if n := len(entries(t, filepath.Join(r.dir, ".git"))); n != 1 {
		t.Errorf("%d entries in the common git directory, want 1", n)
	}
	var stray []string
	filepath.WalkDir(linked, func(p string, d fs.DirEntry, err error) error {
		if err == nil && (d.Name() == cacheDirName || strings.HasPrefix(d.Name(), "history-")) {
			stray = append(stray, p)
		}
		return nil
	})
	if len(stray) > 0 {
		t.Errorf("cache files in the linked work tree: %q", stray)
	}
}

func sameFile(a, b string) bool {
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}

// TestReadCachedUnusable: when the cache folder cannot be used, ReadCached is Read, without error,
// and writes nothing anywhere.
func TestReadCachedUnusable(t *testing.T) {
	setup := map[string]func(t *testing.T, gitDir string) string{
		"a file where the folder would be": func(t *testing.T, gitDir string) string {
			p := filepath.Join(gitDir, cacheDirName)
			if err := os.WriteFile(p, []byte("not a folder"), 0o644); err != nil {
				t.Fatal(err)
			}
			return p
		},
		"a link to another folder": func(t *testing.T, gitDir string) string {
			elsewhere := t.TempDir()
			if err := os.Symlink(elsewhere, filepath.Join(gitDir, cacheDirName)); err != nil {
				t.Skip(err)
			}
			return elsewhere
		},
	}
	if os.Geteuid() != 0 {
		setup["git directory not writable"] = func(t *testing.T, gitDir string) string {
			if err := os.Chmod(gitDir, 0o555); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Chmod(gitDir, 0o755) })
			return gitDir
		}
	}
	for name, prepare := range setup {
		t.Run(name, func(t *testing.T) {
			r := newRepo(t)
			r.steps([]step{{msg: "One", files: map[string]string{"content/a.md": "v1"}}})
			watched := prepare(t, filepath.Join(r.dir, ".git"))
			before := listing(t, watched)
			for range 2 {
				readBoth(t, r.dir, "content")
			}
			if after := listing(t, watched); !reflect.DeepEqual(after, before) {
				t.Errorf("%s changed: %q, was %q", watched, after, before)
			}
		})
	}
}

// listing lists the files under root (or root itself, if a file) with their sizes.
func listing(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		out = append(out, fmt.Sprintf("%s %d", p, info.Size()))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestReadCachedDamaged: a damaged or foreign entry is read as no entry, and replaced.
func TestReadCachedDamaged(t *testing.T) {
	damage := map[string]func(b, other []byte) []byte{
		"empty":        func(b, _ []byte) []byte { return nil },
		"truncated":    func(b, _ []byte) []byte { return b[:len(b)/2] },
		"checksum cut": func(b, _ []byte) []byte { return b[:len(b)-1] },
		"one byte flipped": func(b, _ []byte) []byte {
			b = slices.Clone(b)
			b[len(b)/2] ^= 1
			return b
		},
		"garbage":               func(b, _ []byte) []byte { return bytes.Repeat([]byte("garbage\n"), 100) },
		"entry of another HEAD": func(_, other []byte) []byte { return other },
		"appended to":           func(b, _ []byte) []byte { return append(slices.Clone(b), 0) },
		// A valid checksum over a body that is not valid.
		"trailing byte": func(b, _ []byte) []byte {
			return resum(b, func(body []byte) []byte { return append(body, 0) })
		},
		"other magic": func(b, _ []byte) []byte {
			return resum(b, func(body []byte) []byte { body[0] ^= 1; return body })
		},
		"other key": func(b, _ []byte) []byte {
			return resum(b, func(body []byte) []byte { body[len(cacheMagic)] ^= 1; return body })
		},
		"too many commits": func(b, _ []byte) []byte {
			return resum(b, func(body []byte) []byte {
				d := &decoder{b: body, off: len(cacheMagic) + 32 + 20 + 1}
				for range d.count(20) { // blobs
					d.hash()
				}
				for range d.count(1) { // strings
					d.bytes()
				}
				n := d.off
				d.uvarint()
				return slices.Concat(body[:n], []byte{0xff, 0xff, 0x03}, body[d.off:])
			})
		},
	}
	for name, f := range damage {
		t.Run(name, func(t *testing.T) {
			r := newRepo(t)
			r.steps([]step{{msg: "One", files: map[string]string{"content/a.md": "v1", "content/b.md": "b"}}})
			readBoth(t, r.dir, "content")
			r.steps([]step{{msg: "Two", files: map[string]string{"content/a.md": "v2"}}})
			readBoth(t, r.dir, "content")
			gitDir := filepath.Join(r.dir, ".git")
			names := entries(t, gitDir)
			if len(names) != 2 {
				t.Fatalf("entries %q, want 2", names)
			}
			key := cacheKey("", []string{"content"}, nil)
			this := filepath.Join(gitDir, cacheDirName, entryName(key, r.hashes[1]))
			other := filepath.Join(gitDir, cacheDirName, entryName(key, r.hashes[0]))
			b, err := os.ReadFile(this)
			if err != nil {
				t.Fatal(err)
			}
			ob, err := os.ReadFile(other)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(this, f(b, ob), 0o644); err != nil {
				t.Fatal(err)
			}
			// The damaged entry is not read; the walk splices the parent's entry on.
			if got := readBoth(t, r.dir, "content"); got != spliced {
				t.Errorf("damaged entry: %v, want spliced", got)
			}
			if got := readBoth(t, r.dir, "content"); got != hit {
				t.Errorf("after it was replaced: %v, want hit", got)
			}
			// A damaged parent entry is not spliced on.
			if err := os.WriteFile(other, f(ob, b), 0o644); err != nil {
				t.Fatal(err)
			}
			os.Remove(this)
			if got := readBoth(t, r.dir, "content"); got != walked {
				t.Errorf("damaged parent entry: %v, want walked", got)
			}
		})
	}
}

// resum changes the body of an entry and gives it a valid checksum again.
func resum(b []byte, change func(body []byte) []byte) []byte {
	body := change(slices.Clone(b[:len(b)-4]))
	return binary.BigEndian.AppendUint32(body, checksum(body))
}

func TestReadCachedKey(t *testing.T) {
	r := newRepo(t)
	r.steps([]step{{msg: "One", files: map[string]string{
		"site/content/a.md": "a", "site/quizzes/q.yaml": "q", "content/x.md": "x",
	}}})
	site := filepath.Join(r.dir, "site")
	reads := []struct {
		dir  string
		subs []string
		want outcome
	}{
		{site, []string{"content"}, walked},
		{site, []string{"content", "quizzes"}, walked},
		{site, []string{"quizzes", "content", "content"}, hit}, // the same set of sub-folders
		{r.dir, []string{"site/content"}, walked},              // same files, other site folder
		{site, []string{"content"}, hit},
		{r.dir, []string{"content"}, walked}, // a fourth key: the first is kept
		{site, []string{"content"}, hit},
	}
	for _, rd := range reads {
		if got := readBoth(t, rd.dir, rd.subs...); got != rd.want {
			t.Errorf("%s %q: %v, want %v", rd.dir, rd.subs, got, rd.want)
		}
	}
	a := cacheKey("", []string{"content"}, []plumbing.Hash{r.hashes[0], {1}})
	b := cacheKey("", []string{"content"}, []plumbing.Hash{{1}, r.hashes[0]})
	if a != b || a == cacheKey("", []string{"content"}, nil) {
		t.Error("the key depends on the order of the shallow list, or not on the list")
	}
	if cacheKey("a", []string{"b/c"}, nil) == cacheKey("a/b", []string{"c"}, nil) {
		t.Error("the key does not tell the site folder from the sub-folders")
	}
}

func TestReadCachedPrune(t *testing.T) {
	r := newRepo(t)
	gitDir := filepath.Join(r.dir, ".git")
	folder := filepath.Join(gitDir, cacheDirName)
	for i := range 7 {
		r.steps([]step{{msg: fmt.Sprint("Commit ", i), files: map[string]string{"content/a.md": fmt.Sprint(i)}}})
		readBoth(t, r.dir, "content")
		if i == 0 {
			// Another user of the folder, and a temporary file of an interrupted build.
			for name, age := range map[string]time.Duration{"index.json": 48 * time.Hour, "history-1.tmp": 2 * time.Hour, "history-2.tmp": 0} {
				p := filepath.Join(folder, name)
				if err := os.WriteFile(p, nil, 0o644); err != nil {
					t.Fatal(err)
				}
				old := time.Now().Add(-age)
				os.Chtimes(p, old, old)
			}
		}
		// Distinct modification times, whatever the file system's resolution.
		for _, name := range entries(t, gitDir) {
			old := time.Now().Add(-time.Duration(10-i) * time.Minute)
			if _, h, _ := parseEntryName(name); h == r.head() {
				os.Chtimes(filepath.Join(folder, name), old, old)
			}
		}
	}
	var want []string
	key := cacheKey("", []string{"content"}, nil)
	for _, h := range r.hashes[3:] {
		want = append(want, entryName(key, h))
	}
	got := entries(t, gitDir)
	sort.Strings(got)
	sort.Strings(want)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("entries after 7 builds:\n%q\nwant the last %d:\n%q", got, keepPerKey, want)
	}
	for name, kept := range map[string]bool{"index.json": true, "history-1.tmp": false, "history-2.tmp": true} {
		if _, err := os.Stat(filepath.Join(folder, name)); (err == nil) != kept {
			t.Errorf("%s: kept %v, want %v", name, err == nil, kept)
		}
	}

	// Other keys: at most keepKeys of them are kept.
	for i := range keepKeys + 1 {
		readBoth(t, r.dir, "content", fmt.Sprint("other", i))
	}
	keys := map[string]bool{}
	for _, name := range entries(t, gitDir) {
		k, _, _ := parseEntryName(name)
		keys[k] = true
	}
	if len(keys) != keepKeys {
		t.Errorf("%d keys kept, want %d", len(keys), keepKeys)
	}
}

func TestReadCachedPermissions(t *testing.T) {
	for _, mode := range []fs.FileMode{0o700, 0o750, 0o755, fs.ModeSetgid | 0o770} {
		t.Run(mode.String(), func(t *testing.T) {
			r := newRepo(t)
			r.steps([]step{{msg: "One", files: map[string]string{"content/a.md": "v1"}}})
			gitDir := filepath.Join(r.dir, ".git")
			if err := os.Chmod(gitDir, mode); err != nil {
				t.Fatal(err)
			}
			readBoth(t, r.dir, "content")
			folder := filepath.Join(gitDir, cacheDirName)
			fi, err := os.Stat(folder)
			if err != nil {
				t.Fatal(err)
			}
			if got := fi.Mode() & (fs.ModePerm | fs.ModeSetgid); got != mode {
				t.Errorf("folder mode %v, want %v", got, mode)
			}
			for _, name := range entries(t, gitDir) {
				fi, err := os.Stat(filepath.Join(folder, name))
				if err != nil {
					t.Fatal(err)
				}
				if got, want := fi.Mode(), mode.Perm()&^0o111; got != want {
					t.Errorf("%s: mode %v, want %v", name, got, want)
				}
			}
			// Rights taken away from the git directory are taken from the cache folder too.
			if err := os.Chmod(gitDir, 0o700); err != nil {
				t.Fatal(err)
			}
			r.steps([]step{{msg: "Two", files: map[string]string{"content/a.md": "v2"}}})
			readBoth(t, r.dir, "content")
			if fi, err := os.Stat(folder); err != nil || fi.Mode().Perm() != 0o700 {
				t.Errorf("folder mode after chmod 700 of the git directory: %v, %v", fi.Mode(), err)
			}
		})
	}
}

// TestReadCachedErrors: errors of git and of the arguments are Read's; nothing is cached for them.
func TestReadCachedErrors(t *testing.T) {
	if _, err := ReadCached(t.TempDir(), "content"); !errors.Is(err, ErrNoRepository) {
		t.Errorf("no repository: %v, want ErrNoRepository", err)
	}
	r := newRepo(t)
	r.steps([]step{{msg: "One", files: map[string]string{"content/a.md": "v1"}}})
	for _, sub := range []string{"", "../x", "/abs"} {
		_, want := Read(r.dir, sub)
		_, got := ReadCached(r.dir, sub)
		if got == nil || got.Error() != want.Error() {
			t.Errorf("sub %q: error %v, want %v", sub, got, want)
		}
	}
	r.steps([]step{{msg: "Two\n\nEffective: 2025-13-01", files: map[string]string{"content/a.md": "v2"}}})
	want, _ := Read(r.dir, "content")
	got, err := ReadCached(r.dir, "content")
	if err != nil || diffHistory(got, want) != nil || got.Commits[1].TrailerError == "" {
		t.Errorf("bad Effective trailer: %v, %v; want the history with the trailer's error", got, err)
	}
}

// TestReadCachedConcurrent runs builds at once: each gets Read's result, none sees half a file.
func TestReadCachedConcurrent(t *testing.T) {
	r := newRepo(t)
	for i := range 3 {
		r.steps([]step{{msg: fmt.Sprint("Commit ", i), files: map[string]string{
			"content/a.md": long(fmt.Sprint(i)), fmt.Sprintf("content/%d.md", i): long("x"),
		}}})
		want, err := Read(r.dir, "content")
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		results := make([]*History, 8)
		errs := make([]error, len(results))
		for j := range results {
			wg.Go(func() { results[j], errs[j] = ReadCached(r.dir, "content") })
		}
		wg.Wait()
		for j := range results {
			if errs[j] != nil {
				t.Fatal(errs[j])
			}
			checkSame(t, results[j], want)
		}
	}
}

// TestCacheSources checks that every non-test Go file of the package is part of the cache key.
func TestCacheSources(t *testing.T) {
	var want []string
	des, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, de := range des {
		if strings.HasSuffix(de.Name(), ".go") && !strings.HasSuffix(de.Name(), "_test.go") {
			want = append(want, de.Name())
		}
	}
	got, err := fs.Glob(sources, "*")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("embedded sources %q, want %q: add new files to the go:embed line in cache.go", got, want)
	}
}

func TestCacheDir(t *testing.T) {
	r := newRepo(t)
	dir, err := CacheDir(filepath.Join(r.dir)) // before any commit, too
	if want := filepath.Join(r.dir, ".git", cacheDirName); err != nil || dir != want {
		t.Fatalf("CacheDir = %q, %v; want %q", dir, err, want)
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		t.Errorf("CacheDir did not make the folder: %v", err)
	}
	r.write(map[string]string{"site/content/a.md": "a"})
	if got, err := CacheDir(filepath.Join(r.dir, "site", "content")); err != nil || got != dir {
		t.Errorf("from a sub-folder: %q, %v; want %q", got, err, dir)
	}
	if _, err := CacheDir(t.TempDir()); !errors.Is(err, ErrNoRepository) {
		t.Errorf("no repository: %v, want ErrNoRepository", err)
	}
}

// FuzzDecodeBody checks that no input makes the decoder panic or accept a version without a commit.
func FuzzDecodeBody(f *testing.F) {
	f.Add([]byte{0, 0, 0, 0, 0, 0})
	h := &History{Files: map[string][]Version{}}
	c := &Commit{Hash: strings.Repeat("ab", 20), Short: "abababa", Time: time.Unix(1e9, 0).In(time.FixedZone("", 9*3600)), Subject: "s", Seq: 0}
	h.Commits = []*Commit{c}
	data := []byte("text")
	h.Files["content/a.md"] = []Version{{Commit: c, Path: "content/a.md", Data: data}, {Commit: c, Path: "content/b.md"}}
	var key [32]byte
	b, ok := encode(key, plumbing.Hash{}, h, map[plumbing.Hash][]byte{{1}: data}, map[string]bool{"content/x.md": true})
	if !ok {
		f.Fatal("encode failed")
	}
	f.Add(b[len(cacheMagic)+32+20 : len(b)-4])
	f.Fuzz(func(t *testing.T, body []byte) {
		e, err := decodeBody(body, func(plumbing.Hash) ([]byte, error) { return data, nil })
		if err != nil {
			return
		}
		for _, vs := range e.hist.Files {
			for _, v := range vs {
				if v.Commit == nil {
					t.Fatal("version without commit")
				}
			}
		}
	})
}

// TestReadCachedCommitFields round-trips every field of Commit: zones east and west of UTC and UTC
// itself, bodies, trailers, names outside ASCII, an empty file, a symbolic link.
func TestReadCachedCommitFields(t *testing.T) {
	r := newRepo(t)
	for i, zone := range []*time.Location{time.UTC, time.FixedZone("", -(7*3600 + 1800)), time.FixedZone("JST", 9*3600), time.FixedZone("", 0)} {
		r.when = r.when.In(zone)
		r.write(map[string]string{"content/a.md": fmt.Sprint("v", i), fmt.Sprintf("content/empty%d.md", i): ""})
		r.commit(fmt.Sprintf("改正 %d\n\nBody line.\r\nSecond.\n\nEffective: 2025-04-0%d\nSigned-off-by: 担当 <a@example.org>\n", i, i+1))
	}
	if err := os.Symlink("a.md", filepath.Join(r.dir, "content", "link.md")); err != nil {
		t.Skip(err)
	}
	r.commit("Link")
	for _, want := range []outcome{walked, hit} {
		if got := readBoth(t, r.dir, "content"); got != want {
			t.Errorf("got %v, want %v", got, want)
		}
	}
}

// TestReadCachedNoText checks that an entry holds no text of any version (the repository has it, and
// holds it compressed), and that an entry naming a blob the repository lacks is not used.
func TestReadCachedNoText(t *testing.T) {
	r := newRepo(t)
	const marker = "内部資料の本文 7f3a9c"
	r.write(map[string]string{"content/ja/a.md": "v1 " + marker, "content/ja/b.md": "b " + marker})
	r.commit("One")
	r.write(map[string]string{"content/ja/a.md": "v2 " + marker})
	r.commit("Two")
	if got := readBoth(t, r.dir, "content"); got != walked {
		t.Fatalf("first read: %v, want walked", got)
	}
	gitDir := filepath.Join(r.dir, ".git")
	names := entries(t, gitDir)
	if len(names) != 1 {
		t.Fatalf("entries %q, want 1", names)
	}
	b, err := os.ReadFile(filepath.Join(gitDir, cacheDirName, names[0]))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte(marker)) || bytes.Contains(b, []byte("v2 ")) {
		t.Errorf("the cache entry holds a version's text")
	}
	if got := readBoth(t, r.dir, "content"); got != hit {
		t.Errorf("second read: %v, want hit", got)
	}
	// Without the blobs (a repository whose objects were replaced), the entry is not used.
	key := cacheKey("", []string{"content"}, nil)
	c, err := newCache(gitDir)
	if err != nil {
		t.Fatal(err)
	}
	missing := func(plumbing.Hash) ([]byte, error) { return nil, errors.New("no such blob") }
	if e := c.load(key, r.hashes[1], missing); e != nil {
		t.Errorf("an entry whose blobs cannot be read was loaded")
	}
}
