package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"policysite/generator/site"
	"policysite/templates"
)

// project writes a one-document project into a new folder, with a body of
// its own for each language.
func project(t *testing.T, jaBody string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"content/ja/policy.md": "---\ntitle: 方針\nvisibility: public\n---\n\n## 1 目的 {#purpose}\n\n" + jaBody + "\n",
		"content/en/policy.md": "---\ntitle: Policy\nvisibility: public\n---\n\n## 1 Purpose {#purpose}\n\nThe purpose.\n",
		"content/ja/index.md":  "---\ntitle: ホーム\nvisibility: public\n---\n\nようこそ。\n",
		"content/en/index.md":  "---\ntitle: Home\nvisibility: public\n---\n\nWelcome.\n",
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func config(dir, out string) Config {
	return Config{Dir: dir, Site: site.Options{FS: os.DirFS(dir), Templates: templates.FS}, History: true, Cache: true, Out: out}
}

func TestRun(t *testing.T) {
	dir := project(t, "本文。")
	out := filepath.Join(t.TempDir(), "public")

	// Without a repository: built, saying why there is no history.
	res, err := Run(config(dir, out))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.NoHistory, "no git repository") || len(res.Warnings) == 0 || res.Warnings[0] != res.NoHistory {
		t.Errorf("NoHistory %q, warnings %q: want the missing repository said first", res.NoHistory, res.Warnings)
	}
	page, err := os.ReadFile(filepath.Join(out, "ja", "policy.html"))
	if err != nil || !strings.Contains(string(page), "本文。") {
		t.Fatalf("ja/policy.html not written (%v)", err)
	}
	if _, ok := res.Site.Files["ja/policy.html"]; !ok {
		t.Error("Site.Files does not list ja/policy.html")
	}

	// Checking only writes nothing, in the project or anywhere else, and
	// still says what would be written.
	fresh := project(t, "本文。")
	res, err = Run(config(fresh, ""))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Site.Files) == 0 {
		t.Error("a check lists no files")
	}
	if entries, _ := os.ReadDir(fresh); len(entries) != 1 {
		t.Errorf("a check left %v in the project (want content/ only)", entries)
	}

	// A failing build leaves the previous output as it was, and nothing
	// beside it.
	bad := project(t, "[link](missing.md)")
	if _, err := Run(config(bad, out)); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Fatalf("a broken link: err %v", err)
	}
	if page2, err := os.ReadFile(filepath.Join(out, "ja", "policy.html")); err != nil || string(page2) != string(page) {
		t.Errorf("the failed build changed the output (%v)", err)
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("beside the output after a failed build: %v", entries)
	}
}
