package site

import (
	"encoding/xml"
	"path"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"policysite/generator/content"
	deftemplates "policysite/templates"
)

// parsedFeed is an Atom feed as a reader parses it, with encoding/xml.
type parsedFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Title   string   `xml:"http://www.w3.org/2005/Atom title"`
	ID      string   `xml:"http://www.w3.org/2005/Atom id"`
	Updated string   `xml:"http://www.w3.org/2005/Atom updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"http://www.w3.org/2005/Atom link"`
	Entries []struct {
		Title   string `xml:"http://www.w3.org/2005/Atom title"`
		ID      string `xml:"http://www.w3.org/2005/Atom id"`
		Updated string `xml:"http://www.w3.org/2005/Atom updated"`
		Link    struct {
			Href string `xml:"href,attr"`
		} `xml:"http://www.w3.org/2005/Atom link"`
		Summary string `xml:"http://www.w3.org/2005/Atom summary"`
		Author  string `xml:"http://www.w3.org/2005/Atom author>name"`
	} `xml:"http://www.w3.org/2005/Atom entry"`
}

// tagURI is RFC 4151's tagURI: "tag:" taggingEntity ":" specific, with
// specific's characters (pchar, "/" and "?").
var tagURI = regexp.MustCompile(`^tag:[^,:]+,[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*$`)

// feedSite is a site with three revisions of a policy, the organisation's
// file saying organisation (its tag: line, or none).
func feedSite(t *testing.T, tagLine string) *Site {
	t.Helper()
	hh := newHandHistory()
	ja := func(body string) string {
		return mdDoc("基本方針", "public", "## 1 目的 {#purpose}\n\n"+body+"\n")
	}
	en := func(body string) string {
		return mdDoc("Basic policy", "public", "## 1 Purpose {#purpose}\n\n"+body+"\n")
	}
	hh.commit("制定", "", map[string]string{"content/ja/policy.md": ja("本文。"), "content/en/policy.md": en("Text.")})
	hh.commit("第1条を改定", "2026-04-05", map[string]string{"content/ja/policy.md": ja("改めた本文。"), "content/en/policy.md": en("Revised text.")})
	hh.commit("誤字を修正 <&>", "", map[string]string{"content/ja/policy.md": ja("改めた本文です。")})
	org := "ja:\n  organisation: 組合\n  site: 方針\n  footer: 組合\nen:\n  organisation: The Association\n  site: Policy\n  footer: The Association\n" + tagLine
	fsys := handSite(map[string]string{
		"content/ja/policy.md": ja("改めた本文です。"), "content/en/policy.md": en("Revised text."),
	})
	fsys[content.OrganisationFile] = &fstest.MapFile{Data: []byte(org)}
	s, err := Build(Options{FS: fsys, Templates: deftemplates.FS, History: withChanges(hh.h), Today: date("2026-12-03")})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestFeedParsesBack reads each language's feed back with encoding/xml, as
// a feed reader would: Atom's namespace, the language, tag: ids (RFC 4151)
// unique and stable, RFC 3339 times, links to pages the build made, the
// organisation as author, and text escaped so that it reads back as
// written.
func TestFeedParsesBack(t *testing.T) {
	s := feedSite(t, "tag: example.lg.jp,2026\n")
	for _, lang := range []string{"ja", "en"} {
		name := lang + "/feed.atom"
		var f parsedFeed
		if err := xml.Unmarshal(s.Files[name], &f); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if f.Lang != lang || f.Title == "" || len(f.Links) != 2 {
			t.Errorf("%s: lang %q, title %q, links %v", name, f.Lang, f.Title, f.Links)
		}
		if want := "tag:example.lg.jp,2026:policysite/" + lang + "/whats-new"; f.ID != want {
			t.Errorf("%s: id %q, want %q", name, f.ID, want)
		}
		wantEntries := map[string]int{"ja": 3, "en": 2}[lang] // the typo was in Japanese only
		if len(f.Entries) != wantEntries {
			t.Fatalf("%s: %d entries, want %d", name, len(f.Entries), wantEntries)
		}
		if _, err := time.Parse(time.RFC3339, f.Updated); err != nil || f.Updated != f.Entries[0].Updated {
			t.Errorf("%s: updated %q: want the newest entry's, in RFC 3339 (%v)", name, f.Updated, err)
		}
		ids := map[string]bool{}
		for _, e := range f.Entries {
			if !tagURI.MatchString(e.ID) || !strings.HasPrefix(e.ID, "tag:example.lg.jp,2026:policysite/"+lang+"/policy/") {
				t.Errorf("%s: entry id %q is not a tag: URI of the document's", name, e.ID)
			}
			if ids[e.ID] {
				t.Errorf("%s: entry id %q twice", name, e.ID)
			}
			ids[e.ID] = true
			if _, err := time.Parse(time.RFC3339, e.Updated); err != nil {
				t.Errorf("%s: entry updated %q: %v", name, e.Updated, err)
			}
			page, _, _ := strings.Cut(path.Join(lang, e.Link.Href), "#")
			if _, ok := s.Files[page]; !ok {
				t.Errorf("%s: entry link %q leads to no page (%s)", name, e.Link.Href, page)
			}
			if e.Author != map[string]string{"ja": "組合", "en": "The Association"}[lang] {
				t.Errorf("%s: author %q, want the organisation", name, e.Author)
			}
		}
		if lang == "ja" && !strings.Contains(f.Entries[0].Title, "誤字を修正 <&>") {
			t.Errorf("%s: the newest entry's title reads back as %q", name, f.Entries[0].Title)
		}
		if !tagURI.MatchString(f.ID) {
			t.Errorf("%s: feed id %q is not a tag: URI", name, f.ID)
		}
	}
	for _, w := range s.Warnings {
		if strings.Contains(w, "tag:") {
			t.Errorf("warning with a tagging entity: %s", w)
		}
	}
	// The ids are the same in another build: they name the document and the
	// commit, nothing of the build.
	again := feedSite(t, "tag: example.lg.jp,2026\n")
	if string(again.Files["ja/feed.atom"]) != string(s.Files["ja/feed.atom"]) {
		t.Error("two builds wrote different feeds")
	}
}

// Without a tagging entity, the feeds keep their urn: ids and the build
// says what to set.
func TestFeedWithoutTag(t *testing.T) {
	s := feedSite(t, "")
	var f parsedFeed
	if err := xml.Unmarshal(s.Files["ja/feed.atom"], &f); err != nil {
		t.Fatal(err)
	}
	if f.ID != "urn:policysite:ja:whats-new" || len(f.Entries) == 0 || !strings.HasPrefix(f.Entries[0].ID, "urn:policysite:ja:policy:") {
		t.Errorf("feed id %q, entries %d", f.ID, len(f.Entries))
	}
	n := 0
	for _, w := range s.Warnings {
		if strings.Contains(w, content.OrganisationFile+": no tag:") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d warnings about the missing tag:, want 1: %q", n, s.Warnings)
	}
}
