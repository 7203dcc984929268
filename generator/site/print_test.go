package site

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"policysite/internal/browsertest"
	deftemplates "policysite/templates"
)

// TestMain stops the package's shared Chromium (see browsertest.Main).
func TestMain(m *testing.M) { os.Exit(browsertest.Main(m)) }

// TestPrintedComparison prints a comparison page in Chromium (print media
// emulated) and checks what reaches paper: both columns show （略） for an
// unchanged run, as official tables do; context rows and marks are there;
// and no screen control (the link to the full text, the language switch,
// navigation, buttons) is printed.
func TestPrintedComparison(t *testing.T) {
	t.Parallel()
	body := func(ro, tail string) string {
		var b strings.Builder
		b.WriteString("## 第一条（目的） {#a1}\n\nこの方針は、目的を定める。\n\n")
		b.WriteString("## 第二条（定義） {#a2}\n\n次の各号に掲げる用語の意義は、当該各号に定めるところによる。\n\n")
		b.WriteString("- 一　情報資産　情報及び情報システムをいう。\n- 二　機密性　許可された者だけが情報に触れられることをいう。\n")
		b.WriteString("  - イ　" + ro + "\n\n")
		b.WriteString("## 第三条（適用範囲） {#a3}\n\nこの方針は、職員に適用する。\n\n")
		b.WriteString("## 第四条（管理） {#a4}\n\n" + tail + "\n")
		return b.String()
	}
	ja := func(ro, tail string) string { return mdDoc("基本方針", "public", body(ro, tail)) }
	en := mdDoc("Basic policy", "public", "## Article 1 {#a1}\n\nPurpose.\n\n## Article 2 {#a2}\n\nTerms.\n\n## Article 3 {#a3}\n\nScope.\n\n## Article 4 {#a4}\n\nManagement.\n")
	hh := newHandHistory()
	hh.commit("制定", "", map[string]string{"content/ja/policy.md": ja("機器故障等", "第百二十三条の規定による。"), "content/en/policy.md": en})
	c := hh.commit("改定", "2026-04-01", map[string]string{"content/ja/policy.md": ja("機器の故障等", "第百二十九条の規定による。")})
	fsys := fstest.MapFS{
		"content/ja/index.md":  {Data: []byte(mdDoc("ホーム", "public", "ようこそ。\n"))},
		"content/en/index.md":  {Data: []byte(mdDoc("Home", "public", "Welcome.\n"))},
		"content/ja/policy.md": {Data: []byte(ja("機器の故障等", "第百二十九条の規定による。"))},
		"content/en/policy.md": {Data: []byte(en)},
	}
	s, err := Build(Options{FS: fsys, Templates: deftemplates.FS, History: hh.h, Today: date("2026-12-03")})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, data := range s.Files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	page := "ja/revisions/" + c.Short + ".html"
	if s.Files[page] == nil {
		t.Fatalf("no comparison page %s", page)
	}

	browser := browsertest.Shared(t)
	tab, w := browsertest.NewTab(t, browser)
	browsertest.Do(t, tab,
		chromedp.Navigate(browsertest.FileURL(dir)+page),
		chromedp.WaitReady(chromedp.CSS("table.comparison")),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
			return err
		}),
	)
	// What prints: the rendered text of each row, cell by cell, and every
	// element a reader could operate that is still rendered.
	got := browsertest.Get(t, tab, chromedp.Evaluate[printed](`(() => {
		const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
		const rows = [...document.querySelectorAll('table.comparison tbody tr')].filter(shown)
			.map(tr => [...tr.cells].map(td => td.innerText.trim()));
		const controls = [...document.querySelectorAll('a[href], button, summary, input, select, textarea, [tabindex]:not([tabindex="-1"]), nav')]
			.filter(el => !el.closest('table.comparison h2') && shown(el))
			.filter(el => !(el.tagName === 'A' && el.closest('h2')))
			.map(el => el.outerHTML.slice(0, 80));
		const legend = document.querySelector('.legend');
		return {rows, controls, legend: legend && shown(legend) ? legend.innerText : ''};
	})()`))
	w.Check(t, browsertest.FileURL(dir))

	var omitted, context, marked int
	for _, r := range got.Rows {
		if len(r) != 2 {
			t.Errorf("printed row %q has %d cells, want 2", r, len(r))
			continue
		}
		switch {
		case r[0] == "（略）" && r[1] == "（略）":
			omitted++
		case r[0] == r[1] && strings.HasPrefix(r[0], "第二条"):
			context++
		case strings.Contains(r[0], "第百二十九条") || strings.Contains(r[1], "第百二十九条"):
			marked++
		}
		if strings.Contains(r[0]+r[1], "全文") {
			t.Errorf("printed row %q carries the screen link to the full text", r)
		}
	}
	if omitted == 0 || context == 0 || marked == 0 {
		t.Errorf("printed rows %q: %d （略） rows in both columns, %d context rows of 第二条, %d marked rows of 第百二十九条; want each at least 1", got.Rows, omitted, context, marked)
	}
	if len(got.Controls) > 0 {
		t.Errorf("screen controls printed: %q", got.Controls)
	}
	if !strings.Contains(got.Legend, "傍線") {
		t.Errorf("printed legend %q, want the 傍線 legend", got.Legend)
	}
}

// printed is what TestPrintedComparison reads from the printed page.
type printed struct {
	Rows     [][]string `json:"rows"`
	Controls []string   `json:"controls"`
	Legend   string     `json:"legend"`
}
