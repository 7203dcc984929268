package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestCommitMessageWithheld: a commit's message (subject, body, trailers) is
// published only if every path the commit changed, anywhere in the
// repository and on both sides of the change, is a public document as that
// commit had it or a file declared publishable. Each case ends with a commit
// that changes the public document together with something else and says
// MSGMARKER in its subject, body and a trailer; the marker must not be in any
// byte of the output nor of the terminal output, and the warning names the
// commit by its short hash.
func TestCommitMessageWithheld(t *testing.T) {
	t.Parallel()
	internal := func(title string) string { return mdPage(title, "internal", "## x {#x}\n\n内部\n") }
	public := func(title string) string { return mdPage(title, "public", "## x {#x}\n\n公開\n") }
	revised := map[string]string{"content/ja/policy.md": policyJA("public", "改めた本文。")}
	with := func(extra map[string]string) map[string]string {
		m := map[string]string{}
		for k, v := range revised {
			m[k] = v
		}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	const msg = "方針と MSGMARKER を更新\n\nMSGMARKER の本文。\n\nSee-also: MSGMARKER\nEffective: 2027-04-01"
	tests := []struct {
		name string
		// before runs in a repository holding minimalSite, committed;
		// last is the mixed commit's files; after runs after it.
		before func(g *repo)
		last   map[string]string
		after  func(g *repo)
		shown  bool
	}{
		{name: "public documents only", last: revised, shown: true},
		{name: "public document and a quiz", last: with(map[string]string{"quizzes/training.yaml": staleQuiz}), shown: true},
		{name: "internal document now", before: func(g *repo) { g.commit("x", map[string]string{"content/ja/plan.md": internal("計画")}) },
			last: with(map[string]string{"content/ja/plan.md": internal("計画2")})},
		{name: "internal document deleted later", before: func(g *repo) { g.commit("x", map[string]string{"content/ja/plan.md": internal("計画")}) },
			last:  with(map[string]string{"content/ja/plan.md": internal("計画2")}),
			after: func(g *repo) { g.commit("y", map[string]string{"content/ja/plan.md": ""}) }},
		{name: "internal document deleted in the work tree only", before: func(g *repo) { g.commit("x", map[string]string{"content/ja/plan.md": internal("計画")}) },
			last:  with(map[string]string{"content/ja/plan.md": internal("計画2")}),
			after: func(g *repo) { os.Remove(filepath.Join(g.dir, "content/ja/plan.md")) }},
		{name: "internal then, public now",
			before: func(g *repo) {
				g.commit("x", map[string]string{"content/ja/plan.md": internal("計画"), "content/en/plan.md": internal("Plan")})
			},
			last: with(map[string]string{"content/ja/plan.md": internal("計画2")}),
			after: func(g *repo) {
				g.commit("y", map[string]string{"content/ja/plan.md": public("計画"), "content/en/plan.md": public("Plan")})
			}},
		{name: "internal in English only at that commit",
			before: func(g *repo) {
				g.commit("x", map[string]string{"content/ja/plan.md": public("計画"), "content/en/plan.md": internal("Plan")})
			},
			last: with(map[string]string{"content/ja/plan.md": public("計画2")}),
			after: func(g *repo) {
				g.commit("y", map[string]string{"content/en/plan.md": public("Plan")})
			}},
		{name: "made public by this commit (internal before it)",
			before: func(g *repo) {
				g.commit("x", map[string]string{"content/ja/plan.md": internal("計画"), "content/en/plan.md": internal("Plan")})
			},
			last: with(map[string]string{"content/ja/plan.md": public("計画"), "content/en/plan.md": public("Plan")})},
		{name: "internal document renamed and rewritten later", before: func(g *repo) { g.commit("x", map[string]string{"content/ja/plan.md": internal("計画")}) },
			last: with(map[string]string{"content/ja/plan.md": internal("計画2")}),
			after: func(g *repo) {
				g.commit("y", map[string]string{"content/ja/plan.md": "", "content/ja/other.md": internal("別物")})
			}},
		{name: "draft folder the build ignores", last: with(map[string]string{"content/ja/_drafts/x.md": public("下書き")})},
		{name: "dot file", last: with(map[string]string{"content/ja/.x.md": public("隠し")})},
		{name: "text file in content", last: with(map[string]string{"content/ja/notes.txt": "メモ"})},
		{name: "file outside content", last: with(map[string]string{"hr/salaries.txt": "給与"})},
		{name: "file at the top", last: with(map[string]string{"NOTES": "メモ"})},
		{name: "other file in quizzes", last: with(map[string]string{"quizzes/notes.txt": "メモ"})},
		{name: "document with a bad path, deleted later", last: with(map[string]string{"content/ja/Bad_Name.md": public("x"), "content/en/Bad_Name.md": public("x")}),
			after: func(g *repo) {
				g.commit("y", map[string]string{"content/ja/Bad_Name.md": "", "content/en/Bad_Name.md": ""})
			}},
		{name: "backup file", last: with(map[string]string{"content/ja/policy.md~": "古い版"})},
		{name: "symbolic link in content, removed later",
			before: func(g *repo) {
				for _, lang := range []string{"ja", "en"} {
					if err := os.Symlink("policy.md", filepath.Join(g.dir, "content", lang, "link.md")); err != nil {
						t.Fatal(err)
					}
				}
			},
			last:  revised,
			after: func(g *repo) { g.commit("y", map[string]string{"content/ja/link.md": "", "content/en/link.md": ""}) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			g := newRepo(t, minimalSite())
			g.commit("initial", nil)
			if tt.before != nil {
				tt.before(g)
			}
			g.commit(msg, tt.last)
			if tt.after != nil {
				tt.after(g)
			}
			code, stdout, stderr := build(t, g.dir)
			if code != 0 {
				t.Fatalf("build failed:\n%s", stderr)
			}
			out := readTree(t, filepath.Join(g.dir, "public"))
			hist := string(out["ja/history/policy.html"])
			if tt.shown {
				if !strings.Contains(hist, "MSGMARKER の本文。") {
					t.Errorf("message not shown:\n%s", hist)
				}
				return
			}
			assertNoMarkers(t, out, []string{"MSGMARKER"})
			if strings.Contains(stdout+stderr, "MSGMARKER") {
				t.Errorf("terminal output has the message:\n%s%s", stdout, stderr)
			}
			if !strings.Contains(hist, "内容は新旧対照表のとおりです。") {
				t.Errorf("history page lacks the withheld note:\n%s", hist)
			}
			if strings.Contains(hist, "令和9年") {
				t.Error("the withheld commit's Effective trailer is shown")
			}
			if !regexp.MustCompile(`warning: commit [0-9a-f]{7}: its message is not published`).MatchString(stderr) {
				t.Errorf("no warning naming the commit:\n%s", stderr)
			}
		})
	}
}
