package site

import (
	"strings"
	"testing"
	"time"

	"policysite/generator/markdown"
)

func TestFormatDate(t *testing.T) {
	tests := []struct {
		lang string
		date string
		want string
	}{
		{"ja", "2026-03-31", "令和8年（2026年）3月31日"},
		{"ja", "2019-05-01", "令和元年（2019年）5月1日"},
		{"ja", "2019-04-30", "平成31年（2019年）4月30日"},
		{"ja", "1989-01-08", "平成元年（1989年）1月8日"},
		{"ja", "1989-01-07", "昭和64年（1989年）1月7日"},
		{"en", "2026-03-31", "31 March 2026"},
		{"en", "2027-04-01", "1 April 2027"},
	}
	for _, tt := range tests {
		d, _ := time.Parse(time.DateOnly, tt.date)
		if got := formatDate(tt.lang, d); got != tt.want {
			t.Errorf("formatDate(%s, %s) = %q, want %q", tt.lang, tt.date, got, tt.want)
		}
	}
	// A commit made late in the evening in Japan is dated in Japan.
	jst := time.Date(2026, 3, 31, 23, 30, 0, 0, time.FixedZone("JST", 9*3600))
	if got := formatDate("en", jst); got != "31 March 2026" {
		t.Errorf("JST evening: %q", got)
	}
}

func TestTOC(t *testing.T) {
	hs := []markdown.Heading{{ID: "a", Level: 2}, {ID: "a1", Level: 3}, {ID: "a2", Level: 3}, {ID: "a2x", Level: 4}, {ID: "b", Level: 2}, {ID: "b1", Level: 4}}
	var b strings.Builder
	var dump func(es []*tocEntry)
	dump = func(es []*tocEntry) {
		b.WriteString("(")
		for _, e := range es {
			b.WriteString(e.ID)
			if len(e.Children) > 0 {
				dump(e.Children)
			}
			b.WriteString(" ")
		}
		b.WriteString(")")
	}
	dump(toc(hs))
	if got, want := b.String(), "(a(a1 a2(a2x ) ) b(b1 ) )"; got != want {
		t.Errorf("toc = %s, want %s", got, want)
	}
}

func TestPaths(t *testing.T) {
	tests := []struct{ out, root, langRoot string }{
		{"index.html", "", ""},
		{"ja/index.html", "../", "./"},
		{"ja/std/net.html", "../../", "../"},
		{"en/history/std/net/abc1234.html", "../../../../", "../../../"},
	}
	for _, tt := range tests {
		p := newPage("document", "ja", tt.out, "")
		if p.Root != tt.root || p.LangRoot != tt.langRoot {
			t.Errorf("%s: root %q langRoot %q, want %q %q", tt.out, p.Root, p.LangRoot, tt.root, tt.langRoot)
		}
	}
	p := newPage("document", "ja", "ja/std/net.html", "")
	if got := altFor(p, "ja/std/net.html").Href; got != "../../en/std/net.html" {
		t.Errorf("alt = %q", got)
	}
}

func TestSplice(t *testing.T) {
	ph := func(i int) string { return string(tablePlaceholder(i)) }
	tables := [][]byte{[]byte("A"), []byte("B"), []byte("C")}
	tests := []struct{ page, want string }{
		{"<p>" + ph(0) + "|" + ph(1) + "|" + ph(2) + "</p>", "<p>A|B|C</p>"},
		{ph(1) + ph(0) + ph(2), "BAC"}, // out of order
		{ph(0) + ph(2), "AC"},          // one left out by the template
		{"no tables here", "no tables here"},
	}
	for _, tt := range tests {
		if got := string(splice([]byte(tt.page), tables)); got != tt.want {
			t.Errorf("splice(%q) = %q, want %q", tt.page, got, tt.want)
		}
	}
	if got := string(splice([]byte("x"+ph(0)), nil)); got != "x"+ph(0) {
		t.Errorf("no tables: %q", got)
	}
}
