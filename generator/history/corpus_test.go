package history

import (
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"policysite/internal/longtest"
	"strings"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
)

// TestSitePolicyRenames checks the real history of GitHub's site policies, whose documents were
// moved into sub-folders in 2022: a moved document must keep its revisions from before the move.
func TestSitePolicyRenames(t *testing.T) {
	longtest.Skip(t, "reads a real history of 884 commits")
	dir := longtest.Clone(t, "site-policy.bundle")
	h, err := Read(dir, "Policies")
	if err != nil {
		t.Fatal(err)
	}
	if h.Shallow {
		t.Error("Shallow = true for a full clone")
	}
	const key = "Policies/acceptable-use-policies/github-acceptable-use-policies.md"
	vs := h.Files[key]
	if len(vs) == 0 {
		t.Fatalf("no history for %s; have %d files", key, len(h.Files))
	}
	cut := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	var before, oldPath int
	for i, v := range vs {
		if v.Commit.Time.Before(cut) {
			before++
		}
		if v.Path == "Policies/github-acceptable-use-policies.md" {
			oldPath++
		}
		if i > 0 && v.Commit.Time.Before(vs[i-1].Commit.Time.Add(-24*time.Hour)) {
			// First-parent order is commit order; committer times may step back a little after a
			// rebase, but not by days.
			t.Errorf("version %d (%s) is much older than the one before it", i, v.Commit.Short)
		}
	}
	if before == 0 || oldPath == 0 {
		t.Errorf("%s: %d versions, %d before 2022, %d at the old path; want some of each", key, len(vs), before, oldPath)
	}

	// Every document moved into a sub-folder keeps the revisions it had in the top folder: its
	// oldest version is at its old path.
	moved := 0
	for k, vs := range h.Files {
		if path.Dir(k) == "Policies" {
			continue
		}
		if path.Dir(vs[0].Path) == "Policies" {
			moved++
		}
	}
	if moved < 30 {
		t.Errorf("%d documents were followed back to the top folder; want at least 30 (42 when written)", moved)
	}
	t.Logf("%d files, %s has %d versions (%d before 2022)", len(h.Files), key, len(vs), before)
}

func BenchmarkReadSitePolicy(b *testing.B) {
	dir := longtest.Clone(b, "site-policy.bundle")
	b.ResetTimer()
	for b.Loop() {
		if _, err := Read(dir, "Policies"); err != nil {
			b.Fatal(err)
		}
	}
}

// TestReadCachedCorpora reads real histories with ReadCached as a build would after each push: first
// at an older commit, then at newer ones; every result must be Read's.
func TestReadCachedCorpora(t *testing.T) {
	longtest.Skip(t, "reads real histories several times")
	for _, c := range []struct{ bundle, sub string }{{"site-policy.bundle", "Policies"}, {"jp-laws.bundle", "."}} {
		t.Run(c.bundle, func(t *testing.T) {
			dir := longtest.Clone(t, c.bundle)
			repo, err := git.PlainOpen(dir)
			if err != nil {
				t.Fatal(err)
			}
			head, err := repo.Head()
			if err != nil {
				t.Fatal(err)
			}
			// The first-parent chain from HEAD, newest first.
			var chain []plumbing.Hash
			for h := head.Hash(); len(chain) < 80; {
				chain = append(chain, h)
				cm, err := repo.CommitObject(h)
				if err != nil {
					t.Fatal(err)
				}
				if cm.NumParents() == 0 {
					break
				}
				h = cm.ParentHashes[0]
			}
			// Whether a step can be spliced depends on the history (a deleted document cannot);
			// what matters is that every result is Read's, and that some are spliced.
			var log []string
			count := map[outcome]int{}
			for _, at := range []int{len(chain) - 1, 40, 39, 30, 20, 10, 5, 1, 0, 0, 5} {
				if err := repo.Storer.SetReference(plumbing.NewHashReference(head.Name(), chain[at])); err != nil {
					t.Fatal(err)
				}
				how := readBoth(t, dir, c.sub)
				count[how]++
				log = append(log, fmt.Sprintf("HEAD~%d %v", at, how))
			}
			t.Log(strings.Join(log, ", "))
			if count[spliced] == 0 || count[hit] != 2 {
				t.Errorf("outcomes %v: want some spliced, and the two cached HEADs hit", count)
			}
		})
	}
}

// BenchmarkReadCachedSitePolicy measures a build whose HEAD is cached.
func BenchmarkReadCachedSitePolicy(b *testing.B) {
	dir := longtest.Clone(b, "site-policy.bundle")
	if _, err := ReadCached(dir, "Policies"); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, how, err := readCached(dir, []string{"Policies"}); err != nil || how != hit {
			b.Fatalf("%v, %v; want a hit", how, err)
		}
	}
}

// BenchmarkReadCachedSitePolicyIncremental measures a build after one new commit that edits a policy:
// the commit is walked, the cached history of its parent spliced on, the new entry written.
func BenchmarkReadCachedSitePolicyIncremental(b *testing.B) {
	dir := longtest.Clone(b, "site-policy.bundle")
	if _, err := ReadCached(dir, "Policies"); err != nil {
		b.Fatal(err)
	}
	policy := filepath.Join(dir, "Policies", "github-terms", "github-terms-of-service.md")
	text, err := os.ReadFile(policy)
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(policy, append(text, "\nAmended.\n"...), 0o644); err != nil {
		b.Fatal(err)
	}
	cmd := exec.Command("git", "-C", dir, "-c", "user.name=Bench", "-c", "user.email=bench@example.org", "commit", "--quiet", "-am", "Amend the terms")
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("git commit: %v\n%s", err, out)
	}
	cacheDir, err := CacheDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	before, err := os.ReadDir(cacheDir)
	if err != nil || len(before) != 1 {
		b.Fatalf("cache folder: %v, %v", before, err)
	}
	for b.Loop() {
		b.StopTimer()
		// Back to the entry of the parent only.
		des, _ := os.ReadDir(cacheDir)
		for _, de := range des {
			if de.Name() != before[0].Name() {
				os.Remove(filepath.Join(cacheDir, de.Name()))
			}
		}
		b.StartTimer()
		if _, how, err := readCached(dir, []string{"Policies"}); err != nil || how != spliced {
			b.Fatalf("%v, %v; want spliced", how, err)
		}
	}
}

// BenchmarkReadCachedSitePolicyMiss measures a first build: Read, then the entry encoded, checked
// and written.
func BenchmarkReadCachedSitePolicyMiss(b *testing.B) {
	dir := longtest.Clone(b, "site-policy.bundle")
	cacheDir, err := CacheDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		b.StopTimer()
		os.RemoveAll(cacheDir)
		b.StartTimer()
		if _, how, err := readCached(dir, []string{"Policies"}); err != nil || how != walked {
			b.Fatalf("%v, %v; want walked", how, err)
		}
	}
}
