// Package longtest sizes the tests that can run at any size: property tests
// (random cases against a model or another implementation) and corpus tests
// (real histories of hundreds of commits).
//
// `go test ./...` is what a maintainer runs before every commit, so it runs
// them small: every property at a size that still finds the kinds of cases
// it looks for, and no corpus. The long mode, POLICYSITE_LONG=1 in the
// environment, runs them at full size and reads the corpora; .ci/run runs
// it as a second step after the ordinary one, and the README says how long
// each takes. -short makes the ordinary run smaller still.
//
//	POLICYSITE_LONG=1 go test ./...
package longtest

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Env is the environment variable that turns the long mode on.
const Env = "POLICYSITE_LONG"

// On reports whether the long mode is on.
func On() bool { return os.Getenv(Env) != "" }

// Size returns long in the long mode, short under -short, and normal
// otherwise.
func Size(short, normal, long int) int {
	switch {
	case On():
		return long
	case testing.Short():
		return short
	}
	return normal
}

// Skip skips the test unless the long mode is on, saying what it does.
func Skip(t testing.TB, what string) {
	t.Helper()
	if !On() {
		t.Skipf("long test (%s): run with %s=1", what, Env)
	}
}

// Clone clones a bundle of the shared corpora (../shared/corpora beside
// the repository, else /work/shared/corpora) into a temporary folder with
// the git binary (test setup only: go-git cannot clone from a bundle), and
// returns the clone's folder. It skips the test when the bundle or git is
// absent.
func Clone(tb testing.TB, bundle string) string {
	tb.Helper()
	var path string
	var dirs []string
	if wd, err := os.Getwd(); err == nil {
		// The test's folder is a package folder at some depth of the
		// repository, which sits beside shared/.
		for d := wd; filepath.Dir(d) != d; d = filepath.Dir(d) {
			dirs = append(dirs, filepath.Join(filepath.Dir(d), "shared", "corpora"))
		}
	}
	dirs = append(dirs, "/work/shared/corpora")
	for _, dir := range dirs {
		p := filepath.Join(dir, bundle)
		if _, err := os.Stat(p); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		tb.Skipf("corpus %s not found in ../shared/corpora or /work/shared/corpora", bundle)
	}
	if _, err := exec.LookPath("git"); err != nil {
		tb.Skip("git not installed: needed to clone the corpus bundle (the build itself never uses it)")
	}
	dst := filepath.Join(tb.TempDir(), "corpus")
	if out, err := exec.Command("git", "clone", "--quiet", path, dst).CombinedOutput(); err != nil {
		tb.Fatalf("git clone %s: %v\n%s", path, err, out)
	}
	return dst
}
