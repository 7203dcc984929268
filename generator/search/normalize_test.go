package search

import (
	"slices"
	"testing"
	"unicode/utf8"
)

// normalizeTests and tokensTests are also run through search.js by
// TestJSParity, so every case here is a parity case too.
var normalizeTests = []struct {
	name, in, want string
}{
	{"empty", "", ""},
	{"full-width letters", "ＵＳＢメモリ", "usbメモリ"},
	{"full-width digits and punctuation", "（１）　情報資産！", "(1) 情報資産!"},
	{"half-width katakana", "ｶﾀｶﾅ", "カタカナ"},
	{"half-width voiced marks compose", "ｶﾞｲﾄﾞﾗｲﾝ ﾊﾟｽﾜｰﾄﾞ ｳﾞｨ", "ガイドライン パスワード ヴィ"},
	{"half-width punctuation", "｢ﾏｲﾅﾝﾊﾞｰ｣､｡･", "「マイナンバー」、。・"},
	{"lone voiced mark stays visible", "ﾞa ﾟ", "゛a ゜"},
	{"voiced mark after a space does not compose", "ｶ ﾞ", "カ ゛"},
	{"combining marks compose", "ハ\u3099ス\u309Aは\u309A", "バス\u309Aぱ"},
	{"full-width kana with half-width mark", "カﾞ", "ガ"},
	{"lower case", "Availability ÉTÉ ΣΟΦΙΑ İ", "availability été σοφια i"},
	{"white space runs", " \t a\u3000\u3000b\n\r\nc\u00a0 ", "a b c"},
	{"kept as is", "可用性①ー々", "可用性①ー々"},
	{"invalid utf-8", "a\xffb", "a\ufffdb"},
}

func TestNormalize(t *testing.T) {
	for _, tt := range normalizeTests {
		t.Run(tt.name, func(t *testing.T) {
			got := Normalize(tt.in)
			if got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := Normalize(got); again != got {
				t.Errorf("Normalize is not idempotent: %q -> %q", got, again)
			}
		})
	}
}

var tokensTests = []struct {
	name, lang, in string
	want           []string
}{
	{"empty", "ja", "", nil},
	{"bigrams", "ja", "可用性", []string{"可用", "用性"}},
	{"single character", "ja", "系", []string{"系"}},
	{"single characters between punctuation", "ja", "「系」、課。", []string{"系", "課"}},
	{"full-width ascii", "ja", "ＵＳＢ", []string{"usb"}},
	{"mixed ja and en", "ja", "USBメモリ", []string{"usb", "メモ", "モリ"}},
	{"mixed with digits", "ja", "上記6、7及び8に", []string{"上記", "6", "7", "及び", "8", "に"}},
	{"half-width katakana", "ja", "ﾏｲﾅﾝﾊﾞｰ", []string{"マイ", "イナ", "ナン", "ンバ", "バー"}},
	{"punctuation boundaries", "ja", "機密性、完全性及び可用性", []string{"機密", "密性", "完全", "全性", "性及", "及び", "び可", "可用", "用性"}},
	{"brackets and middle dot", "ja", "漏えい・破壊（ハードウェア）", []string{"漏え", "えい", "破壊", "ハー", "ード", "ドウ", "ウェ", "ェア"}},
	{"circled number is a separator", "ja", "① マイナンバー利用事務系においては", []string{"マイ", "イナ", "ナン", "ンバ", "バー", "ー利", "利用", "用事", "事務", "務系", "系に", "にお", "おい", "いて", "ては"}},
	{"question", "ja", "USBメモリは持ち出せる?", []string{"usb", "メモ", "モリ", "リは", "は持", "持ち", "ち出", "出せ", "せる"}},
	{"english words", "en", "Information-security Policy, 2026", []string{"information", "security", "policy", "2026"}},
	{"english plurals", "en", "policies assets processes access status analysis its", []string{"policy", "asset", "process", "access", "status", "analysis", "its"}},
	{"japanese does not stem", "ja", "assets", []string{"assets"}},
	{"apostrophes", "en", "staff’s staff's", []string{"staff", "s", "staff", "s"}},
	{"astral kanji", "ja", "𠮷野家", []string{"𠮷野", "野家"}},
	{"emoji separate", "ja", "安全🔒第一", []string{"安全", "第一"}},
}

func TestTokens(t *testing.T) {
	for _, tt := range tokensTests {
		t.Run(tt.name, func(t *testing.T) {
			got := Tokens(tt.lang, tt.in)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Tokens(%q, %q) = %q, want %q", tt.lang, tt.in, got, tt.want)
			}
		})
	}
}

func FuzzTokens(f *testing.F) {
	for _, tt := range tokensTests {
		f.Add(tt.lang == "en", tt.in)
	}
	for _, tt := range normalizeTests {
		f.Add(false, tt.in)
	}
	f.Fuzz(func(t *testing.T, en bool, s string) {
		lang := "ja"
		if en {
			lang = "en"
		}
		n := Normalize(s)
		if !utf8.ValidString(n) {
			t.Fatalf("Normalize(%q) = %q: invalid UTF-8", s, n)
		}
		if again := Normalize(n); again != n {
			t.Fatalf("Normalize not idempotent: %q -> %q -> %q", s, n, again)
		}
		for _, tok := range Tokens(lang, s) {
			if tok == "" || !utf8.ValidString(tok) {
				t.Fatalf("Tokens(%q, %q): bad token %q", lang, s, tok)
			}
			if Normalize(tok) != tok {
				t.Fatalf("Tokens(%q, %q): token %q is not normalised", lang, s, tok)
			}
			for _, r := range tok {
				if isSep(r) {
					t.Fatalf("Tokens(%q, %q): token %q contains separator %U", lang, s, tok, r)
				}
			}
		}
	})
}
