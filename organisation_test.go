package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"policysite/generator/content"
)

// TestSecondOrganisation builds another organisation's site from
// testdata/second-org (its own names, two documents, one internal, a quiz)
// with a history, and proves that nothing of this repository's
// organisation reaches it: all its names come from its own content/.
func TestSecondOrganisation(t *testing.T) {
	t.Parallel()
	files := map[string]string{}
	fixture := filepath.Join("testdata", "second-org")
	err := filepath.WalkDir(fixture, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(fixture, p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	g := newRepo(t, files)
	g.commit("規程集を公開", nil)
	out := buildRepo(t, g)

	// This repository's names, from its own organisation file, and the
	// words they are made of.
	ours, err := content.LoadOrganisation(os.DirFS("."))
	if err != nil {
		t.Fatal(err)
	}
	forbidden := []string{"山鹿", "植木", "Yamaga", "Ueki", "SECONDORGINTERNAL"}
	for _, n := range ours {
		forbidden = append(forbidden, n.Organisation, n.Site, n.Footer)
	}
	assertNoMarkers(t, out, forbidden)

	theirs := map[string]string{
		"ja/index.html":           `<a class="site-name" href="./index.html">情報セキュリティ規程集</a>`,
		"en/index.html":           "<p>Minato Bay Sanitation Union — Information Security Rules</p>",
		"ja/security-policy.html": "<title>みなと湾岸衛生組合情報セキュリティ基本方針 | 情報セキュリティ規程集</title>",
		"ja/feed.atom":            "<name>みなと湾岸衛生組合</name>",
		"en/feed.atom":            "<title>Information Security Rules — What",
		"index.html":              `<h1>情報セキュリティ規程集<span class="landing-alt" lang="en">Information Security Rules</span></h1>`,
	}
	for name, want := range theirs {
		if !strings.Contains(string(out[name]), want) {
			t.Errorf("%s lacks %q", name, want)
		}
	}
	quiz := false
	for name := range out {
		quiz = quiz || strings.HasPrefix(name, "ja/quiz/basics")
	}
	if !quiz {
		t.Error("the quiz has no page")
	}
}
