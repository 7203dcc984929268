package diff

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// render writes spans as text: equal text as is, deletions as [-…-], insertions as [+…+].
func render(spans []Span) string {
	var b strings.Builder
	for _, s := range spans {
		switch s.Op {
		case Equal:
			b.WriteString(s.Text)
		case Delete:
			b.WriteString("[-" + s.Text + "-]")
		case Insert:
			b.WriteString("[+" + s.Text + "+]")
		}
	}
	return b.String()
}

func TestCharsSpans(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     []Span
	}{
		{"insertion inside a word", "機器故障等", "機器の故障等",
			[]Span{{Equal, "機器"}, {Insert, "の"}, {Equal, "故障等"}}},
		{"insertion at the start", "不正取得行為", "営業秘密不正取得行為",
			[]Span{{Insert, "営業秘密"}, {Equal, "不正取得行為"}}},
		{"equal", "同じ", "同じ", []Span{{Equal, "同じ"}}},
		{"both empty", "", "", []Span{}},
		{"all new", "", "新設", []Span{{Insert, "新設"}}},
		{"all gone", "削除", "", []Span{{Delete, "削除"}}},
		{"replacement, deletion first", "甲は", "乙は",
			[]Span{{Delete, "甲"}, {Insert, "乙"}, {Equal, "は"}}},
		{"a number with its 第…条 marked whole", "第三条", "第四条",
			[]Span{{Delete, "第三条"}, {Insert, "第四条"}}},
		{"a number marked whole, not digit by digit", "第百二十三条の規定", "第百二十九条の規定",
			[]Span{{Delete, "第百二十三条"}, {Insert, "第百二十九条"}, {Equal, "の規定"}}},
		{"a branch number is a number of its own", "第二十二条の三", "第二十二条の四",
			[]Span{{Equal, "第二十二条の"}, {Delete, "三"}, {Insert, "四"}}},
		{"digits marked whole", "令和6年12月", "令和7年12月",
			[]Span{{Equal, "令和"}, {Delete, "6"}, {Insert, "7"}, {Equal, "年12月"}}},
		{"a long number marked whole", "金額は1,234,000円", "金額は1,235,000円",
			[]Span{{Equal, "金額は"}, {Delete, "1,234,000"}, {Insert, "1,235,000"}, {Equal, "円"}}},
		{"full-width digits", "第１２項", "第１３項",
			[]Span{{Delete, "第１２項"}, {Insert, "第１３項"}}},
		{"an unchanged stretch of six is never marked", "甲乙丙丁戊己庚辛壬癸子", "甲乙ABCDEFGH丙丁戊己庚辛STUVWXYZ壬癸子",
			[]Span{{Equal, "甲乙"}, {Insert, "ABCDEFGH"}, {Equal, "丙丁戊己庚辛"}, {Insert, "STUVWXYZ"}, {Equal, "壬癸子"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Chars(tt.old, tt.new)
			if len(got) == 0 && len(tt.want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Chars(%q, %q)\n got %v\nwant %v", tt.old, tt.new, got, tt.want)
			}
		})
	}
}

func TestCharsRendered(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     string
	}{
		{"one rune island folded", "甲は乙", "丙は丁", "[-甲は乙-][+丙は丁+]"},
		{"two rune island kept between one rune changes", "甲及び乙", "丙及び丁", "[-甲-][+丙+]及び[-乙-][+丁+]"},
		{"particles of a rewritten phrase folded", "甲は乙に通知する", "丙は丁に報告する", "[-甲は乙に通知-][+丙は丁に報告+]する"},
		{"insertion slid to follow punctuation", "甲、乙", "甲、丙、乙", "甲、[+丙、+]乙"},
		{"deletion slid to follow punctuation", "情報資産、情報システム、ネットワーク", "情報資産、ネットワーク", "情報資産、[-情報システム、-]ネットワーク"},
		{"amendment of a definition", "この法律において「営業秘密」とは、秘密として管理されている",
			"この法律において「営業秘密」とは、秘密として適切に管理されている",
			"この法律において「営業秘密」とは、秘密として[+適切に+]管理されている"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render(Chars(tt.old, tt.new)); got != tt.want {
				t.Errorf("Chars(%q, %q)\n got %s\nwant %s", tt.old, tt.new, got, tt.want)
			}
		})
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     string
	}{
		{"one word replaced", "The Association shall establish", "The Association will establish",
			"The Association [-shall-][+will+] establish"},
		{"space between changed words folded", "It shall not apply.", "It will never apply.",
			"It [-shall not-][+will never+] apply."},
		{"word inserted", "the data", "the personal data", "the [+personal +]data"},
		{"punctuation is its own token", "assets, systems", "assets; systems", "assets[-,-][+;+] systems"},
		{"whole word, not its letters", "information", "informal", "[-information-][+informal+]"},
		{"Japanese inside English compared by character", "the 機器故障 clause", "the 機器の故障 clause",
			"the 機器[+の+]故障 clause"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render(Words(tt.old, tt.new)); got != tt.want {
				t.Errorf("Words(%q, %q)\n got %s\nwant %s", tt.old, tt.new, got, tt.want)
			}
		})
	}
}

func TestWordTokens(t *testing.T) {
	got := wordTokens("The Board's  policy, v2.0 — 基本方針\n")
	want := []string{"The", " ", "Board", "'", "s", "  ", "policy", ",", " ", "v2", ".", "0", " ", "—", " ", "基", "本", "方", "針", "\n"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// checkSpans asserts the properties every result has: the spans rebuild both texts, none is empty,
// neighbours differ in Op, and a deletion is never preceded by an insertion next to it.
func checkSpans(t *testing.T, old, new string, spans []Span) {
	t.Helper()
	var o, n strings.Builder
	for i, s := range spans {
		if s.Text == "" {
			t.Fatalf("span %d is empty: %v", i, spans)
		}
		if i > 0 && spans[i-1].Op == s.Op {
			t.Fatalf("spans %d and %d have the same op: %v", i-1, i, spans)
		}
		if i > 0 && spans[i-1].Op == Insert && s.Op == Delete {
			t.Fatalf("insertion before deletion at %d: %v", i, spans)
		}
		switch s.Op {
		case Equal:
			o.WriteString(s.Text)
			n.WriteString(s.Text)
		case Delete:
			o.WriteString(s.Text)
		case Insert:
			n.WriteString(s.Text)
		default:
			t.Fatalf("span %d has op %v", i, s.Op)
		}
	}
	if o.String() != old {
		t.Fatalf("Equal+Delete = %q, want the old text %q", o.String(), old)
	}
	if n.String() != new {
		t.Fatalf("Equal+Insert = %q, want the new text %q", n.String(), new)
	}
}

func FuzzChars(f *testing.F) {
	f.Add("機器故障等", "機器の故障等")
	f.Add("不正取得行為", "営業秘密不正取得行為")
	f.Add("甲は乙に通知する", "丙は丁に報告する")
	f.Add("abcabba", "cbabac")
	f.Add("\xff\xfe日本", "日\xff本")
	f.Fuzz(func(t *testing.T, old, new string) {
		checkSpans(t, old, new, Chars(old, new))
	})
}

func FuzzWords(f *testing.F) {
	f.Add("The Association shall establish", "The Association will establish")
	f.Add("a b c a b b a", "c b a b a c")
	f.Add("don't  stop,now", "do not stop , now")
	f.Add("\xffword\x80", "word \xff")
	f.Fuzz(func(t *testing.T, old, new string) {
		checkSpans(t, old, new, Words(old, new))
	})
}

// TestMyersMinimal checks on small alphabets that the script is a shortest one (before cleanup):
// its number of changed tokens equals n+m-2·LCS.
func TestMyersMinimal(t *testing.T) {
	rnd := uint32(1)
	next := func() uint32 { rnd = rnd*1664525 + 1013904223; return rnd >> 16 }
	for iter := 0; iter < 2000; iter++ {
		a := make([]int32, next()%20)
		b := make([]int32, next()%20)
		for i := range a {
			a[i] = int32(next() % 3)
		}
		for i := range b {
			b[i] = int32(next() % 3)
		}
		changed, x, y := 0, 0, 0
		for _, r := range myers(a, b) {
			switch r.op {
			case Equal:
				for k := 0; k < r.n; k++ {
					if a[x+k] != b[y+k] {
						t.Fatalf("%v %v: equal run over different tokens", a, b)
					}
				}
				x += r.n
				y += r.n
			case Delete:
				x += r.n
				changed += r.n
			case Insert:
				y += r.n
				changed += r.n
			}
		}
		if x != len(a) || y != len(b) {
			t.Fatalf("%v %v: script covers %d, %d tokens", a, b, x, y)
		}
		if want := len(a) + len(b) - 2*lcs(a, b); changed != want {
			t.Fatalf("%v %v: %d changes, want %d", a, b, changed, want)
		}
	}
}

func lcs(a, b []int32) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = 1 + dp[i+1][j+1]
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}

// TestLarge compares two 100 kB texts, similar and unrelated: the linear-space search and its step
// budget keep both quick, and the spans still rebuild the texts.
func TestLarge(t *testing.T) {
	var b strings.Builder
	for b.Len() < 100_000 {
		b.WriteString("第一条　この規程は、情報資産の機密性、完全性及び可用性を維持するため、必要な事項を定める。\n")
	}
	old := b.String()
	similar := strings.Replace(old, "必要な事項", "必要な基本的事項", 7)
	similar = strings.Replace(similar, "可用性", "可用性並びに真正性", 3)
	rnd := uint32(7)
	unrelated := []rune{}
	for n := utf8.RuneCountInString(old); len(unrelated) < n; {
		rnd = rnd*1664525 + 1013904223
		unrelated = append(unrelated, rune(0x4E00+rnd>>16%2000))
	}
	for _, tc := range []struct{ name, new string }{{"similar", similar}, {"unrelated", string(unrelated)}} {
		t.Run(tc.name, func(t *testing.T) {
			spans := Chars(old, tc.new)
			checkSpans(t, old, tc.new, spans)
			if tc.name == "similar" {
				ins := 0
				for _, s := range spans {
					if s.Op == Insert {
						ins++
					}
				}
				if ins != 10 {
					t.Errorf("got %d insertions, want 10", ins)
				}
			}
		})
	}
}

// BenchmarkChars compares a 5,000-rune paragraph with a version carrying 10 small amendments.
func BenchmarkChars(b *testing.B) {
	sentence := []rune("情報資産の管理者は、情報資産の分類に応じて必要な措置を講じ、その実施状況を定期的に点検しなければならない。")
	var old []rune
	for len(old) < 5000 {
		old = append(old, sentence...)
	}
	old = old[:5000]
	new := append([]rune(nil), old...)
	for i := 9; i >= 0; i-- {
		at := 250 + i*480
		switch i % 3 {
		case 0: // insertion
			new = append(new[:at], append([]rune("適切かつ"), new[at:]...)...)
		case 1: // deletion
			new = append(new[:at], new[at+3:]...)
		default: // replacement
			new = append(new[:at], append([]rune("点検"), new[at+2:]...)...)
		}
	}
	o, n := string(old), string(new)
	b.ReportAllocs()
	for b.Loop() {
		Chars(o, n)
	}
}

// TestRepeatedRun inserts into a long run of one character: sliding the insertion to its best place
// must not copy the run once per position.
func TestRepeatedRun(t *testing.T) {
	old := "|" + strings.Repeat("-", 200_000) + "|"
	new := "|" + strings.Repeat("-", 200_001) + "|"
	spans := Chars(old, new)
	checkSpans(t, old, new, spans)
	if len(spans) != 3 || spans[1] != (Span{Insert, "-"}) {
		t.Errorf("got %d spans, want an insertion of one rune between two equal runs", len(spans))
	}
}

// TestSharesRun checks the long way of sharesRun against longestCommon.
func TestSharesRun(t *testing.T) {
	next := rand.New(rand.NewPCG(7, 0)).IntN // fixed: the same cases every run
	for range 300 {
		// Few letters, so that shared runs of every length occur.
		word := func() []rune {
			s := make([]rune, 60+next(200))
			for i := range s {
				s[i] = rune('a' + next(3+next(3)))
			}
			return s
		}
		a, b := word(), word()
		for _, k := range []int{1, 2, 6, 9} {
			if got, want := sharesRun(a, b, k), longestCommon(a, b) >= k; got != want {
				t.Fatalf("sharesRun(%q, %q, %d) = %v, want %v", string(a), string(b), k, got, want)
			}
		}
	}
}

// TestBoundariesAfterASlide: sliding one insertion to the right can empty the equal piece before
// the next (from an amendment of 金融商品取引法); the next must still be placed, and the texts kept.
func TestBoundariesAfterASlide(t *testing.T) {
	toks := func(s ...string) []string { return s }
	ps := []piece{
		{Equal, toks("、", "第十四条", "第二項", "（")},
		{Insert, toks("第二十七条", "の", "十二", "及", "び")},
		{Equal, toks("第二十七条", "の", "十二")},
		{Insert, toks("の", "十三")},
		{Equal, toks("に", "お", "い", "て")},
	}
	text := func(ps []piece, skip Op) string {
		var b strings.Builder
		for _, p := range ps {
			if p.op != skip {
				b.WriteString(strings.Join(p.toks, ""))
			}
		}
		return b.String()
	}
	old, new := text(ps, Insert), text(ps, Delete)
	got := boundaries(slices.Clone(ps))
	if text(got, Insert) != old || text(got, Delete) != new {
		t.Fatalf("boundaries changed the texts: %v", got)
	}
}
