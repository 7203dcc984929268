package diff

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func blocks(texts ...string) []Block {
	bs := make([]Block, len(texts))
	for i, t := range texts {
		bs[i] = Block{Text: t}
	}
	return bs
}

func TestAlign(t *testing.T) {
	tests := []struct {
		name     string
		old, new []Block
		want     []Row
	}{
		{
			name: "equal",
			old:  blocks("第一条", "第二条"),
			new:  blocks("第一条", "第二条"),
			want: []Row{{0, 0}, {1, 1}},
		},
		{
			name: "similar block changed in place",
			old:  blocks("目的", "情報資産を適切に管理する。", "附則"),
			new:  blocks("目的", "情報資産を適切かつ継続的に管理する。", "附則"),
			want: []Row{{0, 0}, {1, 1}, {2, 2}},
		},
		{
			name: "dissimilar blocks are a removal and an addition",
			old:  blocks("目的", "情報資産を適切に管理する。", "附則"),
			new:  blocks("目的", "この規程は理事会が定める。", "附則"),
			want: []Row{{0, 0}, {1, -1}, {-1, 1}, {2, 2}},
		},
		{
			name: "same key pairs however different",
			old:  []Block{{"purpose/h", "目的"}, {"purpose/p", "情報資産を適切に管理する。"}},
			new:  []Block{{"purpose/h", "目的"}, {"purpose/p", "この規程は理事会が定める。"}},
			want: []Row{{0, 0}, {1, 1}},
		},
		{
			name: "empty keys never pair by key",
			old:  []Block{{"", "あいう"}},
			new:  []Block{{"", "かきく"}},
			want: []Row{{0, -1}, {-1, 0}},
		},
		{
			name: "added block between kept ones",
			old:  blocks("一", "三"),
			new:  blocks("一", "二", "三"),
			want: []Row{{0, 0}, {-1, 1}, {1, 2}},
		},
		{
			name: "removed block",
			old:  blocks("一", "二", "三"),
			new:  blocks("一", "三"),
			want: []Row{{0, 0}, {1, -1}, {2, 1}},
		},
		{
			name: "changed block next to an added one pairs with the similar one",
			old:  blocks("前文", "情報資産を適切に管理する。", "後文"),
			new:  blocks("前文", "新しい条項を追加する。", "情報資産を適切かつ継続的に管理する。", "後文"),
			want: []Row{{0, 0}, {-1, 1}, {1, 2}, {2, 3}},
		},
		{
			name: "removals come before additions between pairs",
			old:  blocks("A", "the information assets shall be protected", "zzz removed entirely", "B"),
			new:  blocks("A", "the information assets will be protected", "qqq brand new text", "B"),
			want: []Row{{0, 0}, {1, 1}, {2, -1}, {-1, 2}, {3, 3}},
		},
		{
			name: "pairs keep both columns in order",
			// old 1 is like new 2 and old 2 like new 1: only one of the two pairs can be shown,
			// the more similar one.
			old:  blocks("start", "alpha beta gamma delta", "one two three four", "end"),
			new:  blocks("start", "one two three four five", "alpha beta gamma delta epsilon", "end"),
			want: []Row{{0, 0}, {1, -1}, {2, 1}, {-1, 2}, {3, 3}},
		},
		{name: "both empty", old: nil, new: nil, want: []Row{}},
		{name: "all new", old: nil, new: blocks("a", "b"), want: []Row{{-1, 0}, {-1, 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Align(tt.old, tt.new)
			if len(got) == 0 && len(tt.want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %v\nwant %v", got, tt.want)
			}
			checkRows(t, len(tt.old), len(tt.new), got)
		})
	}
}

// checkRows asserts that rows cover each old and new block once, in order.
func checkRows(t *testing.T, nOld, nNew int, rows []Row) {
	t.Helper()
	nextOld, nextNew := 0, 0
	for _, r := range rows {
		if r.Old == -1 && r.New == -1 {
			t.Fatalf("empty row in %v", rows)
		}
		if r.Old != -1 {
			if r.Old != nextOld {
				t.Fatalf("old block %d where %d was due: %v", r.Old, nextOld, rows)
			}
			nextOld++
		}
		if r.New != -1 {
			if r.New != nextNew {
				t.Fatalf("new block %d where %d was due: %v", r.New, nextNew, rows)
			}
			nextNew++
		}
	}
	if nextOld != nOld || nextNew != nNew {
		t.Fatalf("rows cover %d old and %d new blocks, want %d and %d", nextOld, nextNew, nOld, nNew)
	}
}

func TestAlignLargeGap(t *testing.T) {
	// A rewrite larger than the pairing table: blocks pair by key only, still in order.
	var old, new []Block
	for i := 0; i < 1100; i++ {
		old = append(old, Block{Key: fmt.Sprintf("s%d", i), Text: fmt.Sprintf("old text %d", i)})
		new = append(new, Block{Key: fmt.Sprintf("s%d", i*2), Text: fmt.Sprintf("new text %d", i)})
	}
	rows := Align(old, new)
	checkRows(t, len(old), len(new), rows)
	paired := 0
	for _, r := range rows {
		if r.Old >= 0 && r.New >= 0 {
			paired++
			if old[r.Old].Key != new[r.New].Key {
				t.Fatalf("row %v pairs keys %s and %s", r, old[r.Old].Key, new[r.New].Key)
			}
		}
	}
	if paired != 550 {
		t.Errorf("paired %d blocks by key, want 550", paired)
	}
}

func TestDice(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"情報資産", "情報資産", 1},
		{"情報資産", "資産情報", 2.0 * 2 / 6},
		{"", "", 1},
		{"a", "a", 1},
		{"a", "b", 0},
		{"ab", "", 0},
	}
	for _, tt := range tests {
		if got := dice(bigrams(tt.a), bigrams(tt.b)); got != tt.want {
			t.Errorf("dice(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// BenchmarkAlign aligns two versions of a 200-block document in which 20 blocks were amended, 5
// removed and 5 added.
func BenchmarkAlign(b *testing.B) {
	var old, new []Block
	for i := 0; i < 200; i++ {
		key := fmt.Sprintf("sec-%d/p", i/5)
		text := strings.Repeat(fmt.Sprintf("第%d項　情報資産の管理者は、情報資産の分類に応じて必要な措置を講じなければならない。", i), 2)
		old = append(old, Block{key, text})
		switch {
		case i%10 == 3:
			new = append(new, Block{key, strings.Replace(text, "必要な措置", "必要かつ適切な措置", 1)})
		case i%40 == 7:
			// removed
		case i%40 == 27:
			new = append(new, Block{key, text}, Block{key, fmt.Sprintf("第%d項の二　新設する。", i)})
		default:
			new = append(new, Block{key, text})
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		Align(old, new)
	}
}
