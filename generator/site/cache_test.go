package site

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"policysite/generator/cache"
	"policysite/generator/history"
	deftemplates "policysite/templates"
)

func mdDoc(title, vis, body string) string {
	return "---\ntitle: " + title + "\nvisibility: " + vis + "\n---\n\n" + body
}

// cacheProject is a site whose history (made by hand, no git needed) has
// revisions that were public, one period when the policy was internal, and
// an internal plan with a marker in every version.
func cacheProject() (fstest.MapFS, *history.History) {
	ja := func(vis, body string) []byte {
		return []byte(mdDoc("基本方針", vis, "## 1 目的 {#purpose}\n\n"+body+"\n"))
	}
	en := func(vis, body string) []byte {
		return []byte(mdDoc("Basic policy", vis, "## 1 Purpose {#purpose}\n\n"+body+"\n"))
	}
	plan := func(n string) []byte { return []byte(mdDoc("計画 CACHELEAK"+n, "internal", "CACHELEAK"+n+"\n")) }
	fsys := fstest.MapFS{
		"content/ja/index.md":  {Data: []byte(mdDoc("ホーム", "public", "ようこそ。\n"))},
		"content/en/index.md":  {Data: []byte(mdDoc("Home", "public", "Welcome.\n"))},
		"content/ja/policy.md": {Data: ja("public", "機器の故障等による消去を防ぐ。\n\n第三段落。")},
		"content/en/policy.md": {Data: en("public", "Prevent loss through equipment failures.\n\nThird.")},
		"content/ja/plan.md":   {Data: plan("3")},
		"content/en/plan.md":   {Data: plan("3")},
	}
	h := &history.History{Files: map[string][]history.Version{}}
	day := time.Date(2026, 3, 31, 9, 0, 0, 0, time.FixedZone("JST", 9*3600))
	commit := func(subject, effective string, files map[string][]byte) {
		c := &history.Commit{Hash: strings.Repeat(string(rune('a'+len(h.Commits))), 40), Subject: subject,
			Effective: effective, Time: day.AddDate(0, 0, len(h.Commits)), Seq: len(h.Commits)}
		c.Short = c.Hash[:7]
		h.Commits = append(h.Commits, c)
		for name, data := range files {
			h.Files[name] = append(h.Files[name], history.Version{Commit: c, Path: name, Data: data})
		}
	}
	commit("制定", "", map[string][]byte{
		"content/ja/policy.md": ja("public", "機器故障等による消去を防ぐ。"),
		"content/en/policy.md": en("public", "Prevent loss through equipment failure."),
		"content/ja/plan.md":   plan("1"), "content/en/plan.md": plan("1"),
	})
	commit("一時非公開", "", map[string][]byte{
		"content/ja/policy.md": ja("internal", "CACHELEAKINTERNAL 機器故障等"),
		"content/en/policy.md": en("internal", "CACHELEAKINTERNAL"),
	})
	commit("再公開", "2027-04-01", map[string][]byte{
		"content/ja/policy.md": ja("public", "機器の故障等による消去を防ぐ。"),
		"content/en/policy.md": en("public", "Prevent loss through equipment failures."),
	})
	commit("計画を更新", "", map[string][]byte{"content/ja/plan.md": plan("2"), "content/en/plan.md": plan("2")})
	commit("段落を追加", "", map[string][]byte{
		"content/ja/policy.md": ja("public", "機器の故障等による消去を防ぐ。\n\n第三段落。"),
		"content/en/policy.md": en("public", "Prevent loss through equipment failures.\n\nThird."),
		"content/ja/plan.md":   plan("3"), "content/en/plan.md": plan("3"),
	})
	return fsys, h
}

// A build with the cache, cold or warm, or with a damaged cache file, is
// byte for byte the build without it; and the cache holds nothing of what
// was not public.
func TestCacheGivesTheSameSite(t *testing.T) {
	fsys, h := cacheProject()
	build := func(c *cache.Store) map[string][]byte {
		t.Helper()
		s, err := Build(Options{FS: fsys, Templates: deftemplates.FS, History: h, Cache: c})
		if err != nil {
			t.Fatal(err)
		}
		return s.Files
	}
	want := build(nil)
	if len(want) == 0 || want["ja/history/policy.html"] == nil {
		t.Fatal("no history pages")
	}
	file := filepath.Join(t.TempDir(), "site.cache")
	salt := []byte("test program")
	check := func(what string, got map[string][]byte) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("%s: %d files, want %d", what, len(got), len(want))
		}
		for name, data := range want {
			if !bytes.Equal(got[name], data) {
				t.Errorf("%s: %s differs from the build without a cache", what, name)
			}
		}
	}
	cold := cache.Open(file, salt)
	check("cold cache", build(cold))
	if err := cold.Save(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	// Every value as it is kept, not as the file has it (compressed).
	// The cache holds nothing of a version that was not public, and no
	// text of any version but its title: a comparison is kept as where
	// its marks go (diff.Table).
	n := 0
	for _, v := range cache.Open(file, salt).All() {
		n++
		for _, text := range []string{"CACHELEAK", "機器の故障等", "機器故障等", "equipment failure", "Third", "第三段落"} {
			if bytes.Contains(v, []byte(text)) {
				t.Errorf("the cache holds %q: %q", text, v)
			}
		}
	}
	if n == 0 {
		t.Error("the cache holds nothing")
	}
	if hits, puts := cold.Stats(); hits != 0 || puts == 0 {
		t.Errorf("cold cache: %d hits, %d puts", hits, puts)
	}
	warm := cache.Open(file, salt)
	check("warm cache", build(warm))
	if hits, puts := warm.Stats(); hits == 0 || puts != 0 {
		t.Errorf("warm cache: %d hits, %d puts; want every value from the cache", hits, puts)
	}
	if err := warm.Save(); err != nil {
		t.Fatal(err)
	}
	if again, _ := os.ReadFile(file); !bytes.Equal(again, data) {
		t.Error("a warm build rewrote the cache differently")
	}

	// Another program's cache is not read.
	check("other program", build(cache.Open(file, []byte("other"))))
	// A damaged file is ignored.
	bad := bytes.Clone(data)
	bad[len(bad)/2] ^= 0xff
	os.WriteFile(file, bad, 0o644)
	check("damaged cache", build(cache.Open(file, salt)))
	// Values this code did not write are recomputed.
	junk := cache.Open(filepath.Join(t.TempDir(), "junk"), salt)
	for _, v := range h.Files["content/ja/policy.md"] {
		junk.Put(cache.NewKey([]byte("version"), []byte("ja"), []byte(v.Path), []byte("policy"), v.Data), []byte{1, 2})
	}
	check("undecodable entries", build(junk))
}

// A build that consumes its history (ConsumeHistory, as the build command
// does) is the build that does not, with a cache cold or warm, and lets go
// of every version's bytes of content/.
func TestConsumeHistory(t *testing.T) {
	fsys, h := cacheProject()
	s, err := Build(Options{FS: fsys, Templates: deftemplates.FS, History: h})
	if err != nil {
		t.Fatal(err)
	}
	want := s.Files
	file := filepath.Join(t.TempDir(), "site.cache")
	for _, what := range []string{"no cache", "cold cache", "warm cache"} {
		var c *cache.Store
		if what != "no cache" {
			c = cache.Open(file, []byte("test program"))
		}
		_, h := cacheProject()
		s, err := Build(Options{FS: fsys, Templates: deftemplates.FS, History: h, Cache: c, ConsumeHistory: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Files) != len(want) {
			t.Fatalf("%s: %d files, want %d", what, len(s.Files), len(want))
		}
		for name, data := range want {
			if !bytes.Equal(s.Files[name], data) {
				t.Errorf("%s: %s differs from the build that kept its history", what, name)
			}
		}
		for name, vs := range h.Files {
			for _, v := range vs {
				if v.Data != nil {
					t.Errorf("%s: %s at %s still held", what, name, v.Commit.Short)
				}
			}
		}
		if err := c.Save(); err != nil {
			t.Fatal(err)
		}
	}
}
