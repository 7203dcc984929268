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
