package preview_test

// The reload in a real headless Chromium (Debian's chromium, through
// chromedp): the served policy must let reload.js ask the server, and the
// page must reload after an edit, show the errors of a broken build, and
// come back when it is fixed. Without a browser the test skips, saying so;
// under CI (CI=true) a missing browser fails.

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"policysite/internal/browsertest"
)

func TestMain(m *testing.M) { os.Exit(browsertest.Main(m)) }

func TestBrowserReload(t *testing.T) {
	t.Parallel()
	browser := browsertest.Shared(t)
	dir := project(t)
	_, base := startSite(t, dir)
	tab, w := browsertest.NewTab(t, browser)
	// waitReload marks the page, then waits until a page without the mark
	// (a reloaded one) shows text.
	waitReload := func(text string) {
		t.Helper()
		js := `!window.previewMark && !!document.body && document.body.textContent.includes(` + quote(text) + `)`
		deadline := time.Now().Add(30 * time.Second)
		for {
			// An evaluation cut short by the reload is an error: ask again.
			done, err := chromedp.Run(tab, chromedp.Evaluate[bool](js))
			if err == nil && done {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("page did not reload to show %q (last error: %v)", text, err)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	mark := chromedp.Evaluate[chromedp.Void](`window.previewMark = true; undefined`, chromedp.EvalAsValue)

	browsertest.Do(t, tab, chromedp.Navigate(base+"/ja/index.html"), chromedp.WaitVisible(chromedp.CSS("main")), mark)
	write(t, dir, "content/ja/index.md", doc("ホーム", "public", "改訂しました。\n"))
	waitReload("改訂しました。")

	browsertest.Do(t, tab, mark)
	write(t, dir, "content/ja/index.md", doc("ホーム", "Public", "改訂しました。\n"))
	waitReload("content/ja/index.md:3:")

	browsertest.Do(t, tab, mark)
	write(t, dir, "content/ja/index.md", doc("ホーム", "public", "直しました。\n"))
	waitReload("直しました。")

	for _, m := range w.Errors() {
		// The error page is served with status 500, which the browser logs.
		if strings.Contains(m, "status of 500") {
			continue
		}
		t.Errorf("browser: %s", m)
	}
}

func quote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}
