package site

import "fmt"

type whatsNewView struct {
	Entries []recentEntry
	Note    string
}

// recentEntry is a line of a list of revisions across documents (home and
// what's new). Its link reads the document's title, which several lines
// may share, so LinkNote says to screen readers which comparison it leads
// to: its date, and its commit's short hash when the same document changed
// twice that day. No two links of a list then say the same and lead to
// different places.
type recentEntry struct {
	revEntry
	LinkNote string
}

func (b *builder) historyNote(lang string) string {
	if b.opt.History == nil {
		return uiStrings[lang].NoRevisionHistory
	}
	return ""
}

// recent returns entries for every published revision, newest first.
func (b *builder) recent(lang, from string) []recentEntry {
	var out []recentEntry
	seen := map[string]int{}
	for _, it := range b.recentRevisions(lang) {
		e := recentEntry{revEntry: b.entry(lang, it.dh, it.rev, from)}
		e.LinkNote = fmt.Sprintf(uiStrings[lang].RecentLinkFormat, e.Date)
		seen[e.Title+e.LinkNote]++
		out = append(out, e)
	}
	for i, e := range out {
		if seen[e.Title+e.LinkNote] > 1 {
			out[i].LinkNote = fmt.Sprintf(uiStrings[lang].RecentLinkFormat, e.Date+" "+e.Short)
		}
	}
	return out
}

// maxFeed bounds the feed: a feed reader keeps what it has read, and the
// what's-new page lists every revision, so no document drops out of sight.
const maxFeed = 50

func (b *builder) whatsNew(lang string) {
	out := lang + "/whats-new.html"
	p := newPage("whats-new", lang, out, uiStrings[lang].WhatsNew)
	p.Alt = altFor(p, out)
	entries := b.recent(lang, p.LangRoot)
	p.WhatsNew = &whatsNewView{Entries: entries, Note: b.historyNote(lang)}
	p.Feed = len(entries) > 0
	b.render(out, p)
	if p.Feed {
		b.feed(lang)
	}
}
