package preview_test

// The reload in a real headless Chromium (Debian's chromium, through
// chromedp): the served policy must let reload.js ask the server, and the
// page must reload after an edit, show the errors of a broken build, and
// come back when it is fixed. Without a browser the test skips, saying so;
// under CI (CI=true) a missing browser fails.

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

func chromium(t *testing.T) string {
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

// consoleErrors collects errors and warnings of a tab: CSP violations are
// reported in the browser log.
type consoleErrors struct {
	mu   sync.Mutex
	msgs []string
}

func (c *consoleErrors) listen(ev any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch ev := ev.(type) {
	case *cdplog.EventEntryAdded:
		if ev.Entry.Level == cdplog.EntryLevelError || ev.Entry.Level == cdplog.EntryLevelWarning {
			c.msgs = append(c.msgs, ev.Entry.Source.String()+": "+ev.Entry.Text+" "+ev.Entry.URL)
		}
	case *runtime.EventExceptionThrown:
		c.msgs = append(c.msgs, "exception: "+ev.ExceptionDetails.Text)
	}
}

func TestBrowserReload(t *testing.T) {
	path := chromium(t)
	dir := project(t)
	_, base := startSite(t, dir)

	actx, cancelA := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	)
	defer cancelA()
	logs := &consoleErrors{}
	tab, cancelT := chromedp.NewContext(actx, chromedp.WithListener(logs.listen))
	defer cancelT()
	tab, cancel := context.WithTimeout(tab, 2*time.Minute)
	defer cancel()
	run := func(steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(tab, steps...); err != nil {
			t.Fatal(err)
		}
	}
	enableLog := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, cdplog.Enable, cdp.Empty{})
		return err
	})
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

	run(enableLog, chromedp.Navigate(base+"/ja/index.html"), chromedp.WaitVisible(chromedp.CSS("main")), mark)
	write(t, dir, "content/ja/index.md", doc("ホーム", "public", "改訂しました。\n"))
	waitReload("改訂しました。")

	run(mark)
	write(t, dir, "content/ja/index.md", doc("ホーム", "Public", "改訂しました。\n"))
	waitReload("content/ja/index.md:3:")

	run(mark)
	write(t, dir, "content/ja/index.md", doc("ホーム", "public", "直しました。\n"))
	waitReload("直しました。")

	logs.mu.Lock()
	defer logs.mu.Unlock()
	for _, m := range logs.msgs {
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
