package main

// Browser tests drive a real headless Chromium (Debian's chromium package)
// through chromedp and internal/browsertest, over file:// and over HTTP
// under a sub-path. Without a browser they skip, saying so; under CI (CI=true)
// a missing browser fails.

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"policysite/internal/browsertest"
)

var (
	realSiteOnce sync.Once
	realSiteDir  string
	realSiteErr  error
)

// realSite builds this repository's own content/, with its history, once
// for every test of the package into a temporary folder, and returns the
// public/ inside it. The build cache is off: a test never writes into the
// developer's clone (the cache lives in .git/policysite/).
func realSite(t *testing.T) string {
	t.Helper()
	realSiteOnce.Do(func() {
		dir, err := os.MkdirTemp("", "policysite-test-")
		if err != nil {
			realSiteErr = err
			return
		}
		var stdout, stderr bytes.Buffer
		if code := run([]string{"-cache=false", "-out", filepath.Join(dir, "public")}, &stdout, &stderr); code != 0 {
			realSiteErr = fmt.Errorf("build failed:\n%s", stderr.String())
			return
		}
		realSiteDir = filepath.Join(dir, "public")
	})
	if realSiteErr != nil {
		t.Fatal(realSiteErr)
	}
	return realSiteDir
}

// TestMain runs the tests with one browser for all of them (see
// browsertest.Main), with the flags some test needs and no other minds:
// without the back/forward cache, going back reloads the quiz page, so it
// must resume from what it saved (TestBrowserQuizFail; chromedp also loses
// track of the DOM of a page restored from that cache); and a plain-http
// host name that is not localhost, for a quiz outside a secure context
// (TestBrowserQuizInsecureContext).
func TestMain(m *testing.M) {
	code := browsertest.Main(m,
		browsertest.DisableFeatures("BackForwardCache"),
		chromedp.Flag("host-resolver-rules", "MAP intranet.example 127.0.0.1"))
	if realSiteDir != "" {
		if err := os.RemoveAll(filepath.Dir(realSiteDir)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			code = max(code, 1)
		}
	}
	os.Exit(code)
}

func css(sel string) chromedp.CSS { return chromedp.CSS(sel) }

func lang(t *testing.T, tab context.Context) string {
	t.Helper()
	return browsertest.Get(t, tab, chromedp.Evaluate[string](`document.documentElement.lang`))
}

// servers returns the places the built site is tried from: a file:// URL
// and an HTTP server on 127.0.0.1 under a sub-path.
func servers(t *testing.T, public string) map[string]string {
	t.Helper()
	return map[string]string{
		"file": browsertest.FileURL(public),
		"http": browsertest.Serve(t, public, "/intranet/policy/"),
	}
}

func TestBrowserReading(t *testing.T) {
	t.Parallel()
	public := realSite(t)
	browser := browsertest.Shared(t)
	for name, base := range servers(t, public) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			tab, w := browsertest.NewTab(t, browser)
			browsertest.Do(t, tab,
				chromedp.Navigate(base+"index.html"),
				chromedp.Click(css(`a[href="ja/index.html"]`)),
				chromedp.WaitVisible(css(`a[href="basic-policy.html"]`)),
				chromedp.Click(css(`a[href="basic-policy.html"]`)),
				chromedp.WaitVisible(css(`nav.toc`)),
			)
			if title := browsertest.Get(t, tab, chromedp.Title()); !strings.Contains(title, "サイバーセキュリティを確保するための方針") || lang(t, tab) != "ja" {
				t.Errorf("title %q, lang %q", title, lang(t, tab))
			}
			browsertest.Do(t, tab, chromedp.Click(css(`nav.toc a[href="#def-availability"]`)))
			if loc := browsertest.Get(t, tab, chromedp.Location()); !strings.HasSuffix(loc, "ja/basic-policy.html#def-availability") {
				t.Errorf("after the table of contents: %s", loc)
			}
			browsertest.Do(t, tab, chromedp.Click(css(`a.lang-switch`)), chromedp.WaitVisible(css(`html[lang="en"] #def-availability`)))
			loc := browsertest.Get(t, tab, chromedp.Location())
			heading := browsertest.Get(t, tab, chromedp.Text(css(`#def-availability`)))
			if !strings.HasSuffix(loc, "en/basic-policy.html#def-availability") || !strings.Contains(heading, "Availability") {
				t.Errorf("language switch landed on %s (heading %q)", loc, heading)
			}
			// Scrolled to a section without a fragment, the switch still
			// keeps the place: the last heading scrolled past.
			browsertest.Do(t, tab,
				chromedp.Navigate(base+"en/basic-policy.html"),
				chromedp.WaitVisible(css(`#measures-human`)),
				chromedp.Evaluate[chromedp.Void](`document.getElementById('measures-human').scrollIntoView(); window.scrollBy(0, 10); undefined`, chromedp.EvalAsValue),
				chromedp.Click(css(`a.lang-switch`)),
				chromedp.WaitVisible(css(`html[lang="ja"] #measures-human`)),
			)
			if loc := browsertest.Get(t, tab, chromedp.Location()); !strings.HasSuffix(loc, "ja/basic-policy.html#measures-human") {
				t.Errorf("scrolled language switch landed on %s", loc)
			}
			w.Check(t, base)
		})
	}
}

// accessiblePages are one page of each kind, in both languages where the
// kind has two: the landing page, home, document, search with results and
// with none, quiz, history, what's new, the 対訳 list and page, glossary.
// TestBrowserAccessibility adds a comparison and a version page (過去の版)
// when the build has them.
var accessiblePages = []string{
	"index.html", "ja/index.html", "en/index.html", "ja/basic-policy.html", "en/basic-policy.html",
	"ja/search.html?q=可用性", "en/search.html?q=availability", "ja/search.html?q=手順書", "en/search.html?q=xyzzy",
	"ja/quiz/new-hire.html", "en/quiz/new-hire.html",
	"ja/history/basic-policy.html", "en/history/basic-policy.html", "ja/whats-new.html", "en/whats-new.html",
	"ja/bilingual/basic-policy.html", "en/bilingual/basic-policy.html", "ja/bilingual/index.html", "en/bilingual/index.html",
	"ja/glossary.html", "en/glossary.html",
}

// splitDatesJS lists the dates (.date) that break across lines.
const splitDatesJS = `[...document.querySelectorAll('.date')].filter(e => e.getClientRects().length > 1).map(e => e.textContent)`

// sameLinkTextJS lists, on the home and what's-new pages, the link texts
// (as a screen reader reads them, visually hidden words included) that
// lead to more than one place.
const sameLinkTextJS = `(() => {
	if (!/\bkind-(home|whats-new)\b/.test(document.body.className)) return [];
	const to = new Map();
	for (const a of document.querySelectorAll('a[href]')) {
		const name = (a.getAttribute('aria-label') || a.textContent).replace(/\s+/g, ' ').trim();
		if (!to.has(name)) to.set(name, new Set());
		to.get(name).add(a.href);
	}
	return [...to].filter(([, hrefs]) => hrefs.size > 1).map(([name, hrefs]) => name + ': ' + [...hrefs].join(' '));
})()`

// searchFinds says which of accessiblePages' searches find something.
var searchFinds = map[string]bool{"可用性": true, "availability": true, "手順書": false, "xyzzy": false}

// accessibleWidths are the widths every page is checked at: a phone's 320
// CSS px (WCAG 1.4.10) and a desktop's.
var accessibleWidths = []int64{320, 1280}

// TestBrowserAccessibility checks one page of each kind in each language
// with axe-core at each of accessibleWidths, and that at 320 px no page
// scrolls sideways. Each width has one tab that visits every page in turn,
// the two tabs side by side; axe is most of the time, and a tab per page
// would only make the two cores take turns. Each page is visited over
// file:// at one width and over HTTP at the other (over file:// axe reads
// the style sheets the page loaded instead of fetching them, which the CSP
// forbids; its findings do not depend on the place). A tab visits its
// pages over file:// first, then those over HTTP: going from one place to
// the other is going to another site, which Chromium gives a new renderer
// process (a quarter of a second of a core), so the tab does it once.
func TestBrowserAccessibility(t *testing.T) {
	t.Parallel()
	public := realSite(t)
	axeJS := browsertest.AxeJS(t, ".")
	browser := browsertest.Shared(t)
	pages := append([]string(nil), accessiblePages...)
	for _, lang := range []string{"ja", "en"} {
		diffs, _ := filepath.Glob(filepath.Join(public, lang, "revisions", "*.html"))
		if len(diffs) == 0 {
			t.Errorf("no %s diff page built", lang)
			continue
		}
		pages = append(pages, lang+"/revisions/"+filepath.Base(diffs[len(diffs)-1]))
		if versions, _ := filepath.Glob(filepath.Join(public, lang, "versions", "*.html")); len(versions) > 0 {
			pages = append(pages, lang+"/versions/"+filepath.Base(versions[0]))
		}
	}
	var built []string
	for _, p := range pages {
		if _, err := os.Stat(filepath.Join(public, strings.Split(p, "?")[0])); err != nil {
			t.Errorf("%s not built", p)
			continue
		}
		built = append(built, p)
	}
	srv := servers(t, public)
	places := []string{"file", "http"}
	for i, width := range accessibleWidths {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			t.Parallel()
			tab, w := browsertest.NewTab(t, browser)
			browsertest.Viewport(t, tab, width)
			var visits [][2]string // place, page
			for _, place := range places {
				for j, p := range built {
					if places[(i+j)%2] == place {
						visits = append(visits, [2]string{place, p})
					}
				}
			}
			for _, v := range visits {
				p := v[1]
				t.Run(p, func(t *testing.T) {
					base := srv[v[0]]
					browsertest.Do(t, tab, chromedp.Navigate(base+p), chromedp.WaitReady(css("body")))
					if _, q, ok := strings.Cut(p, "search.html?q="); ok {
						// axe reads the page with the results shown.
						if _, hits := results(t, tab, q); (len(hits) > 0) != searchFinds[q] {
							t.Errorf("%q: %d results; want results: %v", q, len(hits), searchFinds[q])
						}
					}
					if width == 320 {
						if o := browsertest.Overflow(t, tab); o != "" {
							t.Errorf("scrolls sideways at %d px: %s", width, o)
						}
						if split := browsertest.Get(t, tab, chromedp.Evaluate[[]string](splitDatesJS)); len(split) > 0 {
							t.Errorf("dates broken across lines at %d px: %q", width, split)
						}
					}
					if same := browsertest.Get(t, tab, chromedp.Evaluate[[]string](sameLinkTextJS)); len(same) > 0 {
						t.Errorf("links that say the same lead to different places: %q", same)
					}
					browsertest.Axe(t, tab, axeJS)
					w.Check(t, base)
				})
			}
		})
	}
}
