package main

// Browser tests of the site search (templates/assets/search.js) on the real
// site, over HTTP under a sub-path and over file://.

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"policysite/generator/search"
	"policysite/internal/browsertest"
)

// hit is one search result as shown.
type hit struct {
	Href    string   `json:"href"`
	Title   string   `json:"title"`
	Snippet string   `json:"snippet"`
	Marks   []string `json:"marks"`
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// results waits until the search page has answered query q and returns the
// status line and the results.
func results(t *testing.T, tab context.Context, q string) (string, []hit) {
	t.Helper()
	// The status names the query once the index has loaded and the search ran.
	waitFor(t, tab, `document.getElementById('search-status').textContent.includes(`+jsString(q)+`)`)
	type shownResults struct {
		Status string `json:"status"`
		Hits   []hit  `json:"hits"`
	}
	page := browsertest.Get(t, tab, chromedp.Evaluate[shownResults](`({
		status: document.getElementById('search-status').textContent,
		hits: Array.from(document.querySelectorAll('#search-results > li')).map(li => {
			const a = li.querySelector('a'), p = li.querySelector('.search-snippet');
			return {
				href: a.getAttribute('href'), title: a.textContent,
				snippet: p ? p.textContent : '',
				marks: p ? Array.from(p.querySelectorAll('mark')).map(m => m.textContent) : []
			};
		})
	})`))
	return page.Status, page.Hits
}

func hrefs(hits []hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Href)
	}
	return out
}

// hitFor returns the result linking to href, or fails the test.
func hitFor(t *testing.T, hits []hit, href string) hit {
	t.Helper()
	for _, h := range hits {
		if h.Href == href {
			return h
		}
	}
	t.Fatalf("no result links to %s; results: %q", href, hrefs(hits))
	return hit{}
}

// checkMarks checks that some snippet marks q and that every snippet marks
// q wherever it shows it, and marks nothing else (case aside, for English).
func checkMarks(t *testing.T, hits []hit, q string) {
	t.Helper()
	marked := false
	for _, h := range hits {
		for _, m := range h.Marks {
			marked = true
			if !strings.EqualFold(m, q) {
				t.Errorf("result %s marks %q in %q", h.Href, m, h.Snippet)
			}
		}
		if strings.Contains(strings.ToLower(h.Snippet), strings.ToLower(q)) && len(h.Marks) == 0 {
			t.Errorf("result %s shows %s unmarked: %q", h.Href, q, h.Snippet)
		}
	}
	if !marked {
		t.Errorf("no snippet marks %s: %+v", q, hits)
	}
}

// searchURL is the search page of lang asking for q.
func searchURL(base, lang, q string) string {
	return base + lang + "/search.html?" + url.Values{"q": {q}}.Encode()
}

func TestBrowserSearch(t *testing.T) {
	t.Parallel()
	public := realSite(t)
	browser := browsertest.Shared(t)
	for name, base := range servers(t, public) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			t.Run("header-box", func(t *testing.T) {
				t.Parallel()
				tab, w := browsertest.NewTab(t, browser)
				browsertest.Do(t, tab,
					chromedp.Navigate(base+"ja/basic-policy.html"),
					chromedp.WaitVisible(css("#site-search-q")),
					chromedp.SendKeys(css("#site-search-q"), "可用性"),
					chromedp.KeyEvent(kb.Enter),
					chromedp.WaitVisible(css("#search-results > li")),
				)
				loc, err := url.Parse(browsertest.Get(t, tab, chromedp.Location()))
				if err != nil {
					t.Fatal(err)
				}
				if !strings.HasSuffix(loc.Path, "/ja/search.html") || loc.Query().Get("q") != "可用性" {
					t.Errorf("the header search landed on %s", loc)
				}
				// One search box on the search page, showing the query:
				// the header's is left out there.
				boxes := browsertest.Get(t, tab, chromedp.Evaluate[[]string](`[...document.querySelectorAll('search, [role=search]')].map(f => f.querySelector('input').value)`))
				if len(boxes) != 1 || boxes[0] != "可用性" {
					t.Errorf("the search page has search landmarks whose boxes say %q, want one saying 可用性", boxes)
				}
				status, hits := results(t, tab, "可用性")
				if len(hits) == 0 || hits[0].Href != "basic-policy.html#def-availability" {
					t.Fatalf("可用性: status %q, results %q; want basic-policy.html#def-availability first", status, hrefs(hits))
				}
				checkMarks(t, hits, "可用性")
				browsertest.Do(t, tab,
					chromedp.Click(css("#search-results > li:first-child a")),
					chromedp.WaitVisible(css("article.doc #def-availability")),
				)
				at := browsertest.Get(t, tab, chromedp.Evaluate[[]string](`[location.pathname, location.hash]`))
				if !strings.HasSuffix(at[0], "/ja/basic-policy.html") || at[1] != "#def-availability" {
					t.Errorf("the first result led to %q", at)
				}
				w.Check(t, base)
			})

			t.Run("my-number", func(t *testing.T) {
				t.Parallel()
				tab, w := browsertest.NewTab(t, browser)
				browsertest.Do(t, tab, chromedp.Navigate(searchURL(base, "ja", "マイナンバー")))
				status, hits := results(t, tab, "マイナンバー")
				for href, text := range map[string]string{
					"basic-policy.html#measures-resilience":  "① マイナンバー利用事務系においては", // 6(3)
					"basic-policy.html#def-my-number-domain": "",                   // 2(9)
				} {
					hitFor(t, hits, href)
					if text == "" {
						continue
					}
					// The section searched is the one meant: its text, as
					// indexed, has the words.
					js := `window.PolicySearchIndex.ja.sections.find(s => s[1] === ` + jsString(href) + `)[3]`
					if got := browsertest.Get(t, tab, chromedp.Evaluate[string](js)); !strings.Contains(got, text) {
						t.Errorf("section %s does not say %q: %q", href, text, got)
					}
				}
				checkMarks(t, hits, "マイナンバー")
				t.Logf("マイナンバー: %s %q", status, hrefs(hits))
				w.Check(t, base)
			})

			t.Run("english", func(t *testing.T) {
				t.Parallel()
				tab, w := browsertest.NewTab(t, browser)
				browsertest.Do(t, tab, chromedp.Navigate(searchURL(base, "en", "availability")))
				status, hits := results(t, tab, "availability")
				hitFor(t, hits, "basic-policy.html#def-availability")
				checkMarks(t, hits, "availability")
				if lang(t, tab) != "en" {
					t.Errorf("English search page has lang %q", lang(t, tab))
				}
				t.Logf("availability: %s %q", status, hrefs(hits))
				w.Check(t, base)
			})

			t.Run("word-boundary", func(t *testing.T) {
				t.Parallel()
				tab, w := browsertest.NewTab(t, browser)
				browsertest.Do(t, tab, chromedp.Navigate(searchURL(base, "ja", "可用性")))
				results(t, tab, "可用性") // the index has loaded
				c := browsertest.Get(t, tab, chromedp.Evaluate[*boundaryCase](findBoundaryJS))
				if c == nil {
					t.Fatal("no three kanji in the index whose two bigrams share a section but which occur nowhere together")
				}
				t.Logf("%s: bigrams %s and %s both in %s, the string nowhere", c.Query, c.First, c.Second, c.Section)
				// Absent from the text of the page the section is on.
				page := base + "ja/" + strings.Split(c.Section, "#")[0]
				browsertest.Do(t, tab, chromedp.Navigate(page), chromedp.WaitReady(css("body")))
				pageText := browsertest.Get(t, tab, chromedp.Evaluate[string](`document.body.innerText`))
				if strings.Contains(pageText, c.Query) || !strings.Contains(pageText, c.First) || !strings.Contains(pageText, c.Second) {
					t.Fatalf("%s: want %s absent and %s, %s present", page, c.Query, c.First, c.Second)
				}
				browsertest.Do(t, tab,
					chromedp.Navigate(base+"ja/search.html"),
					chromedp.SendKeys(css("#search-q"), c.Query),
					chromedp.KeyEvent(kb.Enter),
				)
				status, hits := results(t, tab, c.Query)
				if len(hits) != 0 || status != strings.ReplaceAll(search.UI("ja").None, "{q}", c.Query) || !strings.Contains(status, "このサイトには掲載していません") {
					t.Errorf("%s: status %q, results %q; want none, and that detailed procedures are not on this site", c.Query, status, hrefs(hits))
				}
				w.Check(t, base)
			})
		})
	}
}

// boundaryCase is a query of three kanji abc whose bigrams ab and bc are
// both indexed for one section, while abc occurs nowhere: the index alone
// would find the section, and search.js must not.
type boundaryCase struct {
	Query   string `json:"query"`
	First   string `json:"first"`
	Second  string `json:"second"`
	Section string `json:"section"`
}

// findBoundaryJS finds a boundaryCase in the loaded Japanese index, in
// section order so the choice is stable.
const findBoundaryJS = `(() => {
	const idx = window.PolicySearchIndex.ja;
	const post = new Map();
	for (const key of Object.keys(idx.terms)) {
		let n = 0;
		const list = key.split(',').map(d => n += Number(d));
		for (const term of idx.terms[key].split(' ')) post.set(term, list);
	}
	const texts = idx.sections.map(s => s[2] + '\n' + s[3]);
	const all = texts.join('\n') + '\n' + idx.docs.join('\n');
	const kanji = /^[\u4e00-\u9fff]{2}$/;
	for (let n = 0; n < texts.length; n++) {
		const t = texts[n], grams = [];
		for (let i = 0; i + 1 < t.length; i++) {
			const g = t.slice(i, i + 2);
			if (kanji.test(g) && !grams.includes(g)) grams.push(g);
		}
		for (const ab of grams) for (const bc of grams) {
			const q = ab + bc[1];
			if (ab[1] !== bc[0] || all.includes(q)) continue;
			if ((post.get(ab) || []).includes(n) && (post.get(bc) || []).includes(n)) {
				return {query: q, first: ab, second: bc, section: idx.sections[n][1]};
			}
		}
	}
	return null;
})()`
