// Package browsertest starts a headless Chromium for tests and watches its
// tabs: console errors, CSP violations, requests outside the site.
//
// It is test support, imported only by _test.go files; it is internal so
// that nothing outside this module can import it. It lives at the module's
// root, not under generator/, because the site's own browser tests (package
// main, at the root) import it, as do those of generator/preview and
// generator/search.
//
// # The browser
//
// [Chromium] finds Debian's chromium (or chromium-browser, google-chrome,
// headless-shell) on PATH. Without one the test is skipped, saying so; when
// the environment variable CI is set, a missing browser fails the test
// instead, so that CI cannot pass by skipping.
//
// A package's browser tests share one browser: its TestMain calls [Main],
//
//	func TestMain(m *testing.M) { os.Exit(browsertest.Main(m)) }
//
// and each test asks for [Shared], which starts the browser on first use
// (so a run that selects no browser test starts none) and which Main stops
// when the tests are done. Starting Chromium costs about a second of both
// cores; a tab costs a few milliseconds. Tests on the shared browser may
// call t.Parallel(): every tab of [NewTab] is in a browser context of its
// own (like an incognito window), so tabs share no storage, cookies or
// cache, whichever test opened them. Flags the package's tests need (such
// as host-resolver-rules) are given to Main.
//
// [New] starts a browser of one test's own instead, stopped when the test
// ends, for a test that needs flags no other test of its package may have.
//
// Both have a profile in a temporary folder, a 1200×900 window and
// everything that would reach for the network turned off (background
// networking, component updates, sync, QUIC, extensions): the machines that
// run these tests have no network. Extra flags are appended; a flag given
// twice keeps the value given last, so features to turn off are given with
// [DisableFeatures], which keeps those this package turns off.
//
// Chromium writes nothing outside that folder: its configuration and cache
// folders (XDG_CONFIG_HOME, XDG_CACHE_HOME) are inside it, so its crash
// handler keeps its database there too, not in ~/.config/chromium. (Its
// flag disable-crashpad-for-testing would start no handler, but with it
// Chromium 156 aborted the tests' navigations, net::ERR_ABORTED.)
//
// Renderer processes are most of what Chromium costs these tests (a
// quarter to half a second of a core each), so the browser starts none it
// does not need. Chromium 156 preloads its omnibox popups into every
// window, each a WebUI page in a process of its own, and every tab in a
// browser context of its own is a window: half a second a tab, for popups
// nobody opens headless. And it keeps a spare renderer ready for the next
// navigation, for the browser context that navigated last: with tabs of
// two contexts side by side, each navigation threw the other's spare away
// and started one of its own, a process a page. Both are turned off (see
// [DisableFeatures]); a tab then has one renderer a site it visits.
//
// # Tabs and what they see
//
// [NewTab] opens a tab with a [Watch] on it and a time limit of five minutes
// (which only keeps a broken test from hanging: on a machine shared with
// other builds, taking a whole quiz has taken over two).
// The watch records every request the tab makes and every console error or
// warning, uncaught exception and browser log error or warning; CSP
// violations are reported in the browser log. [Watch.Check] fails the test on
// any of these errors and on any request outside the site's base URL (data:
// and blob: URLs are the page's own); [Watch.Errors] hands the errors to a
// test that expects some.
//
// # Serving a site
//
// A site is tried from two places: [FileURL] (file://, as from a file share)
// and [Serve] (an HTTP server on 127.0.0.1 under a sub-path, as on an
// intranet). Both return a base URL ending in "/".
//
// # Accessibility
//
// [AxeJS] reads axe-core, installed by .ci/run with npm (skipping without it,
// failing under CI), and [Axe] checks the page in a tab against WCAG 2.0 and
// 2.1, levels A and AA, and axe's best practices.
//
// # Small screens
//
// [Viewport] gives a tab the width of a phone (320 CSS px, the width WCAG
// 1.4.10 reflows to) or of a desktop, and [Overflow] says what, if
// anything, makes the page scroll sideways.
package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
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

// Chromium returns the path of a Chromium on PATH, or skips the test (fails
// it when CI is set).
func Chromium(t testing.TB) string {
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

// New starts a headless Chromium for one test, stopped when the test ends,
// and returns its context: the parent of the tabs of [NewTab]. Prefer
// [Shared].
func New(t testing.TB, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	ctx, stop, err := start(Chromium(t), t.TempDir(), extra)
	t.Cleanup(stop)
	if err != nil {
		t.Fatal(err)
	}
	return ctx
}

// disabledFeatures are the Chromium features every browser of this package
// runs without: the omnibox popups Chromium preloads into each window and
// the spare renderer (see the package doc). Names Chromium does not know
// are ignored.
var disabledFeatures = []string{"WebUIOmniboxPopup", "WebUIOmniboxAimPopup", "WebUIOmniboxFullPopup", "SpareRendererForSitePerProcess"}

// DisableFeatures is the flag that turns off Chromium's features names as
// well as those this package turns off, for [Main] or [New]: a flag
// disable-features of its own would replace these.
func DisableFeatures(names ...string) chromedp.ExecAllocatorOption {
	return chromedp.Flag("disable-features", strings.Join(append(slices.Clone(disabledFeatures), names...), ","))
}

// start starts a headless Chromium with its profile in dir.
func start(exe, dir string, extra []chromedp.ExecAllocatorOption) (context.Context, func(), error) {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(dir),
		// No network here: keep Chromium from trying.
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.WindowSize(1200, 900),
		// Nothing written outside dir (see the package doc).
		chromedp.Env("XDG_CONFIG_HOME="+dir, "XDG_CACHE_HOME="+dir),
		DisableFeatures(),
	}
	opts = append(opts, extra...)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	stop := func() { cancelC(); cancelA() }
	if err := chromedp.Do(ctx); err != nil {
		return nil, stop, fmt.Errorf("start chromium: %w", err)
	}
	return ctx, stop, nil
}

// shared is the browser of [Main] and [Shared].
var shared struct {
	mu      sync.Mutex
	main    bool // Main is running the tests
	extra   []chromedp.ExecAllocatorOption
	ctx     context.Context
	err     error
	dir     string
	stop    func()
	started bool
}

// Main runs the tests of a package whose browser tests use [Shared], stops
// the shared browser if one was started, and returns the exit code for
// os.Exit. extra are flags for the shared browser.
func Main(m *testing.M, extra ...chromedp.ExecAllocatorOption) int {
	shared.mu.Lock()
	shared.main, shared.extra = true, extra
	shared.mu.Unlock()
	code := m.Run()
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.stop != nil {
		shared.stop()
	}
	if shared.dir != "" {
		if err := os.RemoveAll(shared.dir); err != nil {
			fmt.Fprintln(os.Stderr, "browsertest:", err)
			if code == 0 {
				code = 1
			}
		}
	}
	return code
}

// Shared returns the package's shared browser, started on the first call:
// the parent of the tabs of [NewTab]. The package's TestMain must call
// [Main]. A browser that failed to start fails every test that asks for it.
func Shared(t testing.TB) context.Context {
	t.Helper()
	exe := Chromium(t)
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if !shared.main {
		t.Fatal("browsertest.Shared: the package's TestMain must call browsertest.Main")
	}
	if !shared.started {
		shared.started = true
		shared.dir, shared.err = os.MkdirTemp("", "browsertest-")
		if shared.err == nil {
			shared.ctx, shared.stop, shared.err = start(exe, shared.dir, shared.extra)
		}
	}
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.ctx
}

// Watch records the requests and the errors of one tab.
type Watch struct {
	mu       sync.Mutex
	requests []string
	errors   []string
}

func (w *Watch) listen(ev any) {
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

// NewTab opens a tab in browser (from [Shared] or [New]) with a [Watch] on
// it and a time limit of five minutes. The tab is in a browser context of
// its own: it shares no storage, cookies or cache with other tabs, and is
// closed with its context when the test ends.
func NewTab(t testing.TB, browser context.Context) (context.Context, *Watch) {
	t.Helper()
	w := &Watch{}
	tab, cancel := chromedp.NewContext(browser, chromedp.WithListener(w.listen), chromedp.WithNewBrowserContext())
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
	ctx, cancelT := context.WithTimeout(tab, 5*time.Minute)
	t.Cleanup(cancelT)
	return ctx, w
}

// Check fails the test on every error seen and every request outside base
// (other than data: and blob: URLs) since the last Check or Errors, then
// forgets them.
func (w *Watch) Check(t testing.TB, base string) {
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

// Errors returns the errors seen since the last Check or Errors, and
// forgets them and the requests: for a test that expects some errors.
func (w *Watch) Errors() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	errs := w.errors
	w.errors, w.requests = nil, nil
	return errs
}

// Do runs steps in a tab, or fails the test.
func Do(t testing.TB, tab context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(tab, steps...); err != nil {
		t.Fatal(err)
	}
}

// Get runs one action that returns a value in a tab, or fails the test.
func Get[T any](t testing.TB, tab context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(tab, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// FileURL is the file:// URL of the folder dir, ending in "/".
func FileURL(dir string) string {
	return "file://" + filepath.ToSlash(dir) + "/"
}

// Serve serves the folder dir over HTTP on 127.0.0.1 under prefix (such as
// "/intranet/policy/") until the test ends, and returns the base URL: the
// server's URL followed by prefix, ending in "/".
func Serve(t testing.TB, dir, prefix string) string {
	t.Helper()
	prefix = "/" + strings.Trim(prefix, "/") + "/"
	if prefix == "//" {
		prefix = "/"
	}
	mux := http.NewServeMux()
	mux.Handle(prefix, http.StripPrefix(prefix, http.FileServer(http.Dir(dir))))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL + prefix
}

// AxeJS returns the source of axe-core, installed below repoRoot by .ci/run
// with npm, or skips the test without it (fails it when CI is set).
func AxeJS(t testing.TB, repoRoot string) string {
	t.Helper()
	p := filepath.Join(repoRoot, ".ci", "node_modules", "axe-core", "axe.min.js")
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("axe-core missing: .ci/run must install it (npm ci --prefix .ci)")
		}
		t.Skip("accessibility test skipped: axe-core not installed (npm ci --prefix .ci)")
	}
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(src)
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

// axeRun runs axe on the whole document for WCAG 2.0 and 2.1, A and AA,
// and axe's best practices (landmarks, unique landmark names, one main
// heading, …).
//
// preload: false keeps axe from fetching the page's style sheets and media
// again with XHR, which the site's CSP refuses (over file:// every style
// sheet is of another, opaque origin, so axe would fetch them all). Of the
// rules these tags select, only no-autoplay-audio wants preloaded assets
// (the metadata of autoplaying audio and video; css-orientation-lock, which
// wants the CSSOM, is experimental and not run).
//
// resultTypes: ['violations'] has axe collect only one node of each rule
// that passes or needs review (it still checks every node), and only the
// violations come back: a page's passes are most of axe's time and of
// what it returns.
const axeRun = `axe.run(document, {
	runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
	resultTypes: ['violations'],
	preload: false
}).then(r => JSON.stringify({violations: r.violations}))`

// Axe checks the page in tab with axe-core (the source from [AxeJS]) and
// fails the test on every violation, one error a node. The source is
// injected only when the page does not have it yet.
func Axe(t testing.TB, tab context.Context, axeJS string) {
	t.Helper()
	if !Get(t, tab, chromedp.Evaluate[bool](`typeof axe === 'object'`)) {
		if _, err := chromedp.Run(tab, chromedp.Evaluate[*runtime.RemoteObject](axeJS)); err != nil {
			t.Fatal(err)
		}
	}
	raw := Get(t, tab, chromedp.Evaluate[string](axeRun, chromedp.EvalAwaitPromise))
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

// Viewport sets the tab's viewport to width CSS px (at a device scale of
// 1) and a height of 900.
func Viewport(t testing.TB, tab context.Context, width int64) {
	t.Helper()
	Do(t, tab, chromedp.EmulateViewport(width, 900))
}

// overflowJS describes what makes the page wider than its viewport: the
// document's scroll width and, for each of the first few elements whose
// right edge is past the viewport (outside any element that scrolls on its
// own), its tag, class and width. It is "" when nothing is.
const overflowJS = `(() => {
	const root = document.documentElement, vw = root.clientWidth;
	if (root.scrollWidth <= vw) return '';
	const out = [];
	const scrolls = el => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) { const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; } return false; };
	for (const el of document.body.querySelectorAll('*')) {
		const r = el.getBoundingClientRect();
		if (r.right > vw + 0.5 && r.width > 0 && !scrolls(el)) {
			out.push(el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).replace(/ +/g, '.') : '') + ' (' + Math.round(r.left) + '–' + Math.round(r.right) + ')');
			if (out.length >= 5) break;
		}
	}
	return 'scroll width ' + root.scrollWidth + ' > ' + vw + ': ' + out.join(', ');
})()`

// Overflow returns what makes the page in tab scroll sideways, or "" when
// nothing does (WCAG 1.4.10 Reflow, checked at a width of 320).
func Overflow(t testing.TB, tab context.Context) string {
	t.Helper()
	return Get(t, tab, chromedp.Evaluate[string](overflowJS))
}
