package history

import (
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"testing"
	"time"
)

// cloneCorpus clones a bundle of ../shared/corpora into a temporary folder with the git binary (test
// setup only: go-git cannot clone from a bundle), or skips when the bundle or git is absent.
func cloneCorpus(tb testing.TB, bundle string) string {
	tb.Helper()
	var path string
	for _, dir := range []string{"../../../shared/corpora", "/work/shared/corpora"} {
		p := filepath.Join(dir, bundle)
		if _, err := os.Stat(p); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		tb.Skipf("corpus %s not found in ../../../shared/corpora or /work/shared/corpora: skipping the real-history check", bundle)
	}
	if _, err := exec.LookPath("git"); err != nil {
		tb.Skip("git not installed: needed to clone the corpus bundle (the package itself never uses it)")
	}
	dst := filepath.Join(tb.TempDir(), "corpus")
	out, err := exec.Command("git", "clone", "--quiet", path, dst).CombinedOutput()
	if err != nil {
		tb.Fatalf("git clone %s: %v\n%s", path, err, out)
	}
	return dst
}

// TestSitePolicyRenames checks the real history of GitHub's site policies, whose documents were
// moved into sub-folders in 2022: a moved document must keep its revisions from before the move.
func TestSitePolicyRenames(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a real history of 884 commits")
	}
	dir := cloneCorpus(t, "site-policy.bundle")
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
	dir := cloneCorpus(b, "site-policy.bundle")
	b.ResetTimer()
	for b.Loop() {
		if _, err := Read(dir, "Policies"); err != nil {
			b.Fatal(err)
		}
	}
}
