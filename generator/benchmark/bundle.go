package main

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"path"
	"regexp"
	"strings"
	"time"

	git5 "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"go.yaml.in/yaml/v3"
)

// The site-policy bundle (GitHub's site policies, CC0) is real prose with a
// real history, but in another format. mapBundle rewrites its first-parent
// history into a new repository in ours, commit by commit, keeping messages,
// authors and dates:
//
//   - Policies/<path>.md becomes content/en/<path>.md and content/ja/<path>.md
//     (the same English text stands in for the translation), the path
//     lower-cased;
//   - the front matter becomes ours: the title from theirs, visibility public;
//   - every heading gets an ID, {#h-1}, {#h-2}, … in order (a level-1 heading
//     becomes level 2: the title is the H1);
//   - images become their alt text, and links that are neither web addresses
//     nor .md files (their site's /site-policy/… paths, #anchors) are made
//     absolute, since our build checks every relative link;
//   - content/<lang>/index.md, a home page, is added in the first commit.
//
// Raw HTML, HTML comments and Liquid tags are left as they are: they are part
// of the workload (our build and Hugo both drop raw HTML).

// cloneBundle clones a git bundle into dir.
func cloneBundle(bundle, dir string) error {
	cmd := exec.Command("git", "clone", "-q", bundle, dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("git clone %s: %w: %s", bundle, err, bytes.TrimSpace(out))
	}
	return nil
}

type bundleStats struct {
	commits int // commits written (those that changed Policies/)
	docs    int // documents in the last commit
}

// mapBundle reads the clone in src and writes the mapped history to dst.
func mapBundle(src, dst string) (bundleStats, error) {
	var st bundleStats
	repo, err := git5.PlainOpen(src)
	if err != nil {
		return st, err
	}
	head, err := repo.Head()
	if err != nil {
		return st, err
	}
	c, err := repo.CommitObject(head.Hash())
	if err != nil {
		return st, err
	}
	var chain []*object.Commit
	for {
		chain = append(chain, c)
		if c.NumParents() == 0 {
			break
		}
		if c, err = c.Parent(0); err != nil {
			return st, err
		}
	}
	im, err := newImporter(dst)
	if err != nil {
		return st, err
	}
	marks := map[plumbing.Hash]int{} // source blob -> mark of its mapped form
	home := map[string]int{
		"content/ja/index.md": im.blob([]byte(bundleHome)),
		"content/en/index.md": im.blob([]byte(bundleHome)),
	}
	var prev plumbing.Hash
	for i := len(chain) - 1; i >= 0; i-- {
		c := chain[i]
		tree, err := c.Tree()
		if err != nil {
			return st, err
		}
		sub, err := tree.Tree("Policies")
		if errors.Is(err, object.ErrDirectoryNotFound) {
			continue
		}
		if err != nil {
			return st, err
		}
		if sub.Hash == prev {
			continue
		}
		prev = sub.Hash
		files := map[string]int{}
		for k, v := range home {
			files[k] = v
		}
		err = sub.Files().ForEach(func(f *object.File) error {
			if !strings.HasSuffix(f.Name, ".md") {
				return nil
			}
			m, ok := marks[f.Hash]
			if !ok {
				data, err := f.Contents()
				if err != nil {
					return err
				}
				m = im.blob(mapPolicy(f.Name, []byte(data)))
				marks[f.Hash] = m
			}
			p := mapPath(f.Name)
			files["content/en/"+p] = m
			files["content/ja/"+p] = m
			return nil
		})
		if err != nil {
			return st, err
		}
		im.commit(signature(c.Author), signature(c.Committer), c.Message, true, nil, files)
		st.commits++
		st.docs = len(files)/2 - 1
	}
	return st, im.close()
}

func signature(s object.Signature) person {
	when := s.When
	if when.IsZero() {
		when = time.Unix(0, 0).UTC()
	}
	return person{name: s.Name, email: s.Email, when: when}
}

const bundleHome = `---
title: Site policies
visibility: public
summary: GitHub's site policies, as a workload for the benchmark.
---

## About {#about}

GitHub's site policies (CC0-1.0), mapped onto this site's format.
`

var pathSafe = regexp.MustCompile(`[^a-z0-9/]+`)

// mapPath turns "GitHub-Terms/x_y.md" into "github-terms/x-y.md".
func mapPath(p string) string {
	p = strings.ToLower(strings.TrimSuffix(p, ".md"))
	parts := strings.Split(pathSafe.ReplaceAllString(p, "-"), "/")
	for i, s := range parts {
		parts[i] = strings.Trim(s, "-")
	}
	return path.Join(parts...) + ".md"
}

var (
	atxHeading  = regexp.MustCompile(`^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$`)
	attrSuffix  = regexp.MustCompile(`\s*\{[#:.][^}]*\}\s*$`)
	fence       = regexp.MustCompile("^ {0,3}(```|~~~)")
	image       = regexp.MustCompile(`!\[([^\]]*)\](\([^)]*\)|\[[^\]]*\])`)
	inlineDest  = regexp.MustCompile(`\]\(\s*<?([^)\s>]*)`)
	refDef      = regexp.MustCompile(`^( {0,3}\[[^\]]+\]:\s*<?)([^\s>]+)`)
	hasScheme   = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)
	yamlOpening = []byte("---\n")
)

// mapPolicy maps one file of Policies/ onto our format.
func mapPolicy(name string, data []byte) []byte {
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	title := strings.TrimSuffix(path.Base(name), ".md")
	body := data
	if bytes.HasPrefix(data, yamlOpening) {
		if end := bytes.Index(data[4:], []byte("\n---")); end >= 0 {
			var fm struct {
				Title string `yaml:"title"`
			}
			if yaml.Unmarshal(data[4:4+end], &fm) == nil && strings.TrimSpace(fm.Title) != "" {
				title = strings.TrimSpace(fm.Title)
			}
			body = data[4+end+4:]
			if i := bytes.IndexByte(body, '\n'); i >= 0 {
				body = body[i+1:]
			} else {
				body = nil
			}
		}
	}
	var out bytes.Buffer
	t, _ := yaml.Marshal(title)
	fmt.Fprintf(&out, "---\ntitle: %svisibility: public\n---\n", t)
	n := 0
	inFence := false
	for _, line := range strings.SplitAfter(string(body), "\n") {
		nl := strings.HasSuffix(line, "\n")
		line = strings.TrimSuffix(line, "\n")
		if fence.MatchString(line) {
			inFence = !inFence
		}
		if !inFence {
			if m := atxHeading.FindStringSubmatch(line); m != nil {
				level := max(len(m[1]), 2)
				text := strings.TrimSpace(attrSuffix.ReplaceAllString(m[2], ""))
				if text == "" {
					text = "Section"
				}
				n++
				line = fmt.Sprintf("%s %s {#h-%d}", strings.Repeat("#", level), text, n)
			} else {
				line = image.ReplaceAllString(line, "$1")
				line = inlineDest.ReplaceAllStringFunc(line, func(s string) string {
					m := inlineDest.FindStringSubmatchIndex(s)
					return s[:m[2]] + absolute(s[m[2]:m[3]])
				})
				if m := refDef.FindStringSubmatch(line); m != nil {
					line = m[1] + absolute(m[2]) + line[len(m[0]):]
				}
			}
		}
		out.WriteString(line)
		if nl {
			out.WriteByte('\n')
		}
	}
	return out.Bytes()
}

// absolute makes a link destination our build accepts without checking it.
func absolute(dest string) string {
	if dest == "" || hasScheme.MatchString(dest) {
		return dest
	}
	return "https://docs.github.com/" + strings.TrimLeft(dest, "/")
}
