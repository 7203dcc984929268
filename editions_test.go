package main

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestEditions builds a history with every kind of edition (版) and checks
// the whole site, version pages included, on two build dates: a past
// edition, an internal period that yields nothing, a republication in
// force, and an official revision not yet in force (未施行). An old
// version linked to a document that is internal now: its page keeps the
// link's text and loses the link, which would name the document.
func TestEditions(t *testing.T) {
	g := newRepo(t, minimalSite())
	planJA := func(vis string) string { return mdPage("計画", vis, "## 1 手順 {#steps}\n\n手順。\n") }
	planEN := func(vis string) string { return mdPage("Plan", vis, "## 1 Steps {#steps}\n\nSteps.\n") }
	g.commit("基本方針を制定", map[string]string{
		"content/ja/policy.md": policyJA("public", "初版の本文。[計画の手順](plan.md#steps)による。"),
		"content/en/policy.md": policyEN("public", "First text, by [the plan](plan.md#steps)."),
		"content/ja/plan.md":   planJA("public"), "content/en/plan.md": planEN("public"),
	})
	g.commit("計画を非公開にする", map[string]string{
		"content/ja/plan.md": planJA("internal"), "content/en/plan.md": planEN("internal"),
	})
	g.commit("一時非公開\n\nEffective: 2026-06-01", map[string]string{
		"content/ja/policy.md": policyJA("internal", "EDITIONLEAK 内部の本文。"),
		"content/en/policy.md": policyEN("internal", "EDITIONLEAK internal text."),
	})
	// A republication's message is withheld (the commit before it had the
	// document internal), so it takes effect on its commit's date.
	g.commit("再公開", map[string]string{
		"content/ja/policy.md": policyJA("public", "再公開の本文。"),
		"content/en/policy.md": policyEN("public", "Republished text."),
	})
	g.commit("第1条を改定\n\nEffective: 2027-04-01", map[string]string{
		"content/ja/policy.md": policyJA("public", "改定後の本文。"),
		"content/en/policy.md": policyEN("public", "Revised text."),
	})
	hashes := g.hashes()
	first, internal, republished, revised := hashes[0], hashes[2], hashes[3], hashes[4]

	out := buildRepo(t, g, "-date", "2026-12-03")
	if pages := checkPages(t, out); pages < 20 {
		t.Fatalf("only %d pages", pages)
	}
	assertNoMarkers(t, out, []string{"EDITIONLEAK", internal, "plan.html", "plan.md"})
	doc := string(out["ja/policy.html"])
	if !strings.Contains(doc, "再公開の本文。") || strings.Contains(doc, "改定後の本文。") || !strings.Contains(doc, "未施行") {
		t.Errorf("before the 施行日, the document page:\n%s", doc)
	}
	for _, name := range []string{"ja/versions/policy." + first + ".html", "ja/versions/policy." + revised + ".html",
		"en/versions/policy." + first + ".html", "en/versions/policy." + revised + ".html"} {
		if _, ok := out[name]; !ok {
			t.Errorf("no page %s", name)
		}
	}
	for name := range out {
		if strings.Contains(name, "versions/") && !strings.Contains(name, first) && !strings.Contains(name, revised) {
			t.Errorf("unexpected version page %s", name)
		}
	}
	past := string(out["ja/versions/policy."+first+".html"])
	for _, want := range []string{"この版は令和8年（2026年）4月1日から令和8年（2026年）4月3日まで施行されていたものです。", "初版の本文。計画の手順による。", `href="../policy.html"`} {
		if !strings.Contains(past, want) {
			t.Errorf("past version page lacks %q:\n%s", want, past)
		}
	}
	hist := string(out["ja/history/policy.html"])
	for _, want := range []string{"未施行", "この版の全文", "versions/policy." + first + ".html"} {
		if !strings.Contains(hist, want) {
			t.Errorf("history page lacks %q", want)
		}
	}

	// On the 施行日, by SOURCE_DATE_EPOCH: the revision is in force.
	t.Setenv("SOURCE_DATE_EPOCH", fmt.Sprint(time.Date(2027, 4, 1, 0, 30, 0, 0, japan).Unix()))
	on := buildRepo(t, g)
	checkPages(t, on)
	if doc := string(on["ja/policy.html"]); !strings.Contains(doc, "改定後の本文。") || strings.Contains(doc, "未施行") {
		t.Errorf("on the 施行日, the document page:\n%s", doc)
	}
	if _, ok := on["ja/versions/policy."+republished+".html"]; !ok {
		t.Error("on the 施行日, the edition it replaced has no page")
	}
}

func TestBuildDate(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 12, 3, 16, 0, 0, 0, time.UTC) // 4 December in Japan
	tests := []struct {
		flag, epoch, want string
		err               bool
	}{
		{"", "", "2026-12-04", false},
		{"2027-04-01", "", "2027-04-01", false},
		{"2027-04-01", "0", "2027-04-01", false},
		{"", "1798729200", "2027-01-01", false}, // 2026-12-31T15:00Z is New Year's Day in Japan
		{"2027/04/01", "", "", true},
		{"", "soon", "", true},
	}
	for _, tt := range tests {
		got, err := buildDate(tt.flag, tt.epoch, now)
		if (err != nil) != tt.err || err == nil && got.Format(time.DateOnly) != tt.want {
			t.Errorf("buildDate(%q, %q) = %v, %v; want %s", tt.flag, tt.epoch, got, err, tt.want)
		}
	}
}
