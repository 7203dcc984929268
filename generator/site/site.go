// Package site assembles every page of the site: it joins the loaded
// documents, their rendered Markdown, the quizzes, the search index and the
// revision history, checks what can only be checked across documents (links,
// anchors, translations), and executes the templates. It writes nothing
// itself: each finished page leaves through a Writer, Options.Out
// (generator/output's Tree, which writes it, or the preview's in-memory
// site) or, without one, into Site.Files in memory.
//
// Only public documents are ever rendered. An internal document is read by
// generator/content (to know it exists and to check its front matter) and
// by nothing else: its body is never converted, so no page, list, link,
// index or feed can carry any of it.
//
// # Order of work
//
// Build loads the documents and checks their front matter, reconstructs
// the published revisions from the history (revision.go), then converts
// every public document (convert.go) and makes its page at once, while its
// HTML is fresh. The checks across documents (checks.go: links, anchors,
// translations; quizzes.go: quiz references; glossary.go: the glossary's
// renderings) run after conversion, so
// pages are made before every check has run. A build that fails at any
// point fails as a whole: Build returns the errors and no Site, and the
// caller discards what was emitted (generator/output's Tree writes into a
// new folder that takes the output's place only on Commit).
//
// # Pages and paths
//
// Each page kind has its file here and a template of the same kind in
// templates/. Paths are relative to public/; <lang> is ja or en.
//
//	index.html                      landing page: language choice (home.go, landing.html)
//	<lang>/index.html               home: documents, quizzes, recent revisions (home.go, home.html)
//	<lang>/<doc>.html               a public document (document.go, document.html; toc.go)
//	<lang>/search.html              search page (search.go, search.html)
//	<lang>/quiz/<name>.html         a training quiz (quizzes.go, quiz.html)
//	<lang>/history/<doc>.html       a document's revision history (history.go, history.html)
//	<lang>/revisions/<short>.html   新旧対照表 of one commit (comparison.go, diff.html)
//	<lang>/versions/<doc>.<short>.html  an edition (版) not in force: past or 未施行 (versionpage.go, version.html)
//	<lang>/whats-new.html           recent revisions across documents (whatsnew.go, whats-new.html)
//	<lang>/feed.atom                Atom feed of the same (feed.go)
//	<lang>/glossary.html            用語集, with content/glossary.yaml (glossary.go, glossary.html)
//	<lang>/bilingual/<doc>.html     対訳: a document's Japanese and English side by side (bilingual.go, bilingual.html)
//	<lang>/bilingual/index.html     the list of 対訳 pages (bilingual.go, bilingual.html)
//	assets/search-index-<lang>.js   the search index (search.go)
//	assets/...                      templates/assets/ copied as is (assets.go)
//
// History, comparison pages, version pages and the feed exist only with a
// history (Options.History); without one, pages say that none is available.
//
// # Time
//
// Official revisions divide a document's history into editions (版,
// editions.go), each in force from its Effective date. On the build date
// (Options.Today) one is in force; while a later one is pending (未施行),
// the document's page shows the text in force and announces what is
// coming, and history, comparison and what's-new pages say 未施行. Every
// edition but the one in force has a page of its own, rendered from the
// old version (judged public at its own commit) with its links judged
// against today's site.
//
// A document's versions share most of their text, so each is parsed
// through a markdown.Memo, one per document and language: only the
// sections an earlier version did not have are converted (for the
// comparisons, revision.go; and again with HTML for the version pages,
// versionpage.go). Long texts (documents, versions, the 対訳 rows, the
// comparison tables) are spliced into their pages after the template has
// run (renderWith), not copied through it.
//
// # Files
//
// The rest is plumbing: page.go (the data every template gets), render.go
// (executing templates and handing pages on), convert.go (Markdown to
// HTML, in parallel), drift.go (English sections that may lag behind a
// revision of the Japanese), entry.go (one revision as lists show it),
// version.go (historical versions and their cache), editions.go (版 and
// the build date), templates.go, ui.go (UI strings)
// and dates.go (和暦 and English dates).
package site

import (
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"sort"
	"sync"
	"time"

	"policysite/generator/cache"
	"policysite/generator/content"
	"policysite/generator/glossary"
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
	// ConsumeHistory lets Build drop the contents of History's versions of
	// content/ and of its commits' changes (their Data becomes nil) once it
	// has read them: the changes once every commit is judged, a document's
	// versions once its history is made, before the next document's. A
	// first build of a long history otherwise holds every version of every
	// document to its end. History must not be used again, by Build or
	// anything else.
	ConsumeHistory bool
	// ShowAuthors puts commit authors' names on history pages. Off by
	// default: names are personal information.
	ShowAuthors bool
	// Cache, when not nil, keeps between builds whether each historical
	// version was public, its title and the hash of its text, and where
	// each comparison's marks go (diff.Table), so a rebuild compares only
	// what a new commit changed. Its salt must identify the program (its
	// values are what this code derives). Only what was derived from
	// public versions is put in it, and whether a version was public.
	Cache *cache.Store
	// Out, when set, is given every output file as soon as it is made
	// (see Writer), and Site.Files then lists the names only (nil data): a
	// large site is never held in memory whole. Pages are handed on as
	// minimal: the templates are written without indentation, goldmark's
	// HTML has none, and comparison tables are written compact here, so
	// minifying them would save little for a share of the build's time
	// (the README's Benchmarks section has the figures).
	Out Writer
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
	// Strict makes a glossary mismatch (see generator/glossary) an error
	// rather than a warning: `go run build.go check -strict`.
	Strict bool
}

// Site is the built site: every output file by its slash path under public/,
// unminified (with Options.Out, the names only).
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

// builder carries the state of one build.
type builder struct {
	opt      Options
	out      Writer // opt.Out, or memory
	tmpl     *templates
	conv     *markdown.Converter
	parsed   content.ParseMemo // old versions' front matter, see renderVersion
	set      *content.Set
	org      content.Organisation // the names of the organisation and its site, by language
	docs     map[string]*rendered // "ja/basic-policy"
	files    map[string][]byte
	errs     []error
	warns    []string
	stats    map[string]search.Stats
	quiz     []*quiz.Quiz
	hist     map[string]*docHistory
	withheld map[string]bool // commits whose messages are withheld, by hash (see judgeMessages)
	// publishable are the commits whose messages may be published, judged
	// by their own changes (see judgeCommits), by hash.
	publishable map[string]bool
	index       []searchIndex // by language, as content.Languages
	gloss       *glossary.Glossary
	drift       map[string][]driftItem // by document path, see drifts
	mu          sync.Mutex             // guards files and errs while pages render in parallel
}

// Build loads, checks and renders the whole site. On error it returns every
// problem found, joined, each as path:line: message.
func Build(opt Options) (*Site, error) {
	b := &builder{opt: opt, out: opt.Out, conv: markdown.New(), docs: map[string]*rendered{}, files: map[string][]byte{}}
	var mem *memory
	if b.out == nil {
		mem = &memory{files: map[string][]byte{}}
		b.out = mem
	}
	var err error
	if b.tmpl, err = loadTemplates(opt.Templates); err != nil {
		return nil, err
	}
	org, orgErr := content.LoadOrganisation(opt.FS)
	if errors.Is(orgErr, content.ErrNoOrganisation) {
		b.warns = append(b.warns, orgErr.Error())
		orgErr = nil
	}
	set, err := content.Load(opt.FS, "content")
	if err != nil {
		// Documents are broken, so references cannot be checked; the
		// quiz files' own mistakes can, and are reported in the same run.
		_, qerr := quiz.Load(opt.FS, "quizzes")
		return nil, errors.Join(orgErr, err, qerr)
	}
	if orgErr != nil {
		return nil, orgErr
	}
	b.set, b.org = set, org
	if b.gloss, err = glossary.Load(opt.FS); err != nil {
		return nil, err
	}
	if o := opt.DiffOrder; o != "" && o != "new-old" && o != "old-new" {
		return nil, fmt.Errorf("diff order %q: want new-old or old-new", o)
	}
	// The history comes first because a document's page says when it was
	// last revised, and each page is made as soon as its document is
	// converted (see convert). A page made before a check below fails is
	// never published: the build then returns an error, and the caller
	// discards what it was given.
	b.histories() // which lets go of content/'s bytes, if it may (ConsumeHistory)
	b.drifts()
	b.convert()
	b.checkLinks()
	b.checkTranslations()
	b.checkGlossaryRefs()
	b.loadQuizzes()
	b.checkGlossaryQuizzes()
	b.driftWarnings()
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
	files := b.files
	if mem != nil {
		files = mem.files
	}
	return &Site{Files: files, Warnings: b.warns, Search: b.stats}, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// pages renders every page but the documents' own, which convert makes.
// The languages are rendered side by side, each on its share of the
// processors, because with Options.Out pages are written as they are
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
		b.inForcePages(lang)
		b.historyPages(lang, share)
		// Version pages first: their versions' blocks serve the
		// comparisons (see version.useBlocks).
		b.versionPages(lang)
		b.revisionPages(lang, share)
		b.whatsNew(lang)
		b.glossaryPage(lang)
		b.bilingualIndex(lang)
	})
}
