// Package site assembles every page of the site: it joins the loaded
// documents, their rendered Markdown, the quizzes, the search index and the
// revision history, checks what can only be checked across documents (links,
// anchors, translations), and executes the templates. It writes nothing
// itself: each finished page goes to Options.Emit (generator/output's Tree,
// which writes it) or, without Emit, into Site.Files in memory. Every check
// runs before the first page is made, and a build that fails later still
// fails as a whole: the caller discards what was emitted.
//
// Only public documents are ever rendered. An internal document is read by
// generator/content (to know it exists and to check its front matter) and
// by nothing else: its body is never converted, so no page, list, link,
// index or feed can carry any of it.
package site

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"html/template"
	"io"
	"io/fs"
	"net/url"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"policysite/generator/cache"
	"policysite/generator/content"
	"policysite/generator/history"
	"policysite/generator/markdown"
	"policysite/generator/parallel"
	"policysite/generator/quiz"
	"policysite/generator/search"
)

// Options configure a build.
type Options struct {
	// FS is the project folder: content/ and quizzes/ are read from it.
	FS fs.FS
	// Templates holds base.html, the page kinds and assets/.
	Templates fs.FS
	// History is the git history of content/ and quizzes/; nil when there
	// is none (no repository, a shallow clone, or turned off), and pages
	// then say that no revision history is available.
	History *history.History
	// ShowAuthors puts commit authors' names on history pages. Off by
	// default: names are personal information.
	ShowAuthors bool
	// Cache, when not nil, keeps the text of historical versions and the
	// comparison tables between builds, so a rebuild redoes only what a
	// new commit changed. Its salt must identify the program (its values
	// are what this code derives). Only what was derived from public
	// versions is put in it, and whether a version was public.
	Cache *cache.Store
	// Emit, when set, is given every output file as soon as it is made,
	// from several goroutines at once, and may not keep data; Site.Files
	// then lists the names only (nil data). A large site is then never held
	// in memory whole. minimal reports that the file is about as small as
	// minifying would make it, so minifying it again is work for nothing:
	// generated data such as the search index, and every page. The
	// templates are written without indentation, goldmark's HTML has none,
	// and comparison tables are written compact here; minifying the pages
	// of a 1,000-document site saved 1.2% of their bytes and took 7% of the
	// build, the comparison pages of a long history under 1% and as long as
	// building every document page.
	Emit func(name string, data []byte, minimal bool) error
	// Create, when set with Emit, creates the files that are written as
	// they are made (the search indexes), so that they are never held
	// whole; when nil, they are made in memory and given to Emit.
	Create func(name string) (io.WriteCloser, error)
	// DiffOrder orders the columns of the Japanese 新旧対照表: "new-old"
	// (改正後 | 改正前, the default) or "old-new". English pages are always
	// Before | After.
	DiffOrder string
	// Today is the build date (a calendar date; only its year, month and
	// day count). An official revision whose Effective date is after it is
	// not yet in force: document pages show the text in force on Today and
	// announce the coming revision. The zero Time treats every revision as
	// in force; the command always sets it (-date, SOURCE_DATE_EPOCH or
	// the date in Japan).
	Today time.Time
}

// Site is the built site: every output file by its slash path under public/,
// unminified (with Options.Emit, the names only).
type Site struct {
	Files    map[string][]byte
	Warnings []string
	Search   map[string]search.Stats // by language
}

// Paths returns the output paths, sorted.
func (s *Site) Paths() []string {
	var ps []string
	for p := range s.Files {
		ps = append(ps, p)
	}
	sort.Strings(ps)
	return ps
}

// page is the data every template gets.
type page struct {
	Kind        string // names the template file: document, home, search, quiz, …
	Lang        string
	Root        string // from the page to the site root: "../"
	LangRoot    string // from the page to its language folder: "./", "../"; "" on the landing page
	Title       string
	Description string
	UI          *UI
	Alt         *altLink
	Crumbs      []link

	Landing  *landingView
	Home     *homeView
	Doc      *docView
	Quiz     *quizView
	History  *historyView
	Diff     *diffView
	WhatsNew *whatsNewView
	Feed     bool // the language has an Atom feed to link to
}

type link struct{ Href, Title string }

type altLink struct{ Href, Lang, Label string }

type landingView struct{ EnglishName, Intro string }

type homeView struct {
	Intro     template.HTML
	Documents []card
	Quizzes   []card
	Recent    []revEntry
}

type card struct{ Href, Title, Summary, Meta string }

type docView struct {
	Enacted     string
	Bodies      []string
	Revision    string
	HistoryHref string
	TOC         template.HTML // the nested lists, see tocHTML; "" for none
	HTML        template.HTML
}

type tocEntry struct {
	ID, Text string
	Children []*tocEntry
}

type quizView struct {
	Description string
	StorageKey  string
	JSON        template.JS
}

// builder carries the state of one build.
type builder struct {
	opt   Options
	tmpl  *templates
	conv  *markdown.Converter
	set   *content.Set
	docs  map[string]*rendered // "ja/basic-policy"
	files map[string][]byte
	errs  []error
	warns []string
	stats map[string]search.Stats
	quiz  []*quiz.Quiz
	hist  map[string]*docHistory
	mixed map[string]bool // commits whose messages are withheld, by hash
	index []searchIndex   // by language, as content.Languages
	mu    sync.Mutex      // guards files and errs while pages render in parallel
}

// rendered is one public document in one language.
type rendered struct {
	doc *content.Document
	res *markdown.Result
	// key is the cache key of a historical version (see renderVersion);
	// zero for the current documents.
	key cache.Key
	// covered lists the sections with text of their own (see covered), of
	// the current documents: their blocks are not kept.
	covered []string
}

// Build loads, checks and renders the whole site. On error it returns every
// problem found, joined, each as path:line: message.
func Build(opt Options) (*Site, error) {
	b := &builder{opt: opt, conv: markdown.New(), docs: map[string]*rendered{}, files: map[string][]byte{}}
	var err error
	if b.tmpl, err = loadTemplates(opt.Templates); err != nil {
		return nil, err
	}
	set, err := content.Load(opt.FS, "content")
	if err != nil {
		// Documents are broken, so references cannot be checked; the
		// quiz files' own mistakes can, and are reported in the same run.
		_, qerrs := quiz.Load(opt.FS, "quizzes")
		return nil, errors.Join(append([]error{err}, qerrs...)...)
	}
	b.set = set
	if o := opt.DiffOrder; o != "" && o != "new-old" && o != "old-new" {
		return nil, fmt.Errorf("diff order %q: want new-old or old-new", o)
	}
	// The history comes first because a document's page says when it was
	// last revised, and each page is made as soon as its document is
	// converted (see convert). A page made before a check below fails is
	// never published: the build then returns an error, and the caller
	// discards what it was given.
	b.histories()
	b.convert()
	b.checkLinks()
	b.checkTranslations()
	b.loadQuizzes()
	if len(b.errs) > 0 {
		return nil, errors.Join(b.errs...)
	}
	b.staleQuestions()
	b.pages()
	b.searchIndexes()
	if err := b.assets(); err != nil {
		b.errs = append(b.errs, err)
	}
	if len(b.errs) > 0 {
		return nil, errors.Join(b.errs...)
	}
	return &Site{Files: b.files, Warnings: b.warns, Search: b.stats}, nil
}

func (b *builder) convert() {
	type job struct {
		lang string
		pair *content.Pair
		r    *rendered
		errs []error
		secs []search.Section // for the search index, nil once indexed
		done chan struct{}    // closed when r and secs are set
	}
	var jobs []*job
	for _, p := range b.set.Public() {
		for _, lang := range content.Languages {
			jobs = append(jobs, &job{lang: lang, pair: p, done: make(chan struct{})})
		}
	}
	// Each language's search index is built while the documents are
	// converted, from each document's sections in turn, which are then let
	// go: held for the whole site until the end, the text was a large share
	// of the build's memory (see search.Builder).
	var indexing sync.WaitGroup
	b.index = make([]searchIndex, len(content.Languages))
	for i, lang := range content.Languages {
		idx := &b.index[i]
		if idx.err = b.createIndex(idx, lang); idx.err != nil {
			continue
		}
		indexing.Go(func() {
			for _, j := range jobs {
				if j.lang != lang {
					continue
				}
				<-j.done
				for _, s := range j.secs {
					if idx.err == nil {
						idx.err = idx.b.Add(s)
					}
				}
				j.secs = nil
			}
		})
	}
	parallel.For(len(jobs), func(i int) {
		j := jobs[i]
		defer close(j.done)
		d := j.pair.In(j.lang)
		buf := bodies.Get().(*[]byte)
		defer bodies.Put(buf)
		body, err := b.set.ReadBody(d, buf)
		if err != nil {
			j.r, j.errs = &rendered{doc: d, res: &markdown.Result{}}, []error{err}
			return
		}
		// Nothing in the result refers to body, which is reused.
		res, errs := b.conv.Convert(markdown.Source{File: d.File, Line: d.BodyLine, Path: d.Path, Lang: j.lang, Body: body})
		j.r, j.errs = &rendered{doc: d, res: res, covered: covered(res.Blocks)}, errs
		// The page is made now, while its HTML is fresh in the cache, and
		// the HTML and text are let go: a large site would otherwise carry
		// them to the end, and memory costs page faults.
		if j.pair.Path != "index" {
			b.document(j.lang, j.pair, j.r)
			j.secs = sections(j.pair.Path+".html", j.r)
		}
		res.Blocks = nil
	})
	indexing.Wait()
	for _, j := range jobs {
		d := j.r.doc
		b.errs = append(b.errs, j.errs...)
		for _, h := range j.r.res.Headings {
			if reservedIDs[h.ID] {
				b.errs = append(b.errs, content.Errorf(d.File, h.Line, "heading ID %q is used by the page itself; choose another", h.ID))
			}
		}
		b.docs[j.lang+"/"+d.Path] = j.r
	}
}

// bodies are the buffers documents are read into for conversion.
var bodies = sync.Pool{New: func() any { return new([]byte) }}

// covered returns the IDs of the sections with text of their own, in
// order: the sections a quiz question can be asked about ("2 定義" is
// covered through its subsections).
func covered(blocks []markdown.Block) []string {
	var ids []string
	seen := map[string]bool{}
	for _, bl := range blocks {
		if !isHeading(bl.Kind) && bl.Section != "" && bl.Section != "footnotes" && !seen[bl.Section] {
			seen[bl.Section] = true
			ids = append(ids, bl.Section)
		}
	}
	return ids
}

// reservedIDs are element IDs the templates use on every page.
var reservedIDs = map[string]bool{"main": true, "toc-heading": true, "site-search-q": true, "search-q": true,
	"search-form": true, "search-status": true, "search-results": true, "quiz-app": true, "quiz-data": true,
	"home-documents": true, "home-quizzes": true, "home-updates": true}

// checkLinks resolves every link of every public document.
func (b *builder) checkLinks() {
	for _, key := range sortedKeys(b.docs) {
		r := b.docs[key]
		for _, l := range r.res.Links {
			target := r
			if l.Doc != "" {
				pair := b.set.Lookup(l.Doc)
				switch {
				case pair == nil:
					b.errs = append(b.errs, content.Errorf(r.doc.File, l.Line, "link %q: no document content/%s/%s.md", l.Dest, r.doc.Lang, l.Doc))
					continue
				case !pair.Public():
					// Say nothing about the target: not even whether it exists.
					b.errs = append(b.errs, content.Errorf(r.doc.File, l.Line, "link %q points to a document that is not public; a public page may not link to it", l.Dest))
					continue
				}
				target = b.docs[r.doc.Lang+"/"+l.Doc]
			}
			if l.Fragment != "" && !hasHeading(target.res, l.Fragment) {
				b.errs = append(b.errs, content.Errorf(r.doc.File, l.Line, "link %q: no section {#%s} in %s", l.Dest, l.Fragment, target.doc.File))
			}
		}
	}
}

func hasHeading(r *markdown.Result, id string) bool {
	for _, h := range r.Headings {
		if h.ID == id {
			return true
		}
	}
	return false
}

// checkTranslations requires the same sections, in the same order, in both
// languages, so the language switch and quiz links land where they should.
func (b *builder) checkTranslations() {
	for _, p := range b.set.Public() {
		ja, en := b.docs["ja/"+p.Path], b.docs["en/"+p.Path]
		jh, eh := ja.res.Headings, en.res.Headings
		for i := 0; i < len(jh) || i < len(eh); i++ {
			switch {
			case i >= len(eh):
				b.errs = append(b.errs, content.Errorf(en.doc.File, en.doc.BodyLine, "translation lacks section {#%s} (%s:%d)", jh[i].ID, ja.doc.File, jh[i].Line))
			case i >= len(jh):
				b.errs = append(b.errs, content.Errorf(en.doc.File, eh[i].Line, "section {#%s} is not in the Japanese source %s", eh[i].ID, ja.doc.File))
			case jh[i].ID != eh[i].ID || jh[i].Level != eh[i].Level:
				b.errs = append(b.errs, content.Errorf(en.doc.File, eh[i].Line, "section {#%s} (level %d) does not match the Japanese source's {#%s} (level %d) at %s:%d",
					eh[i].ID, eh[i].Level, jh[i].ID, jh[i].Level, ja.doc.File, jh[i].Line))
			default:
				continue
			}
			break
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// other returns the other language.
func other(lang string) string {
	if lang == "ja" {
		return "en"
	}
	return "ja"
}

// rel returns the path from the folder of out up to the site root.
func rel(out string) string {
	return strings.Repeat("../", strings.Count(out, "/"))
}

func newPage(kind, lang, out, title string) *page {
	root := rel(out)
	langRoot := ""
	if depth := strings.Count(out, "/"); depth > 0 {
		langRoot = strings.Repeat("../", depth-1)
		if langRoot == "" {
			langRoot = "./"
		}
	}
	return &page{Kind: kind, Lang: lang, Root: root, LangRoot: langRoot, Title: title, UI: uiStrings[lang]}
}

// altFor links a page to the same page in the other language.
func altFor(p *page, out string) *altLink {
	o := other(p.Lang)
	return &altLink{Href: p.Root + o + strings.TrimPrefix(out, p.Lang), Lang: o, Label: uiStrings[o].LangName}
}

// render executes the page's template into files[out]. It may be called
// from several goroutines at once.
func (b *builder) render(out string, p *page) {
	b.renderWith(out, p, nil)
}

// tablePlaceholder stands for the i-th comparison table in the template's
// output; renderWith puts the table in its place. A table is most of its
// page and is already escaped HTML (see tableRows), so it is copied once,
// into the page, rather than passed through the template as a string.
func tablePlaceholder(i int) template.HTML {
	return template.HTML(fmt.Sprintf("<policysite-table-%d></policysite-table-%d>", i, i))
}

// renderWith is render, with tables[i] in place of tablePlaceholder(i).
// Pages are minimal (see Options.Emit).
func (b *builder) renderWith(out string, p *page, tables [][]byte) {
	buf := renderBuffers.Get().(*bytes.Buffer)
	defer renderBuffers.Put(buf)
	buf.Reset()
	if err := b.tmpl.execute(buf, p); err != nil {
		b.fail(fmt.Errorf("%s: %w", out, err))
		return
	}
	b.put(out, splice(buf.Bytes(), tables), true)
}

// splice returns page with tables[i] in place of tablePlaceholder(i), in
// one pass: a commit that published a whole site at once has thousands of
// tables on its page, and replacing them one by one copied the page as
// many times. The template puts them in order; one it left out is left
// out, and one out of order is found by a search from the start.
func splice(page []byte, tables [][]byte) []byte {
	if tables == nil {
		return page
	}
	size := len(page)
	for _, t := range tables {
		size += len(t)
	}
	out := make([]byte, 0, size)
	rest := page
	var late [][]byte // placeholders not found after the previous one
	var lateIdx []int
	for i, t := range tables {
		ph := []byte(tablePlaceholder(i))
		j := bytes.Index(rest, ph)
		if j < 0 {
			late, lateIdx = append(late, t), append(lateIdx, i)
			continue
		}
		out = append(append(out, rest[:j]...), t...)
		rest = rest[j+len(ph):]
	}
	out = append(out, rest...)
	for k, t := range late {
		out = bytes.Replace(out, []byte(tablePlaceholder(lateIdx[k])), t, 1)
	}
	return out
}

// put hands a finished file to Options.Emit, or keeps it in Site.Files.
// The caller may reuse data afterwards. It may be called from several
// goroutines at once.
func (b *builder) put(name string, data []byte, minimal bool) {
	if b.opt.Emit != nil {
		err := b.opt.Emit(name, data, minimal)
		b.mu.Lock()
		defer b.mu.Unlock()
		if err != nil {
			b.errs = append(b.errs, err)
		}
		b.files[name] = nil
		return
	}
	// The page keeps an exact copy: a grown buffer is up to twice the page,
	// and a site's worth of that is memory the build pays for in page faults.
	data = bytes.Clone(data)
	b.mu.Lock()
	defer b.mu.Unlock()
	b.files[name] = data
}

func (b *builder) fail(err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.errs = append(b.errs, err)
}

// renderBuffers are reused from page to page, so a buffer grows to the
// largest page once instead of for every page.
var renderBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// pages renders every page but the documents' own, which convert makes.
// The languages are rendered side by side, each on its share of the
// processors, because with Options.Emit pages are written as they are
// made: the kernel creates one file at a time in a folder, so two
// goroutines writing into the same folder wait for each other, while ja/
// and en/ are folders apart.
func (b *builder) pages() {
	b.landing()
	langs := content.Languages
	share := max(1, runtime.GOMAXPROCS(0)/len(langs))
	parallel.ForN(len(langs), len(langs), func(i int) {
		lang := langs[i]
		b.home(lang)
		b.search(lang)
		for _, q := range b.quiz {
			b.quizPage(lang, q)
		}
		b.historyPages(lang, share)
		b.revisionPages(lang, share)
		b.whatsNew(lang)
	})
}

func (b *builder) landing() {
	p := newPage("landing", "ja", "index.html", uiStrings["ja"].SiteName)
	p.Landing = &landingView{EnglishName: uiStrings["en"].SiteName, Intro: b.docs["ja/index"].doc.Summary}
	b.render("index.html", p)
}

func (b *builder) home(lang string) {
	r := b.docs[lang+"/index"]
	out := lang + "/index.html"
	p := newPage("home", lang, out, r.doc.Title)
	p.Description = r.doc.Summary
	p.Alt = altFor(p, out)
	h := &homeView{Intro: template.HTML(r.res.HTML)}
	for _, pair := range b.set.Public() {
		if pair.Path == "index" {
			continue
		}
		d := pair.In(lang)
		c := card{Href: pair.Path + ".html", Title: d.Title, Summary: d.Summary}
		if !d.Enacted.IsZero() {
			c.Meta = enactedLine(lang, d)
		}
		h.Documents = append(h.Documents, c)
	}
	for _, q := range b.quiz {
		h.Quizzes = append(h.Quizzes, card{Href: "quiz/" + q.Name + ".html", Title: q.Title.In(lang), Summary: q.Description.In(lang)})
	}
	h.Recent = b.recent(lang, p.LangRoot)
	if len(h.Recent) > 5 {
		h.Recent = h.Recent[:5]
	}
	p.Feed = len(h.Recent) > 0
	p.Home = h
	b.render(out, p)
}

func enactedLine(lang string, d *content.Document) string {
	if lang == "ja" {
		return formatDate(lang, d.Enacted) + " " + uiStrings[lang].Enacted
	}
	return uiStrings[lang].Enacted + " " + formatDate(lang, d.Enacted)
}

func (b *builder) search(lang string) {
	out := lang + "/search.html"
	p := newPage("search", lang, out, uiStrings[lang].SearchPage)
	p.Alt = altFor(p, out)
	b.render(out, p)
}

func (b *builder) document(lang string, pair *content.Pair, r *rendered) {
	d := r.doc
	out := lang + "/" + pair.Path + ".html"
	p := newPage("document", lang, out, d.Title)
	p.Description = d.Summary
	p.Alt = altFor(p, out)
	v := &docView{Bodies: d.Bodies, HTML: template.HTML(r.res.HTML), TOC: tocHTML(toc(r.res.Headings))}
	if !d.Enacted.IsZero() {
		v.Enacted = enactedLine(lang, d)
	}
	v.Revision = b.docRevisionLine(lang, pair)
	if b.opt.History != nil {
		v.HistoryHref = p.LangRoot + "history/" + pair.Path + ".html"
	}
	p.Doc = v
	b.render(out, p)
	r.res.HTML = nil // in its page now; a large site would carry it to the end
}

// tocHTML writes a table of contents as nested ordered lists, each entry
// a link to its section. It is written here rather than by a recursive
// template: html/template escapes every value through reflection, and the
// contents were half of a document page's template time.
func tocHTML(entries []*tocEntry) template.HTML {
	if len(entries) == 0 {
		return ""
	}
	var b strings.Builder
	var write func([]*tocEntry)
	write = func(es []*tocEntry) {
		b.WriteString("<ol>")
		for _, e := range es {
			b.WriteString(`<li><a href="#`)
			b.WriteString(html.EscapeString(url.PathEscape(e.ID)))
			b.WriteString(`">`)
			b.WriteString(html.EscapeString(e.Text))
			b.WriteString("</a>")
			if len(e.Children) > 0 {
				write(e.Children)
			}
			b.WriteString("</li>")
		}
		b.WriteString("</ol>")
	}
	write(entries)
	return template.HTML(b.String())
}

// toc nests headings: each heading under the nearest shallower one before it.
func toc(hs []markdown.Heading) []*tocEntry {
	var top []*tocEntry
	var stack []struct {
		level int
		e     *tocEntry
	}
	for _, h := range hs {
		e := &tocEntry{ID: h.ID, Text: h.Text}
		for len(stack) > 0 && stack[len(stack)-1].level >= h.Level {
			stack = stack[:len(stack)-1]
		}
		if len(stack) == 0 {
			top = append(top, e)
		} else {
			parent := stack[len(stack)-1].e
			parent.Children = append(parent.Children, e)
		}
		stack = append(stack, struct {
			level int
			e     *tocEntry
		}{h.Level, e})
	}
	return top
}

// searchIndex is one language's search index, written as the documents
// are converted.
type searchIndex struct {
	name string
	b    *search.Builder
	w    io.WriteCloser
	mem  *bytes.Buffer // the index, when it is made in memory
	err  error
}

// createIndex starts a language's search index: in a file of its own when
// Options.Create allows, else in memory.
func (b *builder) createIndex(idx *searchIndex, lang string) error {
	idx.name = "assets/search-index-" + lang + ".js"
	var w io.Writer
	if b.opt.Emit != nil && b.opt.Create != nil {
		f, err := b.opt.Create(idx.name)
		if err != nil {
			return err
		}
		b.mu.Lock()
		b.files[idx.name] = nil
		b.mu.Unlock()
		idx.w, w = f, f
	} else {
		idx.mem = new(bytes.Buffer)
		w = idx.mem
	}
	var err error
	idx.b, err = search.NewBuilder(lang, w)
	return err
}

// searchIndexes finishes the search indexes convert began: each language's
// assets/search-index-<lang>.js, from the public documents' sections. Only
// what was rendered is indexed, and only public documents are rendered.
func (b *builder) searchIndexes() {
	b.stats = map[string]search.Stats{}
	stats := make([]search.Stats, len(content.Languages))
	parallel.For(len(content.Languages), func(i int) {
		idx := &b.index[i]
		if idx.err == nil {
			stats[i], idx.err = idx.b.Finish()
		}
		if idx.w != nil {
			if err := idx.w.Close(); idx.err == nil {
				idx.err = err
			}
		}
		if idx.err == nil && idx.mem != nil {
			b.put(idx.name, idx.mem.Bytes(), true)
		}
	})
	for i, lang := range content.Languages {
		if err := b.index[i].err; err != nil {
			b.errs = append(b.errs, err)
			continue
		}
		b.stats[lang] = stats[i]
	}
	b.index = nil
}

// sections splits a rendered document at its headings.
func sections(href string, r *rendered) []search.Section {
	var out []search.Section
	// out[i]'s text is its blocks' joined by newlines, made by one
	// strings.Join, which allocates it once at its exact size: a site's
	// text is megabytes, and building it by appending allocated it about
	// three times over, in memory new to the process each time.
	var parts [][]string
	byID := map[string]int{}
	titles := map[string]string{"": r.doc.Title}
	for _, h := range r.res.Headings {
		titles[h.ID] = h.Text
	}
	for _, bl := range r.res.Blocks {
		i, ok := byID[bl.Section]
		if !ok {
			u := href
			if bl.Section != "" {
				u += "#" + bl.Section
			}
			i = len(out)
			byID[bl.Section] = i
			out = append(out, search.Section{URL: u, DocTitle: r.doc.Title, Title: titles[bl.Section]})
			parts = append(parts, nil)
		}
		if isHeading(bl.Kind) {
			continue // the heading is the section's title
		}
		parts[i] = append(parts[i], bl.Text)
	}
	for i, p := range parts {
		out[i].Text = strings.Join(p, "\n")
	}
	return out
}

func isHeading(kind string) bool {
	return len(kind) == 2 && kind[0] == 'h' && kind[1] >= '1' && kind[1] <= '6'
}

// assets copies templates/assets/ to assets/.
func (b *builder) assets() error {
	return fs.WalkDir(b.opt.Templates, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(b.opt.Templates, p)
		if err != nil {
			return err
		}
		b.put(path.Clean(p), data, false)
		return nil
	})
}
