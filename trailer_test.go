package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestEffectiveTrailer: a malformed Effective trailer of a commit that
// touched only internal documents is never read (the build succeeds, every
// history page is there, the terminal shows nothing of it); on a public
// revision it fails the build, naming the short hash and the trailer line,
// never the subject; and any other error reading history fails the build.
func TestEffectiveTrailer(t *testing.T) {
	t.Parallel()
	files := minimalSite()
	files["content/ja/plan.md"] = mdPage("計画", "internal", "## x {#x}\n\n計画\n")
	g := newRepo(t, files)
	g.commit("initial", nil)
	g.commit("方針を改める", map[string]string{"content/ja/policy.md": policyJA("public", "改めた本文。")})
	want := buildRepo(t, g)
	g.commit("TRAILERSUBJECT 計画\n\nEffective: 2027-13-01", map[string]string{"content/ja/plan.md": mdPage("計画", "internal", "## x {#x}\n\n改めた計画\n")})
	code, stdout, stderr := build(t, g.dir)
	if code != 0 {
		t.Fatalf("a bad trailer on an internal commit failed the build:\n%s", stderr)
	}
	if strings.Contains(stdout+stderr, "TRAILERSUBJECT") || strings.Contains(stdout+stderr, "2027-13-01") {
		t.Errorf("terminal output speaks of the internal commit:\n%s%s", stdout, stderr)
	}
	got := readTree(t, filepath.Join(g.dir, "public"))
	if len(got) != len(want) {
		t.Errorf("%d files, want %d as before the internal commit", len(got), len(want))
	}
	assertNoMarkers(t, got, []string{"TRAILERSUBJECT"})

	g.commit("TRAILERSUBJECT 方針\n\nEffective: 2027-13-01", map[string]string{"content/ja/policy.md": policyJA("public", "再び改めた本文。")})
	code, _, stderr = build(t, g.dir)
	if code != 1 || !regexp.MustCompile(`commit [0-9a-f]{7}: trailer "Effective: 2027-13-01": want a date YYYY-MM-DD`).MatchString(stderr) || strings.Contains(stderr, "TRAILERSUBJECT") {
		t.Errorf("exit %d, stderr:\n%s\nwant 1 and the short hash with the trailer line, not the subject", code, stderr)
	}
	if after := readTree(t, filepath.Join(g.dir, "public")); !sameTree(got, after) {
		t.Error("a failed build changed public/")
	}

	// A broken repository fails the build rather than drop the history.
	g.commit("方針", map[string]string{"content/ja/policy.md": policyJA("public", "三度目。")})
	os.WriteFile(filepath.Join(g.dir, ".git", "HEAD"), []byte("ref: refs/heads/nowhere\x00\n"), 0o644)
	entries, _ := os.ReadDir(filepath.Join(g.dir, ".git", "objects"))
	for _, e := range entries {
		if len(e.Name()) == 2 {
			os.RemoveAll(filepath.Join(g.dir, ".git", "objects", e.Name()))
		}
	}
	if code, _, stderr := build(t, g.dir, "-cache=false"); code != 1 || !strings.Contains(stderr, "-history=false") {
		t.Errorf("broken repository: exit %d, stderr:\n%s", code, stderr)
	}
	if code, _, stderr := build(t, g.dir, "-history=false"); code != 0 {
		t.Errorf("-history=false: %s", stderr)
	}
}
