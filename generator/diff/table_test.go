package diff

import (
	"reflect"
	"strings"
	"testing"
)

// sameTable reports whether a and b have the same rows and spans (an
// empty table has no rows however it was made).
func sameTable(a, b Table) bool {
	if len(a.Rows) == 0 && len(b.Rows) == 0 {
		return true
	}
	return reflect.DeepEqual(a, b)
}

func TestTableRoundTrip(t *testing.T) {
	law := func(n int, change func(i int) string) []Block {
		bs := make([]Block, n)
		for i := range bs {
			bs[i] = Block{Key: "art/p", Text: strings.Repeat("条文の本文である。", 1+i%3) + change(i)}
		}
		return bs
	}
	same := func(int) string { return "" }
	tests := []struct {
		name     string
		old, new []Block
		spans    func(old, new string) []Span
	}{
		{"empty", nil, nil, Chars},
		{"newly published", nil, blocks("第一条", "第二条"), Chars},
		{"withdrawn", blocks("第一条", "第二条"), nil, Chars},
		{"unchanged", blocks("第一条", "第二条"), blocks("第一条", "第二条"), Chars},
		{"changed", blocks("第一条", "機器故障等", "第三条"), blocks("第一条", "機器の故障等", "第三条"), Chars},
		{"added and removed", blocks("甲", "乙は丙に通知する", "丁"), blocks("甲", "丁", "戊は己に報告する。全く別の文。"), Chars},
		{"words", blocks("The Association shall establish", "Rules"), blocks("The Association will establish", "Rules", "New"), Words},
		{"multibyte marks", blocks("第百二十三条の規定"), blocks("第百二十四条の規定による"), Chars},
		{"a long law", law(500, same), law(500, func(i int) string {
			if i%97 == 0 {
				return "（改正）"
			}
			return ""
		}), Chars},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := Compare(tt.old, tt.new, tt.spans)
			enc := want.Encode()
			got, ok := Decode(enc, tt.old, tt.new)
			if !ok {
				t.Fatalf("Decode(Encode()) failed")
			}
			if !sameTable(got, want) {
				t.Errorf("Decode(Encode()) = %v, want %v", got, want)
			}
			if len(enc) > len(want.Rows)+8*countSpans(want) {
				t.Errorf("encoded in %d bytes for %d rows and %d spans: does it hold text?", len(enc), len(want.Rows), countSpans(want))
			}
		})
	}
}

func countSpans(t Table) int {
	n := 0
	for _, s := range t.Spans {
		n += len(s)
	}
	return n
}

// TestDecodeRejects checks that an encoding is refused for blocks it was
// not made of, and when damaged, rather than giving a table that misplaces
// text.
func TestDecodeRejects(t *testing.T) {
	old := blocks("第一条", "機器故障等", "第三条")
	new := blocks("第一条", "機器の故障等", "第三条", "第四条")
	enc := Compare(old, new, Chars).Encode()
	tests := []struct {
		name     string
		enc      []byte
		old, new []Block
	}{
		{"fewer old blocks", enc, old[:2], new},
		{"more new blocks", enc, old, append(new[:len(new):len(new)], Block{Text: "第五条"})},
		{"a changed text of another length", enc, old, blocks("第一条", "機器の故障等です", "第三条", "第四条")},
		{"an equal span that differs", Compare(blocks("あいう"), blocks("あいえ"), Chars).Encode(), blocks("かいう"), blocks("あいえ")},
		{"a cut inside a rune", []byte{hasOld | hasNew, 2, byte(Equal), 1, byte(Insert), 5}, blocks("あ"), blocks("あい")},
		{"no columns", append([]byte{0}, enc...), old, new},
		{"an unknown column", append([]byte{4}, enc...), old, new},
		{"an unknown op", []byte{hasOld | hasNew, 1, 9, 3}, blocks("あ"), blocks("い")},
		{"an empty span", []byte{hasOld | hasNew, 3, byte(Equal), 0, byte(Delete), 3, byte(Insert), 3}, blocks("あ"), blocks("い")},
		{"more spans than bytes", []byte{hasOld | hasNew, 100, byte(Delete), 3}, blocks("あ"), blocks("い")},
	}
	for i := range len(enc) {
		tests = append(tests, struct {
			name     string
			enc      []byte
			old, new []Block
		}{"truncated", enc[:i], old, new})
	}
	for _, tt := range tests {
		if got, ok := Decode(tt.enc, tt.old, tt.new); ok {
			t.Errorf("%s: Decode(% x) = %v, want a refusal", tt.name, tt.enc, got)
		}
	}
}

// FuzzDecode checks that any bytes decode to a table of the blocks or to
// a refusal, and that the spans of a table decoded make up both texts.
func FuzzDecode(f *testing.F) {
	f.Add(Compare(blocks("第一条", "機器故障等"), blocks("第一条", "機器の故障等", "第三条"), Chars).Encode(), "機器故障等", "機器の故障等")
	f.Add([]byte{3, 2, 0, 3, 1, 3}, "あい", "あいう")
	f.Fuzz(func(t *testing.T, enc []byte, a, b string) {
		old, new := blocks("第一条", a), blocks("第一条", b, "第三条")
		tab, ok := Decode(enc, old, new)
		if !ok {
			return
		}
		checkRows(t, len(old), len(new), tab.Rows)
		for i, r := range tab.Rows {
			if r.Old < 0 || r.New < 0 || old[r.Old].Text == new[r.New].Text {
				continue
			}
			var before, after strings.Builder
			for _, s := range tab.Spans[i] {
				if s.Op != Insert {
					before.WriteString(s.Text)
				}
				if s.Op != Delete {
					after.WriteString(s.Text)
				}
			}
			if before.String() != old[r.Old].Text || after.String() != new[r.New].Text {
				t.Fatalf("row %d: spans %v do not make up %q and %q", i, tab.Spans[i], old[r.Old].Text, new[r.New].Text)
			}
		}
	})
}
