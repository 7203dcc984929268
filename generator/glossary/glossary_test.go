package glossary

import (
	"fmt"
	"strings"
	"testing"
)

const sample = `terms:
  - ja: 情報セキュリティ
    en: information security
    defined: basic-policy.md#def-information-security
  - ja: 情報セキュリティ対策
    en: information security measures
    defined: basic-policy.md#measures
  - ja: 情報セキュリティ対策基準
    en: information security standards
    defined: basic-policy.md#standards
  - ja: 人的セキュリティ
    en: personnel security
    wrong: [human security]
    defined: basic-policy.md#measures-human
  - ja: 情報資産
    en: information assets
    forms: [information asset]
    defined: basic-policy.md#def-information-assets
    note: {ja: 紙も含む。, en: Paper too.}
`

func load(t *testing.T) *Glossary {
	t.Helper()
	g, err := Parse("content/glossary.yaml", []byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestCheck(t *testing.T) {
	g := load(t)
	tests := []struct {
		name, ja, en string
		want         []string // "term|wrong"
	}{
		{"rendered", "人的セキュリティを講じる。", "Personnel security shall be ensured.", nil},
		{"wrong rendering", "人的セキュリティを講じる。", "Human security shall be ensured.", []string{"人的セキュリティ|human security"}},
		{"missing", "人的セキュリティを講じる。", "Staff shall be trained.", []string{"人的セキュリティ|"}},
		{"plural and case", "情報資産を守る。", "An Information Asset is protected.", nil},
		{"longest term covers shorter", "情報セキュリティ対策基準を策定する。", "Information security standards are established.", nil},
		{"each term once", "情報資産と情報資産", "data", []string{"情報資産|"}},
		{"shorter after longer", "情報セキュリティ対策基準と情報セキュリティ", "the information security standards", nil},
		{"two terms", "情報セキュリティ対策及び人的セキュリティ", "information security measures", []string{"人的セキュリティ|"}},
		{"no term", "本文", "Text", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, m := range g.Check(tt.ja, tt.en) {
				got = append(got, m.Term.JA+"|"+m.Wrong)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("Check(%q, %q) = %v, want %v", tt.ja, tt.en, got, tt.want)
			}
		})
	}
}

func TestParse(t *testing.T) {
	g := load(t)
	if len(g.Terms) != 5 || g.Terms[4].NoteEN != "Paper too." || g.Terms[3].Doc() != "basic-policy" || g.Terms[3].Section() != "measures-human" || g.Terms[3].Line != 11 {
		t.Errorf("parsed %+v", g.Terms)
	}
	if g, err := Parse("x", nil); g == nil && err == nil {
		t.Error("an empty file gives neither a glossary nor an error")
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"unknown key", "terms:\n  - ja: 用語\n    en: term\n    defiend: a.md#b\n", "x.yaml:4: unknown key \"defiend\""},
		{"missing en", "terms:\n  - ja: 用語\n    defined: a.md#b\n", "x.yaml:2: a term needs ja, en and defined"},
		{"bad defined", "terms:\n  - ja: 用語\n    en: term\n    defined: a.html\n", "x.yaml:2: term 用語: defined must name a section"},
		{"twice", "terms:\n  - {ja: 用語, en: a, defined: a.md#b}\n  - {ja: 用語, en: b, defined: a.md#b}\n", "x.yaml:3: term 用語 listed twice (first on line 2)"},
		{"not a list", "terms: 1\n", "x.yaml:1: terms must be a list"},
		{"top key", "term: []\n", "x.yaml:1: unknown key \"term\""},
		{"wrong not a list", "terms:\n  - {ja: 用語, en: a, defined: a.md#b, wrong: x}\n", "x.yaml:2: wrong must be a list of texts"},
		{"yaml", "terms: [\n", "x.yaml:1:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("x.yaml", []byte(tt.src))
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if got := err.Error(); !strings.Contains(got, tt.want) {
				t.Errorf("errors %q, want %q", got, tt.want)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("terms:\n  - {ja: a, en: b, defined: c.md#d}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := Parse("x.yaml", data)
		if g != nil && err != nil {
			t.Fatal("both a glossary and errors")
		}
		for _, tm := range g.termsOrNil() {
			if tm.JA == "" || tm.EN == "" || tm.Line < 1 {
				t.Fatalf("term %+v", tm)
			}
			g.Check(tm.JA+string(data), string(data))
		}
	})
}

func (g *Glossary) termsOrNil() []*Term {
	if g == nil {
		return nil
	}
	return g.Terms
}
