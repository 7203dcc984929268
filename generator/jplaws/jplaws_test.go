package jplaws

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	src := "電気事業法\n（昭和三十九年法律第百七十号）\n\n目次\n  第一章　総則（第一条・第二条）\n\n      第一章　総則\n\n" +
		"  （目的）\n第一条　この法律は、目的を定める。\n\n" +
		"第二十二条の三　一般送配電事業者は、兼ねてはならない。\n２　前項の規定は、適用しない。\n  一　小売電気事業者\n    イ　発電等用電気工作物を維持する者\n      （１）深い項目\n" +
		"第五条　削除\n\n      附　則　抄\n\n  （施行期日）\n１　この法律は、施行する。\n第一条　経過措置 * [注] を定める。\n"
	title, blocks := Parse([]byte(src))
	var got []string
	for _, b := range blocks {
		got = append(got, fmt.Sprintf("%s%d %s %s [%s]", b.Kind, b.Depth, b.ID, b.Text, b.Heading))
	}
	want := []string{
		"p0  （昭和三十九年法律第百七十号） []",
		"h20 toc 目次 [目次]",
		"p0  第一章　総則（第一条・第二条） [目次]",
		"h20 c1 第一章　総則 [第一章　総則]",
		"h30 a1 第一条（目的） [第一条（目的）]",
		"p0  この法律は、目的を定める。 [第一条（目的）]",
		"h30 a22-3 第二十二条の三 [第二十二条の三]",
		"p0  一般送配電事業者は、兼ねてはならない。 [第二十二条の三]",
		"p0  ２　前項の規定は、適用しない。 [第二十二条の三]",
		"li1  一　小売電気事業者 [第二十二条の三]",
		"li2  イ　発電等用電気工作物を維持する者 [第二十二条の三]",
		"li3  （１）深い項目 [第二十二条の三]",
		"h30 a5 第五条 [第五条]",
		"p0  削除 [第五条]",
		"h20 suppl-" + "X" + " 附　則　抄 [附　則　抄]",
		"p0  （施行期日） [附　則　抄]",
		"p0  １　この法律は、施行する。 [附　則　抄]",
		"h30 suppl-X-a1 第一条 [第一条]",
		"p0  経過措置 * [注] を定める。 [第一条]",
	}
	if title != "電気事業法" {
		t.Errorf("title %q", title)
	}
	for i := range got {
		// The 附則's ID is a hash of its line: stable, but not worth spelling out here.
		if f := strings.Fields(got[i]); len(f) > 1 && strings.HasPrefix(f[1], "suppl-") {
			got[i] = strings.Replace(got[i], f[1][:len("suppl-")+8], "suppl-X", 1)
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	md := string(Markdown(title, blocks))
	if !strings.Contains(md, `経過措置 \* \[注\] を定める。`) || !strings.Contains(md, "### 第二十二条の三 {#a22-3}") {
		t.Errorf("Markdown does not escape or head as it should:\n%s", md)
	}
}

func TestKanjiNumber(t *testing.T) {
	for in, want := range map[string]string{"一": "1", "十": "10", "二十二": "22", "百八": "108", "千二百三十四": "1234", "一〇": "10"} {
		if got := kanjiNumber(in); got != want {
			t.Errorf("kanjiNumber(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestParseExportMarks checks that the export's marks are not taken for
// text: a law type before the title, a 制定文's and an unnumbered
// paragraph's mark before their text.
func TestParseExportMarks(t *testing.T) {
	src := "[LawType=\"Rule\"]\n届出等に関する規則\n（平成十九年国家公安委員会規則第五号）\n\n" +
		":enact-statement:法律の規定に基づき、規則を次のように定める。\n\n" +
		"第一条　届出をする。\n\n      附　則\n\n:anonym-paragraph:この規則は、施行する。\n"
	title, blocks := Parse([]byte(src))
	if title != "届出等に関する規則" {
		t.Errorf("title %q", title)
	}
	var texts []string
	for _, b := range blocks {
		texts = append(texts, b.Text)
		if strings.Contains(b.Text, ":") || strings.Contains(b.Text, "LawType") {
			t.Errorf("block %q keeps a mark", b.Text)
		}
	}
	for _, want := range []string{"法律の規定に基づき、規則を次のように定める。", "この規則は、施行する。"} {
		if !slices.Contains(texts, want) {
			t.Errorf("no block %q in %q", want, texts)
		}
	}
}
