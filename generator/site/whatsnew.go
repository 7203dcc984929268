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

// maxWhatsNew bounds the what's-new page and the feed.
const maxWhatsNew = 50

func (b *builder) whatsNew(lang string) {
	out := lang + "/whats-new.html"
	p := newPage("whats-new", lang, out, uiStrings[lang].WhatsNew)
	p.Alt = altFor(p, out)
	entries := b.recent(lang, p.LangRoot)
	if len(entries) > maxWhatsNew {
		entries = entries[:maxWhatsNew]
	}
	p.WhatsNew = &whatsNewView{Entries: entries, Note: b.historyNote(lang)}
	p.Feed = len(entries) > 0
	b.render(out, p)
	if p.Feed {
		b.feed(lang)
	}
}
