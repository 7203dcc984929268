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
	"time"

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
		chromedp.Flag("disable-features", "BackForwardCache"),
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

// accessiblePages are one page of each kind.
var accessiblePages = []string{
	"index.html", "ja/index.html", "en/index.html", "ja/basic-policy.html", "en/basic-policy.html",
	"ja/search.html?q=可用性", "en/search.html?q=availability", "ja/quiz/new-hire.html", "en/quiz/new-hire.html",
	"ja/history/basic-policy.html", "en/history/basic-policy.html", "ja/whats-new.html", "en/whats-new.html",
	"ja/bilingual/basic-policy.html", "en/bilingual/basic-policy.html", "ja/bilingual/index.html", "ja/glossary.html", "en/glossary.html",
}

// TestBrowserAccessibility checks one page of each kind in each language
// with axe-core, the pages shared out between the two places: over file://
// too, since axe reads the style sheets the page loaded instead of fetching
// them (which the CSP forbids). axe's findings do not depend on where a page
// is served from, and running it is most of this test's time, so each page
// is checked from one place, the two languages of a kind from different
// ones.
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
	for i, name := range []string{"file", "http"} {
		base := srv[name]
		t.Run(name, func(t *testing.T) {
			for j, p := range built {
				if j%2 != i {
					continue
				}
				t.Run(p, func(t *testing.T) {
					t.Parallel()
					tab, w := browsertest.NewTab(t, browser)
					browsertest.Do(t, tab, chromedp.Navigate(base+p), chromedp.WaitReady(css("body")), chromedp.Sleep(300*time.Millisecond))
					browsertest.Axe(t, tab, axeJS)
					w.Check(t, base)
				})
			}
		})
	}
}
