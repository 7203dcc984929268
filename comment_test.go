package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCommentLeaks: an HTML comment that would not be dropped as a comment
// (in front matter, in quiz text, turned into text by Markdown) fails the
// build at its line, and nothing is written; the note is in no byte of the
// terminal output either.
func TestCommentLeaks(t *testing.T) {
	t.Parallel()
	quiz := strings.Replace(staleQuiz, "目的がある。", "目的がある。<!-- CMTMARK -->", 1)
	for _, tt := range []struct {
		name, file, data, want string
	}{
		{"title", "content/ja/policy.md", "---\ntitle: 基本方針<!-- CMTMARK -->\nvisibility: public\n---\n\n## 1 目的 {#purpose}\n\n本文。\n", "content/ja/policy.md:2: HTML comment markers"},
		{"summary", "content/en/policy.md", "---\ntitle: Basic policy\nvisibility: public\nsummary: |\n  Text\n  <!-- CMTMARK -->\n---\n\n## 1 Purpose {#purpose}\n\nText.\n", "content/en/policy.md:4: HTML comment markers"},
		{"bodies", "content/ja/policy.md", "---\ntitle: 基本方針\nvisibility: public\nbodies:\n  - 組合 --> CMTMARK\n---\n\n## 1 目的 {#purpose}\n\n本文。\n", "content/ja/policy.md:5: HTML comment markers"},
		{"quiz prompt", "quizzes/training.yaml", quiz, "quizzes/training.yaml:8: HTML comment markers"},
		{"code block", "content/ja/policy.md", mdPage("基本方針", "public", "## 1 目的 {#purpose}\n\n本文。\n\n    <!-- CMTMARK -->\n"), "content/ja/policy.md:10: "},
		{"empty comment", "content/ja/policy.md", mdPage("基本方針", "public", "## 1 目的 {#purpose}\n\n本文。\n\n<!-->\nCMTMARK\n"), "content/ja/policy.md:10: an empty comment"},
		{"code span", "content/en/policy.md", mdPage("Basic policy", "public", "## 1 Purpose {#purpose}\n\nText `<!-- CMTMARK -->`.\n"), "content/en/policy.md:8: "},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := minimalSite()
			files["quizzes/training.yaml"] = staleQuiz
			files[tt.file] = tt.data
			dir := writeTree(t, files)
			code, stdout, stderr := build(t, dir)
			if code != 1 || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant 1 and %q", code, stderr, tt.want)
			}
			if strings.Contains(stdout+stderr, "CMTMARK") {
				t.Errorf("terminal output has the note:\n%s%s", stdout, stderr)
			}
			if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
				assertNoMarkers(t, readTree(t, filepath.Join(dir, "public")), []string{"CMTMARK"})
				t.Error("a failed build wrote public/")
			}
		})
	}
}

// TestCommentLeakInHistory: an old public version whose note Markdown shows
// as text (mended since) is not shown at all: no comparison, no old text.
func TestCommentLeakInHistory(t *testing.T) {
	t.Parallel()
	g := newRepo(t, minimalSite())
	g.commit("initial", nil)
	g.commit("改める", map[string]string{"content/ja/policy.md": policyJA("public", "本文。\n\n    <!-- CMTHISTMARK -->")})
	g.commit("直す", map[string]string{"content/ja/policy.md": policyJA("public", "本文。<!-- CMTHISTMARK2 -->")})
	out := buildRepo(t, g)
	assertNoMarkers(t, out, []string{"CMTHISTMARK"})
}

// TestSymlinkRefused: a document that is a symbolic link (here to a file
// outside the project with public front matter) is an error, and its
// target's text is published nowhere.
func TestSymlinkRefused(t *testing.T) {
	t.Parallel()
	dir := writeTree(t, minimalSite())
	outside := filepath.Join(t.TempDir(), "secret.md")
	os.WriteFile(outside, []byte(mdPage("LINKMARK", "public", "LINKMARK\n")), 0o644)
	for _, lang := range []string{"ja", "en"} {
		if err := os.Symlink(outside, filepath.Join(dir, "content", lang, "linked.md")); err != nil {
			t.Skip("no symbolic links:", err)
		}
	}
	os.Symlink(filepath.Dir(outside), filepath.Join(dir, "content", "ja", "folder"))
	code, stdout, stderr := build(t, dir)
	if code != 1 || !strings.Contains(stderr, "content/ja/linked.md:1: symbolic link") || !strings.Contains(stderr, "content/ja/folder:1: symbolic link") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	if strings.Contains(stdout+stderr, "LINKMARK") {
		t.Error("terminal output has the target's text")
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("public/ written")
	}
}
