package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Hugo is the competitor: the version, how it is built, and where the binary
// is kept between runs. It is built from the Go module proxy in a throwaway
// module, never as a dependency of policysite, and with the toolchain it
// needs (the go command downloads it), while policysite stays on the
// machine's Go. v0.169.0 cannot be built here (two of its dependencies are
// refused by the proxy), and v0.167.0 needs fsync v0.10.1 instead of v0.10.2.
const (
	hugoVersion   = "v0.167.0"
	hugoToolchain = "go1.27.3"
	hugoGoMod     = `module policysite-bench/hugo

go 1.26

require github.com/gohugoio/hugo ` + hugoVersion + `

replace github.com/spf13/fsync v0.10.2 => github.com/spf13/fsync v0.10.1
`
)

// hugoBinary returns the cached Hugo binary, building it first if needed
// (about a minute and a half). log receives progress lines.
func hugoBinary(log func(string, ...any)) (string, error) {
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(cache, "policysite-bench")
	bin := filepath.Join(dir, "hugo-"+hugoVersion)
	if out, err := exec.Command(bin, "version").Output(); err == nil && strings.Contains(string(out), hugoVersion) {
		return bin, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	mod, err := os.MkdirTemp("", "policysite-bench-hugo-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(mod)
	// The blank import keeps Hugo in the build list; the tag keeps the file
	// out of every build.
	files := map[string]string{
		"go.mod":   hugoGoMod,
		"tools.go": "//go:build tools\n\npackage hugo\n\nimport _ \"github.com/gohugoio/hugo\"\n",
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(mod, name), []byte(data), 0o644); err != nil {
			return "", err
		}
	}
	log("building Hugo %s with %s in a temporary module (about 1.5 minutes, cached in %s)", hugoVersion, hugoToolchain, dir)
	start := time.Now()
	tmp := bin + ".tmp"
	cmd := exec.Command("go", "build", "-o", tmp, "github.com/gohugoio/hugo")
	cmd.Dir = mod
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN="+hugoToolchain, "GOFLAGS=-mod=mod", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build github.com/gohugoio/hugo@%s: %w\n%s", hugoVersion, err, lastLines(string(out), 15))
	}
	if err := os.Rename(tmp, bin); err != nil {
		return "", err
	}
	log("built Hugo in %v", time.Since(start).Round(time.Second))
	return bin, nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// hugoConfig is a minimal bilingual site over our content/<lang>/ folders:
// one mount per language. content/<lang>/index.md is our home page; Hugo
// would take it for a leaf bundle and swallow every sibling as a resource,
// so it is excluded and the same file is mounted again as _index.md from a
// folder of Hugo's own. Taxonomies, feeds and the sitemap are off: Hugo does
// only what our build does, pages and home pages, with templates as small
// as possible, so its numbers are a lower bound for a real Hugo site.
const hugoConfig = `baseURL = "https://policy.example.org/"
defaultContentLanguage = "ja"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
enableRobotsTXT = false

[markup.goldmark.extensions.cjk]
enable = true

[languages.ja]
label = "日本語"
weight = 1
[languages.en]
label = "English"
weight = 2

[[module.mounts]]
source = "content/ja"
target = "content"
files = ["! /index.md"]
sites.matrix.languages = ["ja"]
[[module.mounts]]
source = "content/en"
target = "content"
files = ["! /index.md"]
sites.matrix.languages = ["en"]
[[module.mounts]]
source = "%s/ja"
target = "content"
sites.matrix.languages = ["ja"]
[[module.mounts]]
source = "%s/en"
target = "content"
sites.matrix.languages = ["en"]
[[module.mounts]]
source = "%s/layouts"
target = "layouts"
`

var hugoLayouts = map[string]string{
	"baseof.html": `<!DOCTYPE html>
<html lang="{{ .Language.Lang }}">
<head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
`,
	"single.html": `{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}{{ end }}
`,
	"list.html": `{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
`,
}

// hugoSite writes Hugo's configuration into project (the folder that holds
// content/ and maybe .git, so that --enableGitInfo finds the repository) and
// its own files into aside, outside the project.
func hugoSite(project, aside string) error {
	files := map[string][]byte{
		"hugo.toml": fmt.Appendf(nil, hugoConfig, aside, aside, aside),
	}
	if err := writeTree(project, files); err != nil {
		return err
	}
	own := map[string][]byte{}
	for name, t := range hugoLayouts {
		own["layouts/"+name] = []byte(t)
	}
	for _, lang := range []string{"ja", "en"} {
		data, err := os.ReadFile(filepath.Join(project, "content", lang, "index.md"))
		if err != nil {
			return err
		}
		own[lang+"/_index.md"] = data
	}
	return writeTree(aside, own)
}
