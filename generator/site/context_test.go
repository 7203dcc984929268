package site

import (
	"strings"
	"testing"

	"policysite/generator/markdown"
)

// TestComparisonContextRows checks that every changed row of a comparison
// says where it is: the heading of its section (条名 and 条見出し) and, for a
// list item, the blocks it belongs to (its 項, its 号) come before it as
// unmarked rows even when they did not change, and what is neither is
// folded into （略）.
func TestComparisonContextRows(t *testing.T) {
	law := func(ro, item3 string) string {
		return "## 第一条（目的） {#a1}\n\nこの法律は、目的を定める。\n\n" +
			"## 第二条（定義） {#a2}\n\nこの法律において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。\n\n" +
			"- 一　小売供給　一般の需要に応じ電気を供給することをいう。\n" +
			"- 二　小売電気事業　小売供給を行う事業をいう。\n" +
			"- 七　電力量調整供給　次に掲げる者から受電することをいう。\n" +
			"  - イ　発電等用電気工作物を維持する者\n" +
			"  - " + ro + "\n\n" +
			"２　前項の規定にかかわらず、次に掲げる事業は、一般送配電事業とみなす。\n\n" +
			"- 一　他の事業者に電気を供給する事業\n" +
			"- 二　託送供給を受ける事業\n" +
			"- " + item3 + "\n\n" +
			"## 第三条（許可） {#a3}\n\n一般送配電事業を営もうとする者は、許可を受けなければならない。\n"
	}
	conv := markdown.New()
	ver := func(body string) *version {
		res, err := conv.Text(markdown.Source{File: "content/ja/law.md", Line: 1, Path: "law", Lang: "ja", Body: []byte(body)})
		if err != nil {
			t.Fatal(err)
		}
		return &version{title: "電気事業法", blocks: markdown.BlocksOf(res.Blocks)}
	}
	old := ver(law("ロ　特定卸供給を行う者", "三　第百二十三条に規定する事業"))
	cur := ver(law("ロ　特定卸供給を行う事業を営む者", "三　第百二十九条に規定する事業"))
	var got []string
	for _, r := range compareBlocks("ja", old, cur) {
		if r.Omitted > 0 {
			got = append(got, "（略）")
			continue
		}
		got = append(got, string(r.Left.HTML)+" | "+string(r.Right.HTML))
	}
	want := []string{
		"（略）",
		"第二条（定義） | 第二条（定義）",
		"この法律において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。 | この法律において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。",
		"（略）",
		"七　電力量調整供給　次に掲げる者から受電することをいう。 | 七　電力量調整供給　次に掲げる者から受電することをいう。",
		"イ　発電等用電気工作物を維持する者 | イ　発電等用電気工作物を維持する者",
		"ロ　特定卸供給を行う者 | ロ　特定卸供給を行う<ins>事業を営む</ins>者",
		"２　前項の規定にかかわらず、次に掲げる事業は、一般送配電事業とみなす。 | ２　前項の規定にかかわらず、次に掲げる事業は、一般送配電事業とみなす。",
		"（略）",
		"三　<del>第百二十三条</del>に規定する事業 | 三　<ins>第百二十九条</ins>に規定する事業",
		"（略）",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\n\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
