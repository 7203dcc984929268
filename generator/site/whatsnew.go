package site

type whatsNewView struct {
	Entries []revEntry
	Note    string
}

func (b *builder) historyNote(lang string) string {
	if b.opt.History == nil {
		return uiStrings[lang].NoRevisionHistory
	}
	return ""
}

// recent returns entries for every published revision, newest first.
func (b *builder) recent(lang, from string) []revEntry {
	var out []revEntry
	for _, it := range b.recentRevisions(lang) {
		out = append(out, b.entry(lang, it.dh, it.rev, from))
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
