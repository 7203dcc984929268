package content

import (
	"reflect"
	"testing"
)

// TestParseMemo checks that a memo's Parse gives Parse's documents and
// errors, for front matter met before and not.
func TestParseMemo(t *testing.T) {
	fm := "---\ntitle: 基本方針\nvisibility: public\nenacted: 2026-03-31\n---\n"
	inputs := []struct{ file, data string }{
		{"content/ja/a.md", fm + "\n本文一\n"},
		{"content/ja/a.md", fm + "\n本文二\n## 見出し\n"},
		{"content/ja/a.md", fm},
		{"content/ja/b.md", fm + "本文\n"},
		{"content/ja/a.md", "\n\n" + fm + "本文\n"},
		{"content/ja/a.md", "---\ntitle: x\nvisibility: Public\n---\n本文\n"},
		{"content/ja/a.md", "---\ntitle: x\nvisibility: Public\n---\n本文二\n"},
		{"content/ja/a.md", "---\ntitle: x\n"},
		{"content/ja/a.md", "本文だけ\n"},
	}
	var m ParseMemo
	for round := range 2 {
		for _, in := range inputs {
			want, wantErr := Parse(in.file, []byte(in.data))
			got, err := m.Parse(in.file, []byte(in.data))
			if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
				t.Fatalf("round %d, %s %q: error %v, want %v", round, in.file, in.data, err, wantErr)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("round %d, %s %q:\n got %+v\nwant %+v", round, in.file, in.data, got, want)
			}
		}
	}
	if len(m.docs) == 0 {
		t.Error("nothing remembered")
	}
}
