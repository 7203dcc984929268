package search

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"policysite/internal/browsertest"
)

// TestBrowser drives search.js in Chromium on a minimal search page
// (testdata/search.html, with the DOM contract of the real one and its CSP),
// over file:// and over HTTP under a sub-path. The whole-site browser tests
// live with the site; this one pins the script's own behaviour.
func TestMain(m *testing.M) { os.Exit(browsertest.Main(m)) }

func TestBrowser(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	browser := browsertest.Shared(t)
	dir := t.TempDir()
	page, err := os.ReadFile(filepath.Join("testdata", "search.html"))
	if err != nil {
		t.Fatal(err)
	}
	script, err := os.ReadFile("../../templates/assets/search.js")
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) {
		t.Helper()
		name = filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("assets/search.js", script)
	for _, lang := range []string{"ja", "en"} {
		idx, _, err := Build(lang, loadSections(t, "policy-"+lang+".json"))
		if err != nil {
			t.Fatal(err)
		}
		write("assets/search-index-"+lang+".js", idx)
		write(lang+"/search.html", []byte(strings.NewReplacer("LANG", lang, "ROOT", "../", "UIJSON", string(UIJSON(lang))).Replace(string(page))))
	}
	// A page whose data-root is wrong cannot load its index.
	write("broken/search.html", []byte(strings.NewReplacer("LANG", "ja", "ROOT", "../nowhere/", "UIJSON", string(UIJSON("ja"))).Replace(string(page))))

	bases := map[string]string{"file": browsertest.FileURL(dir), "http": browsertest.Serve(t, dir, "/sub/")}
	for _, name := range []string{"file", "http"} {
		base := bases[name]
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			tab, _ := browsertest.NewTab(t, browser)
			do := func(steps ...chromedp.Action[chromedp.Void]) {
				t.Helper()
				browsertest.Do(t, tab, steps...)
			}
			eval := func(js string) string {
				t.Helper()
				return browsertest.Get(t, tab, chromedp.Evaluate[string](js))
			}
			// waitStatus waits until the status says something, and returns it.
			waitStatus := func() string {
				t.Helper()
				do(chromedp.Poll[chromedp.Void](`document.getElementById('search-status').textContent !== '' &&
					!/準備|Preparing/.test(document.getElementById('search-status').textContent)`))
				return eval(`document.getElementById('search-status').textContent`)
			}
			check := func(what, got, want string) {
				t.Helper()
				if got != want {
					t.Errorf("%s = %q, want %q", what, got, want)
				}
			}

			do(chromedp.Navigate(base + "ja/search.html?q=" + "%E5%8F%AF%E7%94%A8%E6%80%A7"))
			check("status", waitStatus(), "「可用性」の検索結果: 3件")
			check("input", eval(`document.getElementById('search-q').value`), "可用性")
			check("first link", eval(`document.querySelector('#search-results li a').textContent`),
				"情報セキュリティ基本方針 — (8) 可用性")
			check("first href", eval(`document.querySelector('#search-results li a').getAttribute('href')`),
				"basic-policy.html#def-availability")
			check("marks", eval(`Array.from(document.querySelectorAll('#search-results mark'), m => m.textContent).join(',')`),
				"可用性,可用性")

			// A new search replaces the results without reloading the page.
			do(chromedp.Evaluate[chromedp.Void](`window.notReloaded = true; document.getElementById('search-status').textContent = ''`),
				chromedp.SetValue("#search-q", "ﾏｲﾅﾝﾊﾞｰ"), chromedp.Click("#search-go"))
			check("status", waitStatus(), "「ﾏｲﾅﾝﾊﾞｰ」の検索結果: 3件")
			check("same page", eval(`String(window.notReloaded)`), "true")
			check("query in URL", eval(`new URLSearchParams(location.search).get('q')`), "ﾏｲﾅﾝﾊﾞｰ")
			check("second mark", eval(`document.querySelectorAll('#search-results li')[1].querySelector('mark').textContent`), "マイナンバー")

			do(chromedp.Evaluate[chromedp.Void](`document.getElementById('search-status').textContent = ''`),
				chromedp.SetValue("#search-q", " "), chromedp.Click("#search-go"))
			check("empty query", waitStatus(), "検索語を入力してください。")
			check("empty query results", eval(`String(document.querySelectorAll('#search-results li').length)`), "0")

			do(chromedp.Navigate(base + "ja/search.html?q=" + "%E6%A9%9F%E5%AF%86%E6%80%A7%E5%8F%8A%E3%81%B3"))
			check("no results", waitStatus(), "「機密性及び」に一致する箇所は見つかりませんでした。語を短くするか、別の言い方で検索してください。なお、情報セキュリティ実施手順などの詳細な手順は非公開で、このサイトには掲載していません。")

			do(chromedp.Navigate(base + "en/search.html?q=What+is+availability%3F"))
			check("en relaxed", waitStatus(), "No exact results for “What is availability?”. 3 results for “availability”:")

			do(chromedp.Navigate(base + "broken/search.html?q=x"))
			check("missing index", waitStatus(), "検索インデックスを読み込めませんでした。")
		})
	}
}
