package quiz

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"policysite/generator/wareki"
)

// TestDatesLikeGo runs quiz.js's formatDate under Node on the data the quiz
// page gets (the ui of ClientJSON, whose date style is generator/wareki's)
// and compares it with wareki.Format, which the site's pages use: era
// boundaries, 元年, 昭和, a date before every era, and English.
func TestDatesLikeGo(t *testing.T) {
	node, script := nodeAndQuizJS(t)
	dates := []string{
		"2026-12-03", "2019-05-01", "2019-04-30", "2020-01-01", "2019-12-31",
		"1989-01-08", "1989-01-07", "1989-12-31", "1926-12-25", "1926-12-24", "1927-01-01", "1900-01-01",
	}
	dir := t.TempDir()
	in := map[string]any{"dates": dates, "ui": map[string]*ui{"ja": uiStrings["ja"], "en": uiStrings["en"]}}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "in.json")
	harness := filepath.Join(dir, "harness.js")
	if err := os.WriteFile(data, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(harness, []byte(`
const q = require(process.argv[2]);
const d = JSON.parse(require('fs').readFileSync(process.argv[3], 'utf8'));
const out = {};
for (const lang of ['ja', 'en']) out[lang] = d.dates.map((x) => q.formatDate(d.ui[lang], x));
process.stdout.write(JSON.stringify(out));
`), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, harness, script, data).Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var got map[string][]string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("node output %s: %v", out, err)
	}
	for _, lang := range []string{"ja", "en"} {
		for i, iso := range dates {
			d, _ := time.Parse(time.DateOnly, iso)
			if want := wareki.Format(lang, d); got[lang][i] != want {
				t.Errorf("%s %s: quiz.js %q, Go %q", lang, iso, got[lang][i], want)
			}
		}
	}
}
