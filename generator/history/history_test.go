package history

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// step is one commit of a test repository: files to write (content) or remove (content "-"), and
// renames (old path → new path) applied before the writes.
type step struct {
	msg     string
	renames map[string]string
	files   map[string]string
}

// testRepo is a repository made with go-git in a temporary folder.
type testRepo struct {
	t    *testing.T
	dir  string
	repo *git.Repository
	when time.Time
	// hashes of the commits made, in order.
	hashes []plumbing.Hash
}

func newRepo(t *testing.T) *testRepo {
	t.Helper()
	dir := t.TempDir()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	return &testRepo{t: t, dir: dir, repo: repo, when: time.Date(2020, 4, 1, 9, 0, 0, 0, time.FixedZone("JST", 9*3600))}
}

// write writes files (relative, slash-separated); content "-" removes the file.
func (r *testRepo) write(files map[string]string) {
	r.t.Helper()
	for name, content := range files {
		p := filepath.Join(r.dir, filepath.FromSlash(name))
		if content == "-" {
			if err := os.Remove(p); err != nil {
				r.t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
}

func (r *testRepo) rename(renames map[string]string) {
	r.t.Helper()
	for from, to := range renames {
		to := filepath.Join(r.dir, filepath.FromSlash(to))
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.Rename(filepath.Join(r.dir, filepath.FromSlash(from)), to); err != nil {
			r.t.Fatal(err)
		}
	}
}

// commit stages everything and commits it one day after the previous commit.
func (r *testRepo) commit(msg string, parents ...plumbing.Hash) plumbing.Hash {
	r.t.Helper()
	wt, err := r.repo.Worktree()
	if err != nil {
		r.t.Fatal(err)
	}
	if err := wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		r.t.Fatal(err)
	}
	r.when = r.when.Add(24 * time.Hour)
	sig := &object.Signature{Name: "Policy Owner", Email: "owner@example.org", When: r.when}
	h, err := wt.Commit(msg, &git.CommitOptions{Author: sig, Committer: sig, Parents: parents, AllowEmptyCommits: true})
	if err != nil {
		r.t.Fatal(err)
	}
	r.hashes = append(r.hashes, h)
	return h
}

func (r *testRepo) steps(steps []step) {
	r.t.Helper()
	for _, s := range steps {
		r.rename(s.renames)
		r.write(s.files)
		r.commit(s.msg)
	}
}

// summary renders a history as "key: subject path data" lines so tests compare plain strings.
func summary(h *History) map[string][]string {
	out := map[string][]string{}
	for key, vs := range h.Files {
		lines := []string{}
		for _, v := range vs {
			data := "<deleted>"
			if v.Data != nil {
				data = string(v.Data)
			}
			lines = append(lines, fmt.Sprintf("%s %s %s", v.Commit.Subject, v.Path, data))
		}
		out[key] = lines
	}
	return out
}

// long makes a text long enough for rename detection by similarity.
func long(words ...string) string {
	var b strings.Builder
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&b, "第%d条 情報資産は適切に管理しなければならない。\n", i+1)
	}
	for _, w := range words {
		b.WriteString(w + "\n")
	}
	return b.String()
}

func TestRead(t *testing.T) {
	tests := []struct {
		name  string
		steps []step
		site  string // sub-folder of the repository holding the site, "" for the top
		subs  []string
		want  map[string][]string
	}{
		{
			name: "versions oldest first",
			steps: []step{
				{msg: "Enact", files: map[string]string{"content/ja/a.md": "v1"}},
				{msg: "Amend", files: map[string]string{"content/ja/a.md": "v2"}},
				{msg: "Amend again", files: map[string]string{"content/ja/a.md": "v3"}},
			},
			subs: []string{"content"},
			want: map[string][]string{"content/ja/a.md": {
				"Enact content/ja/a.md v1",
				"Amend content/ja/a.md v2",
				"Amend again content/ja/a.md v3",
			}},
		},
		{
			name: "exact rename followed",
			steps: []step{
				{msg: "Enact", files: map[string]string{"content/ja/old.md": "same text"}},
				{msg: "Move", renames: map[string]string{"content/ja/old.md": "content/ja/sub/new.md"}},
				{msg: "Amend", files: map[string]string{"content/ja/sub/new.md": "new text"}},
			},
			subs: []string{"content"},
			want: map[string][]string{"content/ja/sub/new.md": {
				"Enact content/ja/old.md same text",
				"Move content/ja/sub/new.md same text",
				"Amend content/ja/sub/new.md new text",
			}},
		},
		{
			name: "rename plus edit followed",
			steps: []step{
				{msg: "Enact", files: map[string]string{"content/ja/old.md": long("附則")}},
				{msg: "Move and amend", renames: map[string]string{"content/ja/old.md": "content/ja/new.md"},
					files: map[string]string{"content/ja/new.md": long("附則", "改正")}},
			},
			subs: []string{"content"},
			want: map[string][]string{"content/ja/new.md": {
				"Enact content/ja/old.md " + long("附則"),
				"Move and amend content/ja/new.md " + long("附則", "改正"),
			}},
		},
		{
			name: "moved in from outside the site",
			steps: []step{
				{msg: "Draft", files: map[string]string{"drafts/policy.md": long("草案")}},
				{msg: "Revise draft", files: map[string]string{"drafts/policy.md": long("草案", "修正")}},
				{msg: "Unrelated", files: map[string]string{"drafts/other.md": "x"}},
				{msg: "Publish", renames: map[string]string{"drafts/policy.md": "site/content/ja/policy.md"}},
				{msg: "Amend", files: map[string]string{"site/content/ja/policy.md": long("施行")}},
			},
			site: "site",
			subs: []string{"content"},
			want: map[string][]string{"content/ja/policy.md": {
				"Draft ../drafts/policy.md " + long("草案"),
				"Revise draft ../drafts/policy.md " + long("草案", "修正"),
				"Publish content/ja/policy.md " + long("草案", "修正"),
				"Amend content/ja/policy.md " + long("施行"),
			}},
		},
		{
			name: "moved between sub-folders",
			steps: []step{
				{msg: "Quiz", files: map[string]string{"quizzes/q.yaml": long("問1")}},
				{msg: "Make it a page", renames: map[string]string{"quizzes/q.yaml": "content/ja/q.md"},
					files: map[string]string{"content/ja/q.md": long("問1", "解説")}},
			},
			subs: []string{"content", "quizzes"},
			want: map[string][]string{"content/ja/q.md": {
				"Quiz quizzes/q.yaml " + long("問1"),
				"Make it a page content/ja/q.md " + long("問1", "解説"),
			}},
		},
		{
			name: "a new file is not mistaken for a move from outside",
			steps: []step{
				{msg: "Readme", files: map[string]string{"README.md": "readme"}},
				{msg: "Enact", files: map[string]string{"content/ja/a.md": "a"}},
			},
			subs: []string{"content"},
			want: map[string][]string{"content/ja/a.md": {"Enact content/ja/a.md a"}},
		},
		{
			name: "site in a sub-folder of a larger repository",
			steps: []step{
				{msg: "Code", files: map[string]string{"src/main.go": "package main", "site/content/ja/a.md": "v1"}},
				{msg: "Code only", files: map[string]string{"src/main.go": "package main // 2"}},
				{msg: "Amend", files: map[string]string{"site/content/ja/a.md": "v2"}},
			},
			site: "site",
			subs: []string{"content"},
			want: map[string][]string{"content/ja/a.md": {
				"Code content/ja/a.md v1",
				"Amend content/ja/a.md v2",
			}},
		},
		{
			name: "files outside the sub-folders ignored",
			steps: []step{
				{msg: "Start", files: map[string]string{"README.md": "r1", "content/ja/a.md": "a1", "quizzes/q.yaml": "q1", "templates/x.html": "t1"}},
				{msg: "Readme", files: map[string]string{"README.md": "r2", "templates/x.html": "t2"}},
				{msg: "Quiz", files: map[string]string{"quizzes/q.yaml": "q2"}},
			},
			subs: []string{"quizzes", "content"},
			want: map[string][]string{
				"content/ja/a.md": {"Start content/ja/a.md a1"},
				"quizzes/q.yaml":  {"Start quizzes/q.yaml q1", "Quiz quizzes/q.yaml q2"},
			},
		},
		{
			name: "deleted then re-added",
			steps: []step{
				{msg: "Enact", files: map[string]string{"content/ja/a.md": "v1", "content/ja/b.md": "b"}},
				{msg: "Repeal", files: map[string]string{"content/ja/a.md": "-"}},
				{msg: "Re-enact", files: map[string]string{"content/ja/a.md": "v2"}},
			},
			subs: []string{"content"},
			want: map[string][]string{
				"content/ja/a.md": {
					"Enact content/ja/a.md v1",
					"Repeal content/ja/a.md <deleted>",
					"Re-enact content/ja/a.md v2",
				},
				"content/ja/b.md": {"Enact content/ja/b.md b"},
			},
		},
		{
			name: "deleted files not keyed",
			steps: []step{
				{msg: "Enact", files: map[string]string{"content/ja/a.md": "a", "content/ja/gone.md": "g"}},
				{msg: "Repeal", files: map[string]string{"content/ja/gone.md": "-"}},
			},
			subs: []string{"content"},
			want: map[string][]string{"content/ja/a.md": {"Enact content/ja/a.md a"}},
		},
		{
			name: "sub-folder created late and the site folder itself",
			steps: []step{
				{msg: "Readme", files: map[string]string{"README.md": "r1"}},
				{msg: "Content", files: map[string]string{"content/ja/a.md": "a"}},
			},
			subs: []string{"."},
			want: map[string][]string{
				"README.md":       {"Readme README.md r1"},
				"content/ja/a.md": {"Content content/ja/a.md a"},
			},
		},
		{
			name: "empty history for a missing sub-folder",
			steps: []step{
				{msg: "Readme", files: map[string]string{"README.md": "r1"}},
			},
			subs: []string{"content"},
			want: map[string][]string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRepo(t)
			r.steps(tt.steps)
			h, err := Read(filepath.Join(r.dir, tt.site), tt.subs...)
			if err != nil {
				t.Fatal(err)
			}
			if got := summary(h); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", show(got), show(tt.want))
			}
			if h.Shallow {
				t.Errorf("Shallow = true for a full repository")
			}
		})
	}
}

func show(m map[string][]string) string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%s:\n", k)
		for _, l := range m[k] {
			fmt.Fprintf(&b, "\t%q\n", l)
		}
	}
	return b.String()
}

func TestReadCommitFields(t *testing.T) {
	tests := []struct {
		name          string
		msg           string
		wantSubject   string
		wantBody      string
		wantEffective string
	}{
		{"subject only", "Amend 5.2\n", "Amend 5.2", "", ""},
		{"body kept", "Amend 5.2\n\nWhy: the audit found a gap.\nSecond line.\n", "Amend 5.2", "Why: the audit found a gap.\nSecond line.", ""},
		{"effective trailer", "Amend 5.2\n\nThe board approved it.\n\nEffective: 2025-04-01\nSigned-off-by: A <a@example.org>\n", "Amend 5.2", "The board approved it.", "2025-04-01"},
		{"trailer right after subject", "Amend 5.2\nEffective: 2025-04-01\n", "Amend 5.2", "", "2025-04-01"},
		{"lower-case key", "Amend\n\neffective: 2024-10-01", "Amend", "", "2024-10-01"},
		{"trailer-like line inside body", "Amend\n\nEffective: 2025-04-01\nas decided by the board.\n", "Amend", "Effective: 2025-04-01\nas decided by the board.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRepo(t)
			r.write(map[string]string{"content/a.md": "x"})
			h0 := r.commit(tt.msg)
			h, err := Read(r.dir, "content")
			if err != nil {
				t.Fatal(err)
			}
			vs := h.Files["content/a.md"]
			if len(vs) != 1 {
				t.Fatalf("got %d versions, want 1", len(vs))
			}
			c := vs[0].Commit
			if c.Subject != tt.wantSubject || c.Body != tt.wantBody || c.Effective != tt.wantEffective {
				t.Errorf("got subject %q body %q effective %q, want %q %q %q",
					c.Subject, c.Body, c.Effective, tt.wantSubject, tt.wantBody, tt.wantEffective)
			}
			if c.Hash != h0.String() || c.Short != h0.String()[:7] {
				t.Errorf("got hash %s short %s, want %s", c.Hash, c.Short, h0)
			}
			if !c.Time.Equal(r.when) || c.Author != "Policy Owner" {
				t.Errorf("got time %v author %q, want %v %q", c.Time, c.Author, r.when, "Policy Owner")
			}
		})
	}
}

func TestReadBadEffective(t *testing.T) {
	for _, date := range []string{"2025-13-01", "2025/04/01", "next April", "2025-02-30"} {
		t.Run(date, func(t *testing.T) {
			r := newRepo(t)
			r.write(map[string]string{"content/a.md": "x"})
			r.commit("Amend SUBJECT-MARKER\n\nEffective: " + date)
			h, err := Read(r.dir, "content")
			if err != nil {
				t.Fatal(err)
			}
			c := h.Commits[0]
			if c.Effective != "" || !strings.Contains(c.TrailerError, "Effective: "+date) || strings.Contains(c.TrailerError, "SUBJECT-MARKER") {
				t.Errorf("effective %q, trailer error %q: want none, and an error naming the trailer line, not the subject", c.Effective, c.TrailerError)
			}
		})
	}
}

func TestReadNoRepository(t *testing.T) {
	dir := t.TempDir()
	_, err := Read(dir, "content")
	if !errors.Is(err, ErrNoRepository) {
		t.Errorf("got %v, want ErrNoRepository", err)
	}
}

func TestReadNoCommits(t *testing.T) {
	r := newRepo(t)
	h, err := Read(r.dir, "content")
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Files) != 0 || h.Shallow {
		t.Errorf("got %+v, want an empty history", h)
	}
}

func TestReadBadSub(t *testing.T) {
	r := newRepo(t)
	for _, sub := range []string{"", "../x", "/abs", "a/../b", `a\b`} {
		if _, err := Read(r.dir, sub); err == nil {
			t.Errorf("Read(%q): got no error", sub)
		}
	}
}

func TestReadMerge(t *testing.T) {
	r := newRepo(t)
	r.write(map[string]string{"content/a.md": "v1"})
	base := r.commit("Enact")
	// A side branch with two commits, then a merge whose tree is the side's last one.
	r.write(map[string]string{"content/a.md": "draft"})
	r.commit("Draft")
	r.write(map[string]string{"content/a.md": "v2"})
	side := r.commit("Review")
	merge := r.commit("Merge the review", base, side)
	if merge.IsZero() {
		t.Fatal("no merge")
	}
	h, err := Read(r.dir, "content")
	if err != nil {
		t.Fatal(err)
	}
	// The first parent of the merge is base: the side branch's commits are not revisions.
	got := summary(h)["content/a.md"]
	want := []string{"Enact content/a.md v1", "Merge the review content/a.md v2"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestReadShallow makes the repository shallow by hand, as a clone with depth 2 would leave it: a
// shallow file naming the boundary commit, and the objects of the older commits gone.
func TestReadShallow(t *testing.T) {
	for _, tc := range []struct {
		name        string
		shallowFile bool
		removeOld   bool
	}{
		{"shallow file and missing objects", true, true},
		{"shallow file only", true, false},
		{"missing parent without shallow file", false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := fourVersions(t)
			cutAtThird(t, r, tc.shallowFile, tc.removeOld)
			h, err := Read(r.dir, "content")
			if err != nil {
				t.Fatal(err)
			}
			if !h.Shallow {
				t.Error("Shallow = false")
			}
			// Commit Three is the boundary whichever way it is marked: it appears to add every file.
			want := map[string][]string{
				"content/a.md": {"Three content/a.md v3", "Four content/a.md v4"},
				"content/b.md": {"Three content/b.md b"},
			}
			if got := summary(h); !reflect.DeepEqual(got, want) {
				t.Errorf("got\n%s\nwant\n%s", show(got), show(want))
			}
		})
	}
}

// TestReadShallowClone clones with go-git at depth 1. go-git's file transport runs git-upload-pack,
// so the test needs git installed; the hand-made shallow repositories above do not.
func TestReadShallowClone(t *testing.T) {
	dst := shallowClone(t)
	h, err := Read(dst, "content")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{"content/a.md": {"Two content/a.md v2"}}
	if got := summary(h); !h.Shallow || !reflect.DeepEqual(got, want) {
		t.Errorf("got shallow %v\n%s\nwant shallow\n%s", h.Shallow, show(got), show(want))
	}
}

// TestReadCommits checks History.Commits: the commits that changed a file read, oldest first, each
// with its place as Seq, also when all share one date (as in imported histories).
func TestReadCommits(t *testing.T) {
	r := newRepo(t)
	r.steps([]step{
		{msg: "One", files: map[string]string{"content/a.md": "1"}},
		{msg: "Outside", files: map[string]string{"README.md": "r"}},
		{msg: "Two", files: map[string]string{"content/b.md": "2"}},
		{msg: "Three", files: map[string]string{"content/a.md": "3", "content/b.md": "3"}},
	})
	h, err := Read(r.dir, "content")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for i, c := range h.Commits {
		got = append(got, c.Subject)
		if c.Seq != i {
			t.Errorf("commit %s has Seq %d at index %d", c.Subject, c.Seq, i)
		}
	}
	if want := []string{"One", "Two", "Three"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got commits %q, want %q", got, want)
	}
	a, b := h.Files["content/a.md"], h.Files["content/b.md"]
	if a[1].Commit != b[1].Commit || a[1].Commit.Seq != 2 {
		t.Errorf("versions of one commit do not share its *Commit")
	}
}

// TestReadBare reads a bare repository given as the site folder: the sub-folders are read from the
// top of its trees.
func TestReadBare(t *testing.T) {
	r := twoVersions(t)
	bare := r.bare()
	h, err := Read(bare, "content")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{"content/a.md": {"One content/a.md v1", "Two content/a.md v2"}}
	if got := summary(h); !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", show(got), show(want))
	}
}

// bare copies the repository's .git folder to a new folder, which is then a bare repository with the
// same commits (go-git can clone only through git-upload-pack).
func (r *testRepo) bare() string {
	r.t.Helper()
	dst := filepath.Join(r.t.TempDir(), "site.git")
	err := os.CopyFS(dst, os.DirFS(filepath.Join(r.dir, ".git")))
	if err != nil {
		r.t.Fatal(err)
	}
	return dst
}

// TestReadTies reads a commit that deletes two files equally similar to the file it adds: which one
// the new file continues must not change from one build to the next (go-git's own rename detection
// broke such ties by the order of a map).
func TestReadTies(t *testing.T) {
	r := newRepo(t)
	r.steps([]step{
		{msg: "Enact", files: map[string]string{"content/ja/a.md": long("1"), "content/ja/b.md": long("2"),
			"content/ja/c.md": long("3"), "content/ja/d.md": long("4")}},
		{msg: "Merge", files: map[string]string{"content/ja/a.md": "-", "content/ja/b.md": "-",
			"content/ja/c.md": "-", "content/ja/d.md": "-", "content/ja/e.md": long("5"), "content/ja/f.md": long("6")}},
	})
	first, err := Read(r.dir, "content")
	if err != nil {
		t.Fatal(err)
	}
	for range 30 {
		h, err := Read(r.dir, "content")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(h, first) {
			t.Fatalf("two reads differ:\n%s\n%s", show(summary(first)), show(summary(h)))
		}
	}
	// The last added path takes its most similar deleted file first, the last of the tied ones.
	for key, want := range map[string]string{"content/ja/e.md": "content/ja/c.md", "content/ja/f.md": "content/ja/d.md"} {
		if vs := first.Files[key]; len(vs) != 2 || vs[0].Path != want {
			t.Errorf("%s: %d versions, the first at %q; want 2, the first at %s", key, len(vs), vs[0].Path, want)
		}
	}
}

// shallowClone returns a depth-1 clone, made with go-git, of a repository of
// two commits to content/a.md. go-git's file transport runs
// git-upload-pack, so the test is skipped without git.
func shallowClone(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git-upload-pack"); err != nil {
		if _, err := exec.LookPath("git"); err != nil {
			t.Skip("git-upload-pack not installed: go-git's file transport needs it to clone")
		}
	}
	r := twoVersions(t)
	dst := t.TempDir()
	if _, err := git.PlainClone(dst, false, &git.CloneOptions{URL: "file://" + filepath.ToSlash(r.dir), Depth: 1}); err != nil {
		t.Fatal(err)
	}
	return dst
}

// twoVersions returns a repository of two commits, each writing content/a.md.
func twoVersions(t *testing.T) *testRepo {
	t.Helper()
	r := newRepo(t)
	r.steps([]step{
		{msg: "One", files: map[string]string{"content/a.md": "v1"}},
		{msg: "Two", files: map[string]string{"content/a.md": "v2"}},
	})
	return r
}

// fourVersions returns a repository of four commits, the third adding
// content/b.md: the one the shallow-clone tests cut at its third commit
// (see cutAtThird).
func fourVersions(t *testing.T) *testRepo {
	t.Helper()
	r := newRepo(t)
	r.steps([]step{
		{msg: "One", files: map[string]string{"content/a.md": "v1"}},
		{msg: "Two", files: map[string]string{"content/a.md": "v2"}},
		{msg: "Three", files: map[string]string{"content/a.md": "v3", "content/b.md": "b"}},
		{msg: "Four", files: map[string]string{"content/a.md": "v4"}},
	})
	return r
}

// cutAtThird makes r look like a shallow clone whose oldest commit is its
// third: the shallow list names it (shallowFile), and the two commits
// before it are gone (removeOld).
func cutAtThird(t *testing.T, r *testRepo, shallowFile, removeOld bool) {
	t.Helper()
	if shallowFile {
		if err := os.WriteFile(filepath.Join(r.dir, ".git", "shallow"), []byte(r.hashes[2].String()+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if removeOld {
		for _, h := range r.hashes[:2] {
			s := h.String()
			if err := os.Remove(filepath.Join(r.dir, ".git", "objects", s[:2], s[2:])); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestForget checks that Forget lets go of the versions under its prefix
// and of every change, and of nothing else.
func TestForget(t *testing.T) {
	data := []byte("x")
	c := &Commit{Changes: []Change{{Path: "content/ja/a.md", Old: File{Mode: 0o100644, Data: data}, New: File{Mode: 0o100644, Data: data}}}}
	h := &History{
		Files: map[string][]Version{
			"content/ja/a.md": {{Commit: c, Path: "content/ja/a.md", Data: data}},
			"quizzes/q.yaml":  {{Commit: c, Path: "quizzes/q.yaml", Data: data}},
		},
		Commits: []*Commit{c},
	}
	h.Forget("content/")
	if h.Files["content/ja/a.md"][0].Data != nil || c.Changes[0].Old.Data != nil || c.Changes[0].New.Data != nil {
		t.Error("content still held")
	}
	if h.Files["quizzes/q.yaml"][0].Data == nil {
		t.Error("a quiz's version was let go")
	}
}
