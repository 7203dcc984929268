package search

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"policysite/internal/longtest"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func loadSections(t *testing.T, name string) []Section {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var secs []Section
	if err := json.Unmarshal(data, &secs); err != nil {
		t.Fatalf("testdata/%s: %v", name, err)
	}
	return secs
}

func TestBuildGolden(t *testing.T) {
	for _, lang := range []string{"ja", "en"} {
		t.Run(lang, func(t *testing.T) {
			got, stats, err := Build(lang, loadSections(t, "small.json"))
			if err != nil {
				t.Fatal(err)
			}
			if stats.Bytes != len(got) || stats.Sections != 3 {
				t.Errorf("stats = %+v for %d bytes", stats, len(got))
			}
			golden := filepath.Join("testdata", "small-"+lang+".golden.js")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("Build(%q) differs from %s (run go test -update to accept):\n%s", lang, golden, got)
			}
		})
	}
}

func TestBuildEscapes(t *testing.T) {
	got, _, err := Build("ja", loadSections(t, "small.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"</script>", "<b>", "\u2028", "\u2029"} {
		if bytes.Contains(got, []byte(bad)) {
			t.Errorf("output contains %q unescaped", bad)
		}
	}
}

func TestBuildDeterministic(t *testing.T) {
	secs := loadSections(t, "policy-ja.json")
	a, _, _ := Build("ja", secs)
	for range 5 {
		b, _, _ := Build("ja", secs)
		if !bytes.Equal(a, b) {
			t.Fatal("two builds of the same sections differ")
		}
	}
}

func TestBuildErrors(t *testing.T) {
	tests := []struct {
		name, lang string
		secs       []Section
		want       string
	}{
		{"language", "fr", nil, `unknown language "fr"`},
		{"empty url", "ja", []Section{{Title: "x"}}, "empty url"},
		{"absolute url", "ja", []Section{{URL: "javascript:alert(1)"}}, "not relative"},
		{"root-relative url", "ja", []Section{{URL: "/ja/a.html"}}, "not relative"},
		{"duplicate url", "en", []Section{{URL: "a.html"}, {URL: "a.html"}}, `sections 0 and 1 have the same url "a.html"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Build(tt.lang, tt.secs)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Build error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// TestBuildSize reports the index size for the policy-like fixtures and
// keeps it in check: the index is downloaded on the first search.
func TestBuildSize(t *testing.T) {
	for _, lang := range []string{"ja", "en"} {
		secs := loadSections(t, "policy-"+lang+".json")
		text := 0
		for _, s := range secs {
			text += len(s.DocTitle) + len(s.Title) + len(s.Text)
		}
		_, stats, err := Build(lang, secs)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d sections, %d terms, %d bytes of text, index %d bytes", lang, stats.Sections, stats.Terms, text, stats.Bytes)
		if stats.Bytes > 3*text {
			t.Errorf("%s index is %d bytes for %d bytes of text: more than 3×", lang, stats.Bytes, text)
		}
	}
}

// buildCases are the inputs on which Build must write exactly what
// referenceBuild (the builder before it was optimised) writes.
func buildCases(t *testing.T) []struct {
	name string
	secs []Section
} {
	many := make([]Section, 20000) // more sections than any posting key has digits for
	for i := range many {
		many[i] = Section{URL: fmt.Sprintf("s%d.html", i), DocTitle: fmt.Sprint("文書", i%97), Title: fmt.Sprint(i), Text: fmt.Sprint("項目", i%13, " item", i%5, "s")}
	}
	return []struct {
		name string
		secs []Section
	}{
		{"none", nil},
		{"empty sections", []Section{{URL: "a.html"}, {URL: "b.html", Title: " \t\n "}, {URL: "c.html", DocTitle: "x"}}},
		{"small", loadSections(t, "small.json")},
		{"policy ja", loadSections(t, "policy-ja.json")},
		{"policy en", loadSections(t, "policy-en.json")},
		{"odd urls", []Section{{URL: "a.html#</script>", Title: "<>&"}, {URL: "a.html#可用性\u2028", Text: "\xff"}, {URL: "a.html#\u2029&amp;", DocTitle: "\x00\x1f\x7f"}}},
		{"corpus ja", policyCorpus("ja", 60, 1)},
		{"corpus en", policyCorpus("en", 60, 2)},
		{"odd text", oddSections(500, 3)},
		{"many sections", many},
	}
}

func TestBuildMatchesReference(t *testing.T) {
	for _, c := range buildCases(t) {
		for _, lang := range []string{"ja", "en"} {
			t.Run(c.name+"/"+lang, func(t *testing.T) {
				checkBuild(t, lang, c.secs)
			})
		}
	}
}

// TestBuildMatchesReferenceFullCorpus compares the builders on a corpus the
// size of the benchmark's (about 7 MB of Japanese, 6 MB of English).
func TestBuildMatchesReferenceFullCorpus(t *testing.T) {
	longtest.Skip(t, "a corpus the size of the benchmark's")
	for _, lang := range []string{"ja", "en"} {
		t.Run(lang, func(t *testing.T) {
			checkBuild(t, lang, policyCorpus(lang, 500, 1))
		})
	}
}

// TestBuildLongSections compares the builders where a section is longer
// than the Builder's write buffer, and escapes make its JSON longer than
// its text.
func TestBuildLongSections(t *testing.T) {
	long := strings.Repeat("情報資産の「機密性」を確保する。\"quoted\"\t\n", 4000)
	secs := []Section{
		{URL: "a.html", DocTitle: "A", Title: "前", Text: "短い"},
		{URL: "a.html#long", DocTitle: "A", Title: "長い", Text: long},
		{URL: "b.html", DocTitle: "B", Title: "後", Text: long[:64<<10-100]},
		{URL: "b.html#x", DocTitle: "B", Title: "x", Text: "末尾"},
	}
	for _, lang := range []string{"ja", "en"} {
		checkBuild(t, lang, secs)
	}
}

// TestBuilderWriteError reports a failed write.
func TestBuilderWriteError(t *testing.T) {
	b, err := NewBuilder("ja", failingWriter{})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Add(Section{URL: "a.html", DocTitle: "A", Title: "目的", Text: "本文"}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Finish(); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("Finish = %v, want the write error", err)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// TestNormalizeTokensMatchReference compares Normalize and Tokens with the
// reference implementation on every section of the generated inputs.
func TestNormalizeTokensMatchReference(t *testing.T) {
	for _, c := range buildCases(t) {
		for _, s := range c.secs {
			for _, text := range []string{s.DocTitle, s.Title, s.Text} {
				checkNormalizeTokens(t, text)
			}
		}
	}
}

// checkBuild reports any difference between Build and referenceBuild:
// output bytes, stats or error.
func checkBuild(t *testing.T, lang string, secs []Section) {
	t.Helper()
	got, gotStats, gotErr := Build(lang, secs)
	want, wantStats, wantErr := referenceBuild(lang, secs)
	if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
		t.Fatalf("Build error = %v, want %v", gotErr, wantErr)
	}
	if gotStats != wantStats {
		t.Errorf("Build stats = %+v, want %+v", gotStats, wantStats)
	}
	if !bytes.Equal(got, want) {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		from := max(0, i-80)
		t.Fatalf("Build output (%d bytes) differs from referenceBuild (%d bytes) at byte %d:\ngot  …%q\nwant …%q",
			len(got), len(want), i, got[from:min(len(got), i+80)], want[from:min(len(want), i+80)])
	}
}

func checkNormalizeTokens(t *testing.T, s string) {
	t.Helper()
	if got, want := Normalize(s), refNormalize(s); got != want {
		t.Fatalf("Normalize(%q) = %q, want %q", s, got, want)
	}
	for _, lang := range []string{"ja", "en"} {
		if got, want := Tokens(lang, s), refTokens(lang, s); !slices.Equal(got, want) {
			t.Fatalf("Tokens(%q, %q) = %q, want %q", lang, s, got, want)
		}
	}
}

// TestPack checks that a packed term is the same whether pack loads it
// from a larger buffer (whose bytes after the term must not count) or
// copies it, and that terms of different lengths never pack alike.
func TestPack(t *testing.T) {
	const text = "情報資産の管理policies\x00\x00\xff"
	seen := map[packedTerm]string{}
	for i := range len(text) {
		for j := i + 1; j <= len(text) && j-i <= 16; j++ {
			buf := []byte(text + "garbage after the term, 16 bytes or more")
			loaded, short := pack(buf[i:j])
			copied, _ := pack(slices.Clip([]byte(text[i:j])))
			if short != (j-i <= 15) {
				t.Fatalf("pack(%q) short = %v", text[i:j], short)
			}
			if !short {
				continue
			}
			if loaded != copied {
				t.Fatalf("pack(%q) = %x loaded from a buffer, %x copied", text[i:j], loaded, copied)
			}
			if other, dup := seen[loaded]; dup && other != text[i:j] {
				t.Fatalf("pack(%q) = pack(%q)", text[i:j], other)
			}
			seen[loaded] = text[i:j]
		}
	}
}

// FuzzBuild compares Build with referenceBuild on sections made of fuzzed
// text: the three strings are used as titles and texts of several sections
// so that posting lists are shared, repeated and empty.
func FuzzBuild(f *testing.F) {
	for _, tt := range normalizeTests {
		f.Add(false, tt.in, tt.name, tt.want)
	}
	for _, tt := range tokensTests {
		f.Add(tt.lang == "en", tt.name, tt.in, tt.in+tt.name)
	}
	for _, frag := range oddFragments {
		f.Add(true, frag, "<"+frag+">", frag+" "+frag)
	}
	f.Fuzz(func(t *testing.T, en bool, a, b, c string) {
		lang := "ja"
		if en {
			lang = "en"
		}
		checkNormalizeTokens(t, a)
		checkNormalizeTokens(t, b)
		checkNormalizeTokens(t, c)
		checkBuild(t, lang, []Section{
			{URL: "a.html", DocTitle: a, Title: a, Text: b},
			{URL: "a.html#1", DocTitle: a, Title: b, Text: c},
			{URL: "b.html", DocTitle: c, Title: "", Text: a + "\n" + c},
			{URL: "b.html#2", DocTitle: c, Title: c, Text: ""},
			{URL: "c.html", DocTitle: b, Title: a + b, Text: c + b + a},
		})
		// A fuzzed URL: both builders must accept or refuse it alike.
		checkBuild(t, lang, []Section{{URL: "x.html", Text: a}, {URL: b, DocTitle: c, Text: c}})
	})
}

// BenchmarkBuild indexes a synthetic policy site the size of the one the
// site build is benchmarked with: 500 documents, about 7,200 sections and
// 7 MB of Japanese or 6 MB of English text per language.
func BenchmarkBuild(b *testing.B) {
	for _, lang := range []string{"ja", "en"} {
		secs := policyCorpus(lang, 500, 1)
		text := 0
		for _, s := range secs {
			text += len(s.Title) + len(s.Text)
		}
		b.Run(lang, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(text))
			for b.Loop() {
				if _, _, err := Build(lang, secs); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
