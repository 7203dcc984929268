package main

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"policysite/generator/site"
	"policysite/internal/longtest"
	"policysite/templates"
)

func TestSyntheticIsDeterministic(t *testing.T) {
	a, b := synthetic(60), synthetic(60)
	a.history(20, 5)
	b.history(20, 5)
	fa, fb := a.files(), b.files()
	if len(fa) != 60 {
		t.Errorf("got %d files, want 60", len(fa))
	}
	for p, data := range fa {
		if !bytes.Equal(data, fb[p]) {
			t.Errorf("%s differs between two generations", p)
		}
	}
}

var headingID = regexp.MustCompile(`(?m)^#{2,6} .* \{#([a-z0-9-]+)\}$`)

func TestSyntheticTranslationsMatch(t *testing.T) {
	files := synthetic(40).files()
	for p, ja := range files {
		if !strings.HasPrefix(p, "content/ja/") {
			continue
		}
		en := files["content/en/"+strings.TrimPrefix(p, "content/ja/")]
		if en == nil {
			t.Errorf("%s: no translation", p)
			continue
		}
		jIDs, eIDs := headingID.FindAllStringSubmatch(string(ja), -1), headingID.FindAllStringSubmatch(string(en), -1)
		if len(jIDs) == 0 || len(jIDs) != len(eIDs) {
			t.Errorf("%s: %d headings, translation %d", p, len(jIDs), len(eIDs))
			continue
		}
		for i := range jIDs {
			if jIDs[i][1] != eIDs[i][1] {
				t.Errorf("%s: heading %d is {#%s}, translation {#%s}", p, i, jIDs[i][1], eIDs[i][1])
			}
		}
	}
}

func TestHistoryChangesOneSentencePerFile(t *testing.T) {
	c := synthetic(40)
	before := c.files()
	changes := c.history(10, 5)
	if len(changes) != 10 {
		t.Fatalf("got %d commits, want 10", len(changes))
	}
	for i, ch := range changes {
		if len(ch.files) != 5 {
			t.Errorf("commit %d changes %d files, want 5", i, len(ch.files))
		}
		for p, data := range ch.files {
			old, now := strings.Split(string(before[p]), "\n"), strings.Split(string(data), "\n")
			if len(old) != len(now) {
				t.Errorf("commit %d, %s: %d lines, were %d", i, p, len(now), len(old))
				continue
			}
			changed := 0
			for k := range old {
				if old[k] != now[k] {
					changed++
				}
			}
			if changed != 1 {
				t.Errorf("commit %d, %s: %d lines changed, want 1", i, p, changed)
			}
			before[p] = data
		}
	}
}

// The synthetic corpus must be a valid site: every heading has its ID, every
// link resolves, both languages agree.
func TestSyntheticBuilds(t *testing.T) {
	fsys := fstest.MapFS{}
	for p, data := range synthetic(60).files() {
		fsys[p] = &fstest.MapFile{Data: data}
	}
	s, err := site.Build(site.Options{FS: fsys, Templates: templates.FS})
	if err != nil {
		t.Fatal(err)
	}
	if s.Files["ja/doc-0003.html"] == nil || s.Files["en/doc-0029.html"] == nil {
		t.Errorf("document pages missing from %d files", len(s.Files))
	}
}

func TestMapPolicy(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"front matter", "---\ntitle: GitHub Terms of Service\nredirect_from:\n  - /tos\nversions:\n  fpt: '*'\n---\nText.\n",
			"---\ntitle: GitHub Terms of Service\nvisibility: public\n---\nText.\n"},
		{"quoted title", "---\ntitle: 'A: B'\n---\n", "---\ntitle: 'A: B'\nvisibility: public\n---\n"},
		{"no front matter", "Text.\n", "---\ntitle: x\nvisibility: public\n---\nText.\n"},
		{"headings numbered, level 1 demoted", "# One\n## Two ##\n### Three {#old}\n",
			"---\ntitle: x\nvisibility: public\n---\n## One {#h-1}\n## Two {#h-2}\n### Three {#h-3}\n"},
		{"code untouched", "```\n# not a heading\n[a](/b)\n```\n## H\n",
			"---\ntitle: x\nvisibility: public\n---\n```\n# not a heading\n[a](/b)\n```\n## H {#h-1}\n"},
		{"links made absolute", "[a](/site-policy/x) [b](#top) [c](https://example.com) [d](mailto:a@b.c)\n[ref]: /articles/y\n",
			"---\ntitle: x\nvisibility: public\n---\n[a](https://docs.github.com/site-policy/x) [b](https://docs.github.com/#top) [c](https://example.com) [d](mailto:a@b.c)\n[ref]: https://docs.github.com/articles/y\n"},
		{"images become alt text", "See ![the logo](/logo.png) here.\n", "---\ntitle: x\nvisibility: public\n---\nSee the logo here.\n"},
		{"CRLF", "---\r\ntitle: T\r\n---\r\n## H\r\n", "---\ntitle: T\nvisibility: public\n---\n## H {#h-1}\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(mapPolicy("Policies/x.md", []byte(tc.in))); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestMapPath(t *testing.T) {
	for in, want := range map[string]string{
		"github-terms/github-terms-of-service.md":                     "github-terms/github-terms-of-service.md",
		"GitHub-Supplemental-Terms-for-Microsoft-Volume-Licensing.md": "github-supplemental-terms-for-microsoft-volume-licensing.md",
		"a_b/C D.md": "a-b/c-d.md",
	} {
		if got := mapPath(in); got != want {
			t.Errorf("mapPath(%q) = %q, want %q", in, got, want)
		}
	}
}

// The real bundle, mapped, must build: this is what the benchmark times.
func TestBundleBuilds(t *testing.T) {
	const bundle = "../../../shared/corpora/site-policy.bundle"
	if _, err := os.Stat(bundle); err != nil {
		t.Skip("no site-policy bundle:", err)
	}
	longtest.Skip(t, "clones and rewrites a history of 344 commits")
	dir := t.TempDir()
	if err := cloneBundle(bundle, dir+"/src"); err != nil {
		t.Fatal(err)
	}
	st, err := mapBundle(dir+"/src", dir+"/repo")
	if err != nil {
		t.Fatal(err)
	}
	if st.docs < 50 || st.commits < 300 {
		t.Errorf("mapped %d documents in %d commits, want the bundle's 57 and 344", st.docs, st.commits)
	}
	if _, err := site.Build(site.Options{FS: os.DirFS(dir + "/repo"), Templates: templates.FS}); err != nil {
		t.Fatal(err)
	}
}
