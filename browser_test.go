package main

// Browser tests drive a real headless Chromium (Debian's chromium package)
// through chromedp, over file:// and over HTTP under a sub-path. Without a
// browser they skip, saying so; under CI (CI=true) a missing browser fails.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

var (
	realSiteOnce sync.Once
	realSiteDir  string
	realSiteErr  error
)

// realSite builds this repository's own content/ once into a temporary
// folder and returns the public/ inside it.
func realSite(t *testing.T) string {
	t.Helper()
	realSiteOnce.Do(func() {
		dir, err := os.MkdirTemp("", "policysite-test-")
		if err != nil {
			realSiteErr = err
			return
		}
		var stdout, stderr bytes.Buffer
		if code := run([]string{"-out", filepath.Join(dir, "public")}, &stdout, &stderr); code != 0 {
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

func TestMain(m *testing.M) {
	code := m.Run()
	if realSiteDir != "" {
		os.RemoveAll(filepath.Dir(realSiteDir))
	}
	os.Exit(code)
}

// chromiumPath finds a Chromium, or skips the test (fails it under CI).
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no Chromium on PATH: CI must install Debian's chromium (see .ci/run)")
	}
	t.Skip("browser test skipped: no Chromium on PATH (apt-get install chromium)")
	return ""
}

// newBrowser starts a headless Chromium for one test.
func newBrowser(t *testing.T, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		// This machine has no network: keep Chromium from trying.
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.WindowSize(1200, 900),
	}
	opts = append(opts, extra...)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelC(); cancelA() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// watch records every request and every console error, exception and
// browser log error (CSP violations land there) of a tab.
type watch struct {
	mu       sync.Mutex
	requests []string
	errors   []string
}

func (w *watch) listen(ev any) {
	w.mu.Lock()
	defer w.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		w.requests = append(w.requests, ev.Request.URL)
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning {
			var parts []string
			for _, a := range ev.Args {
				parts = append(parts, string(a.Value)+a.Description)
			}
			w.errors = append(w.errors, "console: "+strings.Join(parts, " "))
		}
	case *runtime.EventExceptionThrown:
		w.errors = append(w.errors, fmt.Sprintf("exception: %s %s", ev.ExceptionDetails.Text, exceptionDescription(ev.ExceptionDetails)))
	case *cdplog.EventEntryAdded:
		if ev.Entry.Level == cdplog.EntryLevelError || ev.Entry.Level == cdplog.EntryLevelWarning {
			w.errors = append(w.errors, fmt.Sprintf("log %s: %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
		}
	}
}

func exceptionDescription(d *runtime.ExceptionDetails) string {
	if d == nil || d.Exception == nil {
		return ""
	}
	return d.Exception.Description
}

// newTab opens a tab in the browser with a watch on it and a time limit.
func newTab(t *testing.T, browser context.Context) (context.Context, *watch) {
	t.Helper()
	w := &watch{}
	tab, cancel := chromedp.NewContext(browser, chromedp.WithListener(w.listen))
	t.Cleanup(cancel)
	err := chromedp.Do(tab, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, cdplog.Enable, cdp.Empty{})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancelT := context.WithTimeout(tab, 2*time.Minute)
	t.Cleanup(cancelT)
	return ctx, w
}

// check fails the test on any console error or any request outside base.
func (w *watch) check(t *testing.T, base string) {
	t.Helper()
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, e := range w.errors {
		t.Errorf("browser error: %s", e)
	}
	for _, r := range w.requests {
		if !strings.HasPrefix(r, base) && !strings.HasPrefix(r, "data:") && !strings.HasPrefix(r, "blob:") {
			t.Errorf("request outside the site: %s (base %s)", r, base)
		}
	}
	w.errors, w.requests = nil, nil
}

// do runs steps in tab or fails the test.
func do(t *testing.T, tab context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(tab, steps...); err != nil {
		t.Fatal(err)
	}
}

// get runs one action that returns a value, or fails the test.
func get[T any](t *testing.T, tab context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(tab, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func css(sel string) chromedp.CSS { return chromedp.CSS(sel) }

func lang(t *testing.T, tab context.Context) string {
	t.Helper()
	return get(t, tab, chromedp.Evaluate[string](`document.documentElement.lang`))
}

// servers returns the places the built site is tried from: a file:// URL
// and an HTTP server on 127.0.0.1 under a sub-path.
func servers(t *testing.T, public string) map[string]string {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle("/intranet/policy/", http.StripPrefix("/intranet/policy/", http.FileServer(http.Dir(public))))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return map[string]string{
		"file": "file://" + filepath.ToSlash(public) + "/",
		"http": srv.URL + "/intranet/policy/",
	}
}

func TestBrowserReading(t *testing.T) {
	public := realSite(t)
	browser := newBrowser(t)
	for name, base := range servers(t, public) {
		t.Run(name, func(t *testing.T) {
			tab, w := newTab(t, browser)
			do(t, tab,
				chromedp.Navigate(base+"index.html"),
				chromedp.Click(css(`a[href="ja/index.html"]`)),
				chromedp.WaitVisible(css(`a[href="basic-policy.html"]`)),
				chromedp.Click(css(`a[href="basic-policy.html"]`)),
				chromedp.WaitVisible(css(`nav.toc`)),
			)
			if title := get(t, tab, chromedp.Title()); !strings.Contains(title, "サイバーセキュリティを確保するための方針") || lang(t, tab) != "ja" {
				t.Errorf("title %q, lang %q", title, lang(t, tab))
			}
			do(t, tab, chromedp.Click(css(`nav.toc a[href="#def-availability"]`)))
			if loc := get(t, tab, chromedp.Location()); !strings.HasSuffix(loc, "ja/basic-policy.html#def-availability") {
				t.Errorf("after the table of contents: %s", loc)
			}
			do(t, tab, chromedp.Click(css(`a.lang-switch`)), chromedp.WaitVisible(css(`html[lang="en"] #def-availability`)))
			loc := get(t, tab, chromedp.Location())
			heading := get(t, tab, chromedp.Text(css(`#def-availability`)))
			if !strings.HasSuffix(loc, "en/basic-policy.html#def-availability") || !strings.Contains(heading, "Availability") {
				t.Errorf("language switch landed on %s (heading %q)", loc, heading)
			}
			// Scrolled to a section without a fragment, the switch still
			// keeps the place: the last heading scrolled past.
			do(t, tab,
				chromedp.Navigate(base+"en/basic-policy.html"),
				chromedp.WaitVisible(css(`#measures-human`)),
				chromedp.Evaluate[chromedp.Void](`document.getElementById('measures-human').scrollIntoView(); window.scrollBy(0, 10); undefined`, chromedp.EvalAsValue),
				chromedp.Click(css(`a.lang-switch`)),
				chromedp.WaitVisible(css(`html[lang="ja"] #measures-human`)),
			)
			if loc := get(t, tab, chromedp.Location()); !strings.HasSuffix(loc, "ja/basic-policy.html#measures-human") {
				t.Errorf("scrolled language switch landed on %s", loc)
			}
			w.check(t, base)
		})
	}
}

// axePath finds axe-core, installed by .ci/run with npm.
func axePath(t *testing.T) string {
	t.Helper()
	p := filepath.Join(".ci", "node_modules", "axe-core", "axe.min.js")
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("axe-core missing: .ci/run must install it (npm ci --prefix .ci)")
		}
		t.Skip("accessibility test skipped: axe-core not installed (npm ci --prefix .ci)")
	}
	return p
}

type axeResult struct {
	Violations []struct {
		ID    string `json:"id"`
		Help  string `json:"help"`
		Nodes []struct {
			Target []any  `json:"target"`
			HTML   string `json:"html"`
		} `json:"nodes"`
	} `json:"violations"`
}

// runAxe checks the page in tab against WCAG 2.0/2.1 A and AA.
func runAxe(t *testing.T, tab context.Context, axeSrc string) {
	t.Helper()
	if _, err := chromedp.Run(tab, chromedp.Evaluate[*runtime.RemoteObject](axeSrc)); err != nil {
		t.Fatal(err)
	}
	raw := get(t, tab, chromedp.Evaluate[string](`axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}).then(r => JSON.stringify(r))`, chromedp.EvalAwaitPromise))
	var res axeResult
	if err := json.Unmarshal([]byte(raw), &res); err != nil {
		t.Fatal(err)
	}
	for _, v := range res.Violations {
		for _, n := range v.Nodes {
			t.Errorf("axe %s: %s at %v: %s", v.ID, v.Help, n.Target, n.HTML)
		}
	}
}

// accessiblePages are one page of each kind.
var accessiblePages = []string{
	"index.html", "ja/index.html", "en/index.html", "ja/basic-policy.html", "en/basic-policy.html",
	"ja/search.html?q=可用性", "en/search.html?q=availability", "ja/quiz/new-hire.html", "en/quiz/new-hire.html",
	"ja/history/basic-policy.html", "en/history/basic-policy.html", "ja/whats-new.html", "en/whats-new.html",
}

func TestBrowserAccessibility(t *testing.T) {
	public := realSite(t)
	axeSrc, err := os.ReadFile(axePath(t))
	if err != nil {
		t.Fatal(err)
	}
	browser := newBrowser(t)
	base := servers(t, public)["http"]
	pages := append([]string(nil), accessiblePages...)
	for _, lang := range []string{"ja", "en"} {
		diffs, _ := filepath.Glob(filepath.Join(public, lang, "history", "basic-policy", "*.html"))
		if len(diffs) == 0 {
			t.Errorf("no %s diff page built", lang)
			continue
		}
		pages = append(pages, lang+"/history/basic-policy/"+filepath.Base(diffs[len(diffs)-1]))
	}
	for _, p := range pages {
		if _, err := os.Stat(filepath.Join(public, strings.Split(p, "?")[0])); err != nil {
			t.Errorf("%s not built", p)
			continue
		}
		t.Run(p, func(t *testing.T) {
			tab, w := newTab(t, browser)
			do(t, tab, chromedp.Navigate(base+p), chromedp.WaitReady(css("body")), chromedp.Sleep(300*time.Millisecond))
			runAxe(t, tab, string(axeSrc))
			w.check(t, base)
		})
	}
}
