package browsertest_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chromedp/chromedp"

	"policysite/internal/browsertest"
)

// csp heads every test page: the site's policy (templates/base.html), which
// forbids inline scripts and every fetch, and, as on the site, an icon, so
// that the browser asks for no /favicon.ico.
const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'">
<link rel="icon" href="data:,">`

var files = map[string]string{
	"site/ok.html": `<!doctype html><html lang="en"><head><meta charset="utf-8">` + csp + `
<title>ok</title><link rel="stylesheet" href="style.css"><script src="ok.js"></script></head>
<body><main><h1>ok</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="dot"></main></body></html>`,
	"site/bad.html": `<!doctype html><html lang="en"><head><meta charset="utf-8">` + csp + `
<title>bad</title><script src="bad.js"></script><script>window.inline = true</script></head>
<body><main><h1>bad</h1><img src="../outside.png" alt="outside"></main></body></html>`,
	"site/noalt.html": `<!doctype html><html lang="en"><head><meta charset="utf-8">` + csp + `
<title>no alt</title><link rel="stylesheet" href="style.css"></head>
<body><main><h1>no alt</h1><img src="dot.gif"></main></body></html>`,
	"site/style.css": `body { font-family: sans-serif; color: #222; background: #fff; }`,
	"site/ok.js":     `document.documentElement.dataset.ok = 'yes';`,
	"site/bad.js":    `console.error('boom');`,
	"site/dot.gif":   "GIF89a\x01\x00\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x00;",
	"outside.png":    "",
}

// site writes files into a temporary folder and returns the folder "site"
// within it.
func site(t *testing.T) string {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, fsys); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "site")
}

// recorder is a testing.TB that keeps the errors reported to it.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func TestMain(m *testing.M) { os.Exit(browsertest.Main(m)) }

func TestServe(t *testing.T) {
	dir := site(t)
	for _, prefix := range []string{"/intranet/policy/", "sub", "/"} {
		base := browsertest.Serve(t, dir, prefix)
		if !strings.HasPrefix(base, "http://127.0.0.1:") || !strings.HasSuffix(base, "/") {
			t.Errorf("Serve(%q) = %q, want http://127.0.0.1:…/", prefix, base)
		}
		resp, err := http.Get(base + "ok.js")
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK || string(body) != files["site/ok.js"] {
			t.Errorf("GET %sok.js: %s %q (%v)", base, resp.Status, body, err)
		}
	}
	if got, want := browsertest.FileURL(dir), "file://"+filepath.ToSlash(dir)+"/"; got != want {
		t.Errorf("FileURL = %q, want %q", got, want)
	}
}

// TestTab opens ok.html and bad.html, over file:// and HTTP, and checks
// what the watch and axe make of them.
func TestTab(t *testing.T) {
	t.Parallel()
	dir := site(t)
	browser := browsertest.Shared(t)
	bases := map[string]string{"file": browsertest.FileURL(dir), "http": browsertest.Serve(t, dir, "/site/")}
	for name, base := range bases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			t.Run("watch", func(t *testing.T) {
				t.Parallel()
				tab, w := browsertest.NewTab(t, browser)
				browsertest.Do(t, tab, chromedp.Navigate(base+"ok.html"), chromedp.WaitReady(chromedp.CSS("main")))
				if got := browsertest.Get(t, tab, chromedp.Evaluate[string](`document.documentElement.dataset.ok`)); got != "yes" {
					t.Fatalf("ok.js did not run: %q", got)
				}
				w.Check(t, base)

				browsertest.Do(t, tab, chromedp.Navigate(base+"bad.html"), chromedp.WaitReady(chromedp.CSS("main")))
				rec := &recorder{TB: t}
				w.Check(rec, base)
				all := strings.Join(rec.errs, "\n")
				for _, want := range []string{`console: "boom"`, "Content Security Policy", "request outside the site: " + strings.TrimSuffix(base, "site/") + "outside.png"} {
					if !strings.Contains(all, want) {
						t.Errorf("Check reported no %q; it reported:\n%s", want, all)
					}
				}
				if errs := w.Errors(); len(errs) != 0 {
					t.Errorf("Check did not forget what it reported: %q", errs)
				}
			})

			// On pages with the site's CSP, axe must find the image
			// without alt text and nothing else, and make the page fetch
			// nothing (preload: false), over file:// too.
			t.Run("axe", func(t *testing.T) {
				t.Parallel()
				axeJS := browsertest.AxeJS(t, filepath.Join("..", ".."))
				tab, w := browsertest.NewTab(t, browser)
				browsertest.Do(t, tab, chromedp.Navigate(base+"ok.html"), chromedp.WaitReady(chromedp.CSS("main")))
				browsertest.Axe(t, tab, axeJS)
				w.Check(t, base)

				browsertest.Do(t, tab, chromedp.Navigate(base+"noalt.html"), chromedp.WaitReady(chromedp.CSS("main")))
				rec := &recorder{TB: t}
				browsertest.Axe(rec, tab, axeJS)
				if len(rec.errs) != 1 || !strings.HasPrefix(rec.errs[0], "axe image-alt: ") {
					t.Errorf("axe on an image without alt reported %q, want one image-alt violation", rec.errs)
				}
				w.Check(t, base)
			})
		})
	}
}

// TestTabsApart: tabs of the shared browser share no storage, so tests that
// run side by side cannot see each other's quiz progress; a tab of New's
// browser is apart in the same way.
func TestTabsApart(t *testing.T) {
	t.Parallel()
	dir := site(t)
	base := browsertest.Serve(t, dir, "/site/")
	for name, browser := range map[string]func(*testing.T) context.Context{
		"shared": func(t *testing.T) context.Context { return browsertest.Shared(t) },
		"own":    func(t *testing.T) context.Context { return browsertest.New(t) },
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b := browser(t)
			one, w1 := browsertest.NewTab(t, b)
			two, w2 := browsertest.NewTab(t, b)
			for _, tab := range []context.Context{one, two} {
				browsertest.Do(t, tab, chromedp.Navigate(base+"ok.html"), chromedp.WaitReady(chromedp.CSS("main")))
			}
			browsertest.Get(t, one, chromedp.Evaluate[string](`localStorage.setItem('k', 'one'), 'set'`))
			if got := browsertest.Get(t, one, chromedp.Evaluate[string](`String(localStorage.getItem('k'))`)); got != "one" {
				t.Fatalf("the tab that stored a value reads %q", got)
			}
			if got := browsertest.Get(t, two, chromedp.Evaluate[string](`String(localStorage.getItem('k'))`)); got != "null" {
				t.Errorf("another tab reads %q from storage, want null: tabs share storage", got)
			}
			w1.Check(t, base)
			w2.Check(t, base)
		})
	}
}

// TestNoOmniboxPopup: a tab's window has none of the omnibox popups that
// Chromium preloads into every window, each in a renderer process of its
// own (see DisableFeatures), in the shared browser and in New's.
func TestNoOmniboxPopup(t *testing.T) {
	t.Parallel()
	dir := site(t)
	base := browsertest.Serve(t, dir, "/site/")
	for name, browser := range map[string]func(*testing.T) context.Context{
		"shared": func(t *testing.T) context.Context { return browsertest.Shared(t) },
		"own": func(t *testing.T) context.Context {
			return browsertest.New(t, browsertest.DisableFeatures("BackForwardCache"))
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b := browser(t)
			tab, w := browsertest.NewTab(t, b)
			browsertest.Do(t, tab, chromedp.Navigate(base+"ok.html"), chromedp.WaitReady(chromedp.CSS("main")))
			targets, err := chromedp.Targets(tab)
			if err != nil {
				t.Fatal(err)
			}
			pages := 0
			for _, ti := range targets {
				if strings.HasPrefix(ti.URL, base) {
					pages++
				}
				if strings.Contains(ti.URL, "omnibox-popup") {
					t.Errorf("Chromium preloaded %s (%s)", ti.URL, ti.Type)
				}
			}
			if pages != 1 {
				t.Errorf("%d targets show the page, want 1: %+v", pages, targets)
			}
			w.Check(t, base)
		})
	}
}
