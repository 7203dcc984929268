package site

import (
	"encoding/xml"
	"strings"

	"policysite/generator/content"
)

// The Atom feed of a language's revisions (RFC 4287). Links are relative to
// the feed's own address, which feed readers resolve. Ids are tag: URIs
// (RFC 4151) minted under the organisation's tagging entity (tag: in
// content/organisation.yaml, such as example.lg.jp,2026), of the language,
// the document path and the commit, so they never change:
//
//	tag:example.lg.jp,2026:policysite/ja/whats-new            the feed
//	tag:example.lg.jp,2026:policysite/ja/basic-policy/<hash>  an entry
//
// Without a tagging entity the ids are urn:policysite:…, as before tag:
// existed, and the build warns: no one owns that name, so two sites' ids
// may be the same.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	Title   string     `xml:"title"`
	ID      string     `xml:"id"`
	Updated string     `xml:"updated"`
	Link    atomLink   `xml:"link"`
	Summary string     `xml:"summary"`
	Author  atomAuthor `xml:"author"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

func (b *builder) feed(lang string) {
	ui := uiStrings[lang]
	if b.org[lang].Tag == "" && lang == content.Languages[0] {
		b.mu.Lock()
		b.warnf("%s: no tag: the feeds' ids are urn:policysite: names, which no one owns; set tag: to the organisation's tagging entity (RFC 4151), a domain name or e-mail address it holds and a date it held it on, such as tag: example.lg.jp,2026 (feed readers then see every entry once more)", content.OrganisationFile)
		b.mu.Unlock()
	}
	revs := b.recentRevisions(lang)
	if len(revs) > maxFeed {
		revs = revs[:maxFeed]
	}
	f := atomFeed{
		Lang:  lang,
		Title: b.org[lang].Site + " — " + ui.WhatsNew,
		ID:    b.feedID(lang, "whats-new"),
		Links: []atomLink{{Rel: "alternate", Type: "text/html", Href: "whats-new.html"}, {Rel: "self", Type: "application/atom+xml", Href: "feed.atom"}},
	}
	for i, it := range revs {
		c := it.rev.commit
		ts := c.Time.UTC().Format("2006-01-02T15:04:05Z")
		if i == 0 {
			f.Updated = ts
		}
		e := b.entry(lang, it.dh, it.rev, "")
		summary := e.Subject
		if e.effectiveText != "" {
			summary = e.KindLabel + " " + e.effectiveText + ": " + summary
		}
		if e.Status == ui.NotInForce {
			summary = e.Status + " " + summary
		}
		f.Entries = append(f.Entries, atomEntry{
			Title:   e.Title + " — " + e.Subject,
			ID:      b.feedID(lang, it.dh.pair.Path, c.Hash),
			Updated: ts,
			Link:    atomLink{Rel: "alternate", Type: "text/html", Href: e.Href},
			Summary: summary,
			// Atom requires an author; names are personal information, so
			// the organisation signs every entry.
			Author: atomAuthor{Name: b.org[lang].Organisation},
		})
	}
	out, err := xml.MarshalIndent(f, "", " ")
	if err != nil {
		b.errs = append(b.errs, err)
		return
	}
	b.put(lang+"/feed.atom", append([]byte(xml.Header), out...), false)
}

// feedID is the id of the feed (parts "whats-new") or of an entry
// (document path, commit hash) in lang: see atomFeed.
func (b *builder) feedID(lang string, parts ...string) string {
	if tag := b.org[lang].Tag; tag != "" {
		return "tag:" + tag + ":policysite/" + lang + "/" + strings.Join(parts, "/")
	}
	return "urn:policysite:" + lang + ":" + strings.Join(parts, ":")
}
