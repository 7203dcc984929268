package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// The routes of issue 11's attack through git: what a repository holds
// besides the published revisions (other parents, refs, authors, old
// paths, internal periods, the cache) is never published. Each case ends
// with a build of the repository whose every output byte, and the
// terminal, must lack ATKMARK (in any case of letters).

// commitAs is repo.commit with the author and the parents given.
func (g *repo) commitAs(msg string, files map[string]string, name, email string, parents ...plumbing.Hash) plumbing.Hash {
	g.t.Helper()
	for p, data := range files {
		full := filepath.Join(g.dir, filepath.FromSlash(p))
		if data == "" {
			os.Remove(full)
			continue
		}
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			g.t.Fatal(err)
		}
	}
	wt, err := g.r.Worktree()
	if err != nil {
		g.t.Fatal(err)
	}
	if err := wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		g.t.Fatal(err)
	}
	g.when = g.when.Add(24 * 3600 * 1e9)
	sig := &object.Signature{Name: name, Email: email, When: g.when}
	h, err := wt.Commit(msg, &git.CommitOptions{Author: sig, Committer: sig, Parents: parents, AllowEmptyCommits: true})
	if err != nil {
		g.t.Fatal(err)
	}
	g.made = append(g.made, h.String()[:7])
	return h
}

func (g *repo) head() plumbing.Hash {
	g.t.Helper()
	ref, err := g.r.Head()
	if err != nil {
		g.t.Fatal(err)
	}
	return ref.Hash()
}

// checkRepoAttack builds g (with args) and asserts that the build
// succeeds and that no byte of the output or the terminal has ATKMARK.
func checkRepoAttack(t *testing.T, g *repo, args ...string) map[string][]byte {
	t.Helper()
	code, stdout, stderr := build(t, g.dir, args...)
	checkAttack(t, g.dir, false, false, code, stdout, stderr)
	return readTree(t, filepath.Join(g.dir, "public"))
}

func internalPlan(text string) map[string]string {
	return map[string]string{
		"content/ja/plan.md": mdPage("計画", "internal", "## x {#x}\n\n"+text+"\n"),
		"content/en/plan.md": mdPage("Plan", "internal", "## x {#x}\n\n"+text+"\n"),
	}
}

func merged(ms ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

// TestAttackMerge: the commits a merge brought in (its second parent's
// line) are never shown, their messages included; the merge itself, which
// changed an internal document as well, has its message withheld.
func TestAttackMerge(t *testing.T) {
	t.Parallel()
	g := newRepo(t, merged(minimalSite(), internalPlan("計画")))
	base := g.commitAs("initial", nil, "a", "a@example.jp")
	side := g.commitAs("ATKMARK 側枝で計画を改める", merged(internalPlan("側枝 ATKMARK"), map[string]string{"content/ja/policy.md": policyJA("public", "側枝の本文。")}), "a", "a@example.jp")
	side = g.commitAs("ATKMARK 側枝の二つめ", map[string]string{"content/ja/policy.md": policyJA("public", "側枝の本文、二つめ。")}, "a", "a@example.jp", side)
	// Back on the first line, a public revision, then the merge of the
	// side line with a message that names it.
	wt, _ := g.r.Worktree()
	if err := wt.Reset(&git.ResetOptions{Commit: base, Mode: git.HardReset}); err != nil {
		t.Fatal(err)
	}
	first := g.commitAs("方針を改める", map[string]string{"content/ja/policy.md": policyJA("public", "本線の本文。")}, "a", "a@example.jp")
	g.commitAs("Merge branch 'atkmark-plan'\n\nATKMARK の手順を取り込む。", merged(internalPlan("側枝 ATKMARK 改"), map[string]string{"content/ja/policy.md": policyJA("public", "合流した本文。")}), "a", "a@example.jp", first, side)
	out := checkRepoAttack(t, g)
	if hist := string(out["ja/history/policy.html"]); !strings.Contains(hist, "方針を改める") || !strings.Contains(hist, "内容は新旧対照表のとおりです。") {
		t.Errorf("history page lacks the first-parent revision or the withheld merge:\n%s", hist)
	}
}

// TestAttackRefs: tags, branches and notes are never read: their names and
// messages are published nowhere.
func TestAttackRefs(t *testing.T) {
	t.Parallel()
	g := newRepo(t, minimalSite())
	g.commit("initial", nil)
	g.commit("方針を改める", map[string]string{"content/ja/policy.md": policyJA("public", "改めた本文。")})
	head := g.head()
	sig := &object.Signature{Name: "ATKMARK", Email: "atkmark@example.jp", When: g.when}
	if _, err := g.r.CreateTag("v1-atkmark", head, &git.CreateTagOptions{Message: "ATKMARK の注記", Tagger: sig}); err != nil {
		t.Fatal(err)
	}
	if err := g.r.Storer.SetReference(plumbing.NewHashReference("refs/heads/atkmark-branch", head)); err != nil {
		t.Fatal(err)
	}
	// A note on HEAD, as git notes writes one: a commit on
	// refs/notes/commits whose tree names the noted commit.
	blob := g.r.Storer.NewEncodedObject()
	blob.SetType(plumbing.BlobObject)
	w, _ := blob.Writer()
	w.Write([]byte("ATKMARK の覚え書き\n"))
	w.Close()
	bh, err := g.r.Storer.SetEncodedObject(blob)
	if err != nil {
		t.Fatal(err)
	}
	tree := &object.Tree{Entries: []object.TreeEntry{{Name: head.String(), Mode: filemode.Regular, Hash: bh}}}
	to := g.r.Storer.NewEncodedObject()
	if err := tree.Encode(to); err != nil {
		t.Fatal(err)
	}
	th, _ := g.r.Storer.SetEncodedObject(to)
	note := &object.Commit{Author: *sig, Committer: *sig, Message: "Notes added by 'git notes add' ATKMARK", TreeHash: th}
	co := g.r.Storer.NewEncodedObject()
	if err := note.Encode(co); err != nil {
		t.Fatal(err)
	}
	ch, _ := g.r.Storer.SetEncodedObject(co)
	if err := g.r.Storer.SetReference(plumbing.NewHashReference("refs/notes/commits", ch)); err != nil {
		t.Fatal(err)
	}
	checkRepoAttack(t, g)
}

// TestAttackAuthors: authors' names and e-mail addresses are shown nowhere
// without -authors, and e-mail addresses not even with it.
func TestAttackAuthors(t *testing.T) {
	t.Parallel()
	g := newRepo(t, minimalSite())
	g.commitAs("initial", nil, "ATKMARK Taro", "atkmark@example.jp")
	g.commitAs("方針を改める\n\nEffective: 2026-04-10", map[string]string{"content/ja/policy.md": policyJA("public", "改めた本文。")}, "ATKMARK Taro", "atkmark@example.jp")
	checkRepoAttack(t, g)
	code, _, stderr := build(t, g.dir, "-authors")
	if code != 0 {
		t.Fatal(stderr)
	}
	out := readTree(t, filepath.Join(g.dir, "public"))
	if !strings.Contains(string(out["ja/history/policy.html"]), "ATKMARK Taro") {
		t.Error("-authors does not show the author")
	}
	assertNoMarkers(t, out, []string{"atkmark@example.jp", "example.jp"})
}

// TestAttackRename: a document renamed from an internal one (and made
// public as it moves) shows nothing of the time it was internal, its old
// name included; one renamed from a path that was never a document shows
// no old name either.
func TestAttackRename(t *testing.T) {
	t.Parallel()
	text := "## 1 目的 {#purpose}\n\n長い本文の一。長い本文の二。長い本文の三。長い本文の四。\n"
	textEN := "## 1 Purpose {#purpose}\n\nLong text one. Long text two. Long text three. Long text four.\n"
	files := minimalSite()
	files["content/ja/atkmark-secret.md"] = mdPage("ATKMARK 手順", "internal", text+"\nATKMARK\n")
	files["content/en/atkmark-secret.md"] = mdPage("ATKMARK Steps", "internal", textEN+"\nATKMARK\n")
	files["drafts/atkmark-other.md"] = mdPage("他", "public", text)
	g := newRepo(t, files)
	g.commit("initial", nil)
	g.commit("手順を公開", map[string]string{
		"content/ja/atkmark-secret.md": "", "content/en/atkmark-secret.md": "",
		"content/ja/steps.md": mdPage("手順", "public", text), "content/en/steps.md": mdPage("Steps", "public", textEN),
	})
	g.commit("他を掲載", map[string]string{
		"drafts/atkmark-other.md": "",
		"content/ja/other.md":     mdPage("他", "public", text), "content/en/other.md": mdPage("Other", "public", textEN),
	})
	g.commit("手順を改める", map[string]string{"content/ja/steps.md": mdPage("手順", "public", text+"\n追加。\n")})
	out := checkRepoAttack(t, g)
	if _, ok := out["ja/history/steps.html"]; !ok {
		t.Error("the renamed document has no history page")
	}
}

// TestAttackInternalPeriod: a document public, then internal for a while
// (its text then carrying the marker), then public again: nothing of the
// internal period is shown, on history, comparison, version, what's-new,
// search or feed; nor, after the document is made internal for good, any
// of it at all, also through the build cache.
func TestAttackInternalPeriod(t *testing.T) {
	t.Parallel()
	g := newRepo(t, minimalSite())
	g.commit("initial", nil)
	g.commit("方針を改定\n\nEffective: 2026-04-05", map[string]string{"content/ja/policy.md": policyJA("public", "公開の本文。")})
	g.commit("非公開にする", map[string]string{
		"content/ja/policy.md": policyJA("internal", "ATKMARK 非公開の間の本文。"),
		"content/en/policy.md": policyEN("internal", "ATKMARK text while internal."),
	})
	g.commit("ATKMARK 非公開のまま改める\n\nEffective: 2026-04-08", map[string]string{
		"content/ja/policy.md": policyJA("internal", "ATKMARK 非公開の間の本文、二つめ。"),
	})
	g.commit("再公開\n\nEffective: 2026-04-12", map[string]string{
		"content/ja/policy.md": policyJA("public", "再び公開の本文。"),
		"content/en/policy.md": policyEN("public", "Public again."),
	})
	out := checkRepoAttack(t, g) // with the cache, which now holds every version
	var versions int
	for name := range out {
		if strings.Contains(name, "/versions/") {
			versions++
		}
	}
	if versions == 0 {
		t.Error("no version pages: the test shows nothing")
	}
	// Internal for good: no trace of any period, the cache in use.
	g.commit("非公開にする", map[string]string{
		"content/ja/policy.md": policyJA("internal", "最後の本文。"),
		"content/en/policy.md": policyEN("internal", "Last text."),
	})
	out = checkRepoAttack(t, g)
	assertNoMarkers(t, out, []string{"公開の本文", "policy.html", "基本方針"})
}

// TestAttackOldLinks: an old version that linked to a document internal
// now (public then) keeps the link's text and loses its address: the
// internal document's path is nowhere, nor is its title.
func TestAttackOldLinks(t *testing.T) {
	t.Parallel()
	files := minimalSite()
	files["content/ja/atkmark-plan.md"] = mdPage("ATKMARK 計画", "public", "## x {#atkmark-x}\n\n計画\n")
	files["content/en/atkmark-plan.md"] = mdPage("ATKMARK Plan", "public", "## x {#atkmark-x}\n\nplan\n")
	files["content/ja/policy.md"] = policyJA("public", "[計画](atkmark-plan.md#atkmark-x)を見よ。")
	files["content/en/policy.md"] = policyEN("public", "See [the plan](atkmark-plan.md#atkmark-x).")
	g := newRepo(t, files)
	g.commit("initial\n\nEffective: 2026-04-01", nil)
	g.commit("計画を非公開にする", map[string]string{
		"content/ja/atkmark-plan.md": mdPage("ATKMARK 計画", "internal", "## x {#atkmark-x}\n\n計画\n"),
		"content/en/atkmark-plan.md": mdPage("ATKMARK Plan", "internal", "## x {#atkmark-x}\n\nplan\n"),
	})
	g.commit("方針を改める\n\nEffective: 2026-04-05", map[string]string{
		"content/ja/policy.md": policyJA("public", "計画を参照せよ。"),
		"content/en/policy.md": policyEN("public", "Refer to the plan."),
	})
	out := checkRepoAttack(t, g)
	found := false
	for name, data := range out {
		if strings.Contains(name, "/versions/") && strings.Contains(string(data), "を見よ") {
			found = true
		}
	}
	if !found {
		t.Error("no version page of the old text: the test shows nothing")
	}
}

// TestAttackOldNotes: an old version whose front matter had a comment in
// its title, or whose link address had one, is not shown (its note would
// be): as if it had not been public.
func TestAttackOldNotes(t *testing.T) {
	t.Parallel()
	g := newRepo(t, minimalSite())
	g.commit("initial", nil)
	g.commit("題名を改める\n\nEffective: 2026-04-05", map[string]string{"content/ja/policy.md": mdPage("基本方針<!-- ATKMARK -->", "public", "## 1 目的 {#purpose}\n\n本文一。\n")})
	g.commit("リンクを加える\n\nEffective: 2026-04-08", map[string]string{"content/ja/policy.md": policyJA("public", "[外部](https://example.com/<!--ATKMARK2-->)本文二。")})
	g.commit("直す\n\nEffective: 2026-04-12", map[string]string{"content/ja/policy.md": policyJA("public", "本文三。")})
	out := checkRepoAttack(t, g)
	assertNoMarkers(t, out, []string{"本文一", "本文二"})
}

// TestAttackPairing: the two languages of a revision are one document at
// that commit. A Japanese file public at a commit where its own English
// was internal is not shown, even when a later rename pairs it with an
// English file that was public then.
func TestAttackPairing(t *testing.T) {
	t.Parallel()
	ja := "## 1 目的 {#purpose}\n\n甲の長い本文の一。甲の長い本文の二。甲の長い本文の三。\n"
	en := "## 1 Purpose {#purpose}\n\nLong text of b, one. Long text of b, two. Long text of b, three.\n"
	files := minimalSite()
	// At the first commits, document a is public in Japanese only (its
	// English internal: not published), and document b public in English
	// only (its Japanese internal).
	files["content/ja/a.md"] = mdPage("ATKMARK 甲", "public", ja+"\nATKMARK 甲の本文。\n")
	files["content/en/a.md"] = mdPage("A", "internal", "## 1 Purpose {#purpose}\n\nInternal.\n")
	files["content/ja/b.md"] = mdPage("乙", "internal", "## 1 目的 {#purpose}\n\n内部。\n")
	files["content/en/b.md"] = mdPage("ATKMARK B", "public", en+"\nATKMARK text of b.\n")
	g := newRepo(t, files)
	g.commit("initial", nil)
	// Then a's Japanese and b's English move to c, and the others go.
	g.commit("整理", map[string]string{
		"content/ja/a.md": "", "content/en/a.md": "", "content/ja/b.md": "", "content/en/b.md": "",
		"content/ja/c.md": mdPage("丙", "public", ja), "content/en/c.md": mdPage("C", "public", en),
	})
	checkRepoAttack(t, g)
}

// TestAttackWithheldTrailer: a malformed Effective trailer on a commit
// whose message is withheld (it changed an internal document as well) is
// never read: the build succeeds and says nothing of the trailer; and the
// judgement holds when the history comes from the cache after later
// commits deleted the internal document.
func TestAttackWithheldTrailer(t *testing.T) {
	t.Parallel()
	g := newRepo(t, merged(minimalSite(), internalPlan("計画")))
	g.commit("initial", nil)
	g.commit("ATKMARK 方針と計画\n\nEffective: 2027-13-01", merged(internalPlan("改めた計画"), map[string]string{"content/ja/policy.md": policyJA("public", "改めた本文。")}))
	out := checkRepoAttack(t, g)
	if !strings.Contains(string(out["ja/history/policy.html"]), "内容は新旧対照表のとおりです。") {
		t.Error("the mixed commit is not shown, withheld")
	}
	_, _, stderr := build(t, g.dir)
	if strings.Contains(stderr, "2027-13-01") {
		t.Errorf("the withheld trailer was read:\n%s", stderr)
	}
	// The internal document goes; the next build reads the history from
	// the cache and walks only the new commit.
	g.commit("計画を削除", map[string]string{"content/ja/plan.md": "", "content/en/plan.md": ""})
	checkRepoAttack(t, g)
	os.RemoveAll(filepath.Join(g.dir, "public"))
	checkRepoAttack(t, g, "-cache=false")
}

// TestAttackCount: a commit that changed a public and an internal document
// does not count the internal one anywhere ("基本方針 ほか1件" would say
// that something else changed).
func TestAttackCount(t *testing.T) {
	t.Parallel()
	g := newRepo(t, merged(minimalSite(), internalPlan("計画")))
	g.commit("initial", nil)
	g.commit("方針と計画\n\nEffective: 2026-04-10", merged(internalPlan("改めた計画"), map[string]string{
		"content/ja/policy.md": policyJA("public", "改めた本文。"),
		"content/en/policy.md": policyEN("public", "Revised text."),
	}))
	out := checkRepoAttack(t, g)
	assertNoMarkers(t, out, []string{"ほか1件", "and 1 more", "doc-plan", "plan.html"})
}

// TestAttackMessageComment: a note written as an HTML comment in the
// message of a commit that changed only public documents is not
// published: the message is withheld (a commit cannot be mended, so the
// build does not fail). Trailers other than Effective are never shown.
func TestAttackMessageComment(t *testing.T) {
	t.Parallel()
	for _, msg := range []string{
		"方針を改める<!-- ATKMARK -->",
		"方針を改める\n\n本文。<!--\nATKMARK\n-->",
		"方針を改める\n\n本文。\n\nSee-also: <!-- ATKMARK -->",
	} {
		g := newRepo(t, minimalSite())
		g.commit("initial", nil)
		g.commit(msg, map[string]string{"content/ja/policy.md": policyJA("public", "改めた本文。")})
		out := checkRepoAttack(t, g)
		if !strings.Contains(msg, "See-also") && !strings.Contains(string(out["ja/history/policy.html"]), "内容は新旧対照表のとおりです。") {
			t.Errorf("%q: not withheld", msg)
		}
	}
}
