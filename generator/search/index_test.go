package search

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
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

// BenchmarkBuild indexes 2,000 sections of policy-like Japanese text.
func BenchmarkBuild(b *testing.B) {
	phrase := "情報セキュリティポリシーの遵守状況を検証するため、定期的又は必要に応じて情報セキュリティ監査及び自己点検を実施する。"
	var secs []Section
	for i := range 2000 {
		secs = append(secs, Section{URL: fmt.Sprintf("doc-%d.html#s%d", i/10, i), DocTitle: fmt.Sprintf("文書%d", i/10), Title: fmt.Sprintf("(%d) 見出し", i), Text: strings.Repeat(phrase, 1+i%7)})
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Build("ja", secs); err != nil {
			b.Fatal(err)
		}
	}
}
