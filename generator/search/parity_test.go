package search

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// searchTests run templates/assets/search.js under node against indexes
// built by Build from testdata/policy-{ja,en}.json. Expectations are about
// what a reader sees: which sections, in which order, what is marked.
var searchTests = []struct {
	name, lang, query string
	first             string   // URL of the first result, if set
	contains          []string // URLs among the results
	none              bool     // no results at all
	relaxed           string   // the second pass ran, with these parts
	snippet           string   // the snippet of the first result (or of snippetOf) contains this ([…] is <mark>)
	snippetOf         string
}{
	{name: "definition first", lang: "ja", query: "可用性",
		first:    "basic-policy.html#def-availability",
		contains: []string{"basic-policy.html#purpose", "basic-policy.html#def-information-security"}},
	{name: "snippet marks the match", lang: "ja", query: "完全性",
		first: "basic-policy.html#def-integrity", snippet: "機密性、[完全性]及び可用性",
		snippetOf: "basic-policy.html#def-information-security"},
	{name: "my number sections", lang: "ja", query: "マイナンバー",
		first:    "basic-policy.html#def-my-number-domain",
		contains: []string{"basic-policy.html#measures-resilience", "removable-media.html#usb"},
		snippet:  "① [マイナンバー]利用事務系においては", snippetOf: "basic-policy.html#measures-resilience"},
	{name: "half-width query", lang: "ja", query: "ﾏｲﾅﾝﾊﾞｰ",
		first:    "basic-policy.html#def-my-number-domain",
		contains: []string{"basic-policy.html#measures-resilience", "removable-media.html#usb"}},
	{name: "full-width text, ascii query", lang: "ja", query: "usbメモリ",
		first: "removable-media.html#usb", snippet: "[ＵＳＢメモリ]等"},
	{name: "single character", lang: "ja", query: "系",
		contains: []string{"basic-policy.html#def-my-number-domain", "basic-policy.html#def-internet-domain"}},
	{name: "bigram coincidence", lang: "ja", query: "機密性及び", none: true},
	{name: "markup is text", lang: "ja", query: "</script>", none: true},
	{name: "question falls back", lang: "ja", query: "可用性とは",
		relaxed: "可用性", first: "basic-policy.html#def-availability"},
	{name: "natural question", lang: "ja", query: "USBメモリは持ち出せる?",
		relaxed: "usb メモリ 持 出", first: "removable-media.html#usb", snippet: "[持]ち[出]す"},
	{name: "question about what the policy does not name", lang: "ja", query: "スマートフォンは持ち出せるか",
		relaxed: "持 出", contains: []string{"basic-policy.html#measures-resilience", "basic-policy.html#threats"}},
	{name: "english", lang: "en", query: "availability",
		first:    "basic-policy.html#def-availability",
		contains: []string{"basic-policy.html#purpose", "basic-policy.html#def-information-security"}},
	{name: "english plural", lang: "en", query: "Information asset",
		first: "basic-policy.html#def-information-assets", snippet: "[Information] [assets] include"},
	{name: "english whole words", lang: "en", query: "form", none: true},
	{name: "english phrase parts", lang: "en", query: "my number",
		first:    "basic-policy.html#def-my-number-domain",
		contains: []string{"basic-policy.html#measures-resilience", "removable-media.html#usb"}},
	{name: "english question", lang: "en", query: "What is availability?",
		relaxed: "availability", first: "basic-policy.html#def-availability"},
	{name: "english snippet", lang: "en", query: "interruption",
		first: "basic-policy.html#def-availability", snippet: "without [interruption]."},
}

type parityRequest struct {
	Normalize  []string          `json:"normalize"`
	Tokens     [][2]string       `json:"tokens"`
	CodePoints [2]rune           `json:"codePoints"`
	Indexes    map[string]string `json:"indexes"`
	Searches   []paritySearch    `json:"searches"`
}

type paritySearch struct {
	Lang  string `json:"lang"`
	Query string `json:"query"`
	Width int    `json:"width"`
}

type parityResponse struct {
	Normalize  []string   `json:"normalize"`
	Tokens     [][]string `json:"tokens"`
	CodePoints []string   `json:"codePoints"`
	Searches   []struct {
		Relaxed string `json:"relaxed"`
		Results []struct {
			URL, Link, Snippet string
		} `json:"results"`
	} `json:"searches"`
}

// TestJSParity checks that search.js normalises and tokenises exactly as
// this package does (on the test tables and on every code point of planes
// 0–2), that the index parses as JavaScript, and that searches find what a
// reader expects.
func TestJSParity(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not on PATH: skipping the JavaScript parity tests of templates/assets/search.js")
	}
	script, err := filepath.Abs("../../templates/assets/search.js")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	req := parityRequest{CodePoints: [2]rune{0, 0x2FFFF}, Indexes: map[string]string{}}
	for _, tt := range normalizeTests {
		req.Normalize = append(req.Normalize, tt.in)
	}
	for _, tt := range tokensTests {
		req.Tokens = append(req.Tokens, [2]string{tt.lang, tt.in})
	}
	for _, lang := range []string{"ja", "en"} {
		js, _, err := Build(lang, loadSections(t, "policy-"+lang+".json"))
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, "search-index-"+lang+".js")
		if err := os.WriteFile(file, js, 0o644); err != nil {
			t.Fatal(err)
		}
		req.Indexes[lang] = file
	}
	for _, tt := range searchTests {
		req.Searches = append(req.Searches, paritySearch{tt.lang, tt.query, 80})
	}
	reqFile := filepath.Join(dir, "request.json")
	data, _ := json.Marshal(req)
	if err := os.WriteFile(reqFile, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, filepath.Join("testdata", "parity.js"), script, reqFile)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.Output()
	if err != nil {
		t.Fatalf("node testdata/parity.js: %v", err)
	}
	var got parityResponse
	if err := json.Unmarshal(stdout, &got); err != nil {
		t.Fatalf("node output: %v", err)
	}

	t.Run("normalize", func(t *testing.T) {
		for i, in := range req.Normalize {
			if want := Normalize(in); got.Normalize[i] != want {
				t.Errorf("JS normalize(%q) = %q, Go %q", in, got.Normalize[i], want)
			}
		}
	})
	t.Run("tokens", func(t *testing.T) {
		for i, in := range req.Tokens {
			want := Tokens(in[0], in[1])
			if !slices.Equal(got.Tokens[i], want) {
				t.Errorf("JS tokens(%q, %q) = %q, Go %q", in[0], in[1], got.Tokens[i], want)
			}
		}
	})
	t.Run("code points", func(t *testing.T) {
		bad := 0
		for c := req.CodePoints[0]; c <= req.CodePoints[1]; c++ {
			ch := string(c)
			want := Normalize(ch) + "\t" + strings.Join(Tokens("ja", "あ"+ch+"い"), "|")
			if g := got.CodePoints[c-req.CodePoints[0]]; g != want {
				if bad++; bad <= 10 {
					t.Errorf("%U: JS %q, Go %q", c, g, want)
				}
			}
		}
		if bad > 10 {
			t.Errorf("… %d code points differ in all", bad)
		}
	})
	t.Run("search", func(t *testing.T) {
		for i, tt := range searchTests {
			res := got.Searches[i]
			var urls []string
			for _, r := range res.Results {
				urls = append(urls, r.URL)
			}
			t.Logf("%s %q: relaxed %q, %d results %q", tt.lang, tt.query, res.Relaxed, len(urls), urls)
			if tt.none && len(urls) > 0 {
				t.Errorf("%s: search %q found %q, want nothing", tt.name, tt.query, urls)
			}
			if !tt.none && len(urls) == 0 {
				t.Errorf("%s: search %q found nothing", tt.name, tt.query)
				continue
			}
			if res.Relaxed != tt.relaxed {
				t.Errorf("%s: search %q relaxed to %q, want %q", tt.name, tt.query, res.Relaxed, tt.relaxed)
			}
			if tt.first != "" && urls[0] != tt.first {
				t.Errorf("%s: search %q first result %q, want %q", tt.name, tt.query, urls[0], tt.first)
			}
			for _, u := range tt.contains {
				if !slices.Contains(urls, u) {
					t.Errorf("%s: search %q results %q lack %q", tt.name, tt.query, urls, u)
				}
			}
			if tt.snippet != "" {
				i := 0
				if tt.snippetOf != "" {
					i = slices.Index(urls, tt.snippetOf)
				}
				if i < 0 || !strings.Contains(res.Results[i].Snippet, tt.snippet) {
					t.Errorf("%s: search %q: snippet of %q lacks %q in %+v", tt.name, tt.query, tt.snippetOf, tt.snippet, res.Results)
				}
			}
			for _, r := range res.Results {
				if n := len([]rune(strings.NewReplacer("[", "", "]", "", "…", "").Replace(r.Snippet))); n > 80+15 {
					t.Errorf("%s: snippet of %s has %d characters: %q", tt.name, r.URL, n, r.Snippet)
				}
			}
		}
	})
}

// TestCoincidenceIsMeaningful makes sure the "bigram coincidence" search
// test tests something: every token of its query is in one section, but the
// query itself is in none.
func TestCoincidenceIsMeaningful(t *testing.T) {
	const q = "機密性及び"
	secs := loadSections(t, "policy-ja.json")
	all := false
	for _, s := range secs {
		if strings.Contains(Normalize(s.Title+" "+s.Text), q) {
			t.Fatalf("%s contains %q", s.URL, q)
		}
		have := map[string]bool{}
		for _, tok := range Tokens("ja", s.Text) {
			have[tok] = true
		}
		ok := true
		for _, tok := range Tokens("ja", q) {
			ok = ok && have[tok]
		}
		all = all || ok
	}
	if !all {
		t.Fatalf("no section has all tokens of %q", q)
	}
}
