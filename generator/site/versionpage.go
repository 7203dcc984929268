package site

import (
	"fmt"
	"html/template"

	"policysite/generator/content"
	"policysite/generator/markdown"
)

// versionPath is where the page of an edition goes, relative to the
// language folder: "versions/basic-policy.1a2b3c4.html", named by the
// commit that began it. Document paths have no dots, so no two documents'
// names meet.
func versionPath(docPath, short string) string {
	return "versions/" + docPath + "." + short + ".html"
}

// fullTextHref is the address, from a page at langRoot, of the full text
// of ed: the document's own page for the edition in force, else the
// edition's page.
func fullTextHref(langRoot string, dh *docHistory, ed *edition) string {
	if ed == nil || ed == dh.current {
		return langRoot + dh.pair.Path + ".html"
	}
	return langRoot + versionPath(dh.pair.Path, ed.first.commit.Short)
}

// versionView is the page of one edition that is not the one in force.
type versionView struct {
	Label, Notice                         string
	CurrentHref, ChangesHref, HistoryHref string
	TOC, HTML                             template.HTML
}

// pendingNotice announces, on a document's page, an edition not yet in
// force.
type pendingNotice struct {
	Text, ChangesHref, FullTextHref string
}

// oldDocument converts an old version again, to HTML for a page at out,
// or returns nil if it was not public (see version.source: a version from
// the cache is read from its bytes again here, and fails closed if they do
// not parse as public now, though they did when its revision was made).
// Its links are judged against today's site, not the site of its day: a
// link to a document that is not public now, or that does not exist,
// keeps its text and loses its link, and a link to a section that is no
// longer there goes to the document. With a memo (one per document,
// language and page folder: see markdown.Memo), only the sections it has
// not met are converted; nil converts the version alone.
func (b *builder) oldDocument(lang, docPath string, v *version, out string, withHTML bool, memo *markdown.Memo) *rendered {
	d, kept := v.source()
	if d == nil || d.Visibility != content.Public {
		return nil
	}
	src := markdown.Source{File: v.file, Line: d.BodyLine, Path: docPath, Lang: lang, Body: kept.AppendTo(nil)}
	if !withHTML {
		res, _ := b.conv.Text(src)
		if res.CommentAsText {
			return nil // as renderVersion: its notes would show
		}
		return &rendered{doc: d, res: res}
	}
	// A link to a section of its own is kept only where the version has
	// the section (see markdown.Converter.Remembered).
	if memo == nil {
		memo = markdown.NewMemo(true)
	}
	src.Resolve = b.oldLinks(lang, newPage("", lang, out, "").LangRoot)
	res := b.conv.Remembered(src, memo)
	if res.CommentAsText {
		return nil // as renderVersion: its notes would show
	}
	return &rendered{doc: d, res: res}
}

// oldLinks decides an old version's links to other documents, from a
// page at langRoot: to the document's page when it is public now, to the
// section when that is still there.
func (b *builder) oldLinks(lang, langRoot string) func(markdown.Link) (string, bool) {
	return func(l markdown.Link) (string, bool) {
		pair := b.set.Lookup(l.Doc)
		if pair == nil || !pair.Public() {
			return "", false
		}
		href := langRoot + l.Doc + ".html"
		if t := b.docs[lang+"/"+l.Doc]; l.Fragment != "" && t != nil && hasHeading(t.res, l.Fragment) {
			href += "#" + l.Fragment
		}
		return href, true
	}
}

// versionPages writes the page of every edition but the one in force, of
// every public document, in lang. An old version is read again, converted
// (the sections the document's earlier editions did not have) and let go,
// one at a time.
func (b *builder) versionPages(lang string) {
	if b.opt.History == nil {
		return
	}
	for _, pair := range b.set.Public() {
		dh := b.hist[pair.Path]
		if dh == nil {
			continue
		}
		memo := markdown.NewMemo(true)
		for _, ed := range dh.eds {
			if ed != dh.current {
				b.versionPage(lang, dh, ed, memo)
			}
		}
	}
}

func (b *builder) versionPage(lang string, dh *docHistory, ed *edition, memo *markdown.Memo) {
	ui := uiStrings[lang]
	path := dh.pair.Path
	out := lang + "/" + versionPath(path, ed.first.commit.Short)
	last := ed.last.in(lang)
	r := b.oldDocument(lang, path, last, out, true, memo)
	if r == nil {
		return
	}
	// Before revisionPages, which compares the version (see pages).
	last.useBlocks(r.res.Blocks)
	p := newPage("version", lang, out, r.doc.Title)
	p.Alt = altFor(p, out)
	cur := b.docs[lang+"/"+path].doc
	v := &versionView{
		CurrentHref: p.LangRoot + path + ".html",
		ChangesHref: p.LangRoot + revisionPath(ed.first.commit.Short) + "#" + docAnchor(path),
		HistoryHref: p.LangRoot + "history/" + path + ".html",
		TOC:         tocHTML(toc(r.res.Headings)),
		// The text is spliced into the page, not copied through the
		// template (see renderWith): version pages are most of what a
		// long history writes.
		HTML: tablePlaceholder(0),
	}
	if !ed.first.changed(lang) {
		// The edition changed only the other language: this one's page
		// is the history's.
		v.ChangesHref = v.HistoryHref
	}
	switch ed.state {
	case past:
		v.Label = ui.PastEdition
		v.Notice = fmt.Sprintf(ui.PastEditionFormat, formatDate(lang, ed.from), formatDate(lang, ed.until))
	case pending:
		v.Label = ui.PendingEdition
		v.Notice = fmt.Sprintf(ui.PendingEditionFormat, formatDate(lang, ed.from))
	default:
		v.Label = ui.PastEdition
		v.Notice = fmt.Sprintf(ui.NeverEditionFormat, formatDate(lang, ed.from))
	}
	p.Version = v
	p.Crumbs = []link{{Href: p.LangRoot + "index.html", Title: ui.Home}, {Href: v.CurrentHref, Title: cur.Title}, {Href: v.HistoryHref, Title: ui.History}}
	b.renderWith(out, p, [][]byte{r.res.HTML})
}

// inForce returns the version of a document in lang that its page shows
// instead of the current file, and the notices of what is coming: while a
// revision is pending, the page shows the edition in force. ok is false
// when the page shows the file as it is.
func (b *builder) inForce(lang string, pair *content.Pair) (v *version, notices []pendingNotice, ok bool) {
	dh := b.hist[pair.Path]
	if dh == nil {
		return nil, nil, false
	}
	ui := uiStrings[lang]
	langRoot := newPage("", lang, lang+"/"+pair.Path+".html", "").LangRoot
	for _, ed := range dh.pendingEditions() {
		format := ui.PendingNoticeFormat
		if dh.current == nil {
			format = ui.NotYetInForceFormat
		}
		n := pendingNotice{Text: fmt.Sprintf(format, formatDate(lang, ed.from)), FullTextHref: fullTextHref(langRoot, dh, ed),
			ChangesHref: langRoot + revisionPath(ed.first.commit.Short) + "#" + docAnchor(pair.Path)}
		if !ed.first.changed(lang) {
			n.ChangesHref = langRoot + "history/" + pair.Path + ".html"
		}
		notices = append(notices, n)
	}
	if len(notices) == 0 || dh.current == nil {
		return nil, notices, false
	}
	return dh.current.last.in(lang), notices, true
}
