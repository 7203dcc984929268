package content

import (
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

func TestParseOrganisation(t *testing.T) {
	const good = "ja:\n  organisation: 組合\n  site: サイト\n  footer: フッター\nen:\n  organisation: Org\n  site: Site\n  footer: Foot\n"
	org, err := ParseOrganisation("o.yaml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if got := org["ja"]; got != (Names{Organisation: "組合", Site: "サイト", Footer: "フッター"}) {
		t.Errorf("ja = %+v", got)
	}
	for _, tag := range []string{"example.lg.jp,2026", "soumu@example.lg.jp,2026-04-01", "city.example.jp,2019-05"} {
		org, err := ParseOrganisation("o.yaml", []byte(good+"tag: "+tag+"\n"))
		if err != nil || org["ja"].Tag != tag || org["en"].Tag != tag {
			t.Errorf("tag: %s: %+v, %v", tag, org, err)
		}
	}
	tests := []struct{ name, src, want string }{
		{"empty", "", "o.yaml:1: want a mapping"},
		{"not yaml", "ja: [\n", "o.yaml:"},
		{"unknown language", good + "fr:\n  site: x\n", `o.yaml:9: unknown language "fr"`},
		{"missing language", "ja:\n  organisation: 組合\n  site: サイト\n  footer: フッター\n", "o.yaml:1: language en is missing"},
		{"unknown key", strings.Replace(good, "  site: Site\n", "  site: Site\n  sitename: x\n", 1), `o.yaml:8: en: unknown key "sitename"`},
		{"missing key", strings.Replace(good, "  footer: Foot\n", "", 1), "o.yaml:5: en: footer is missing"},
		{"empty value", strings.Replace(good, "site: サイト", "site: ''", 1), "o.yaml:3: ja: site must be a line of text"},
		{"list value", strings.Replace(good, "site: サイト", "site: [a]", 1), "o.yaml:3: ja: site must be a line of text"},
		{"two lines", strings.Replace(good, "footer: フッター", "footer: |\n    一行目\n    二行目", 1), "o.yaml:4: ja: footer must be one line"},
		{"twice", strings.Replace(good, "  site: Site\n", "  site: Site\n  site: Again\n", 1), "o.yaml:8: en: site given twice"},
		{"tag without a date", good + "tag: example.lg.jp\n", "o.yaml:9: tag: want a domain name"},
		{"tag of one label", good + "tag: localhost,2026\n", "o.yaml:9: tag: want a domain name"},
		{"tag in capitals", good + "tag: Example.LG.JP,2026\n", "o.yaml:9: tag: want a domain name"},
		{"tag with a bad date", good + "tag: example.lg.jp,2026-13\n", "o.yaml:9: tag: want a domain name"},
		{"tag as a list", good + "tag: [example.lg.jp,2026]\n", "o.yaml:9: tag: want a domain name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseOrganisation("o.yaml", []byte(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
}

func TestLoadOrganisation(t *testing.T) {
	if org, err := LoadOrganisation(fstest.MapFS{}); !errors.Is(err, ErrNoOrganisation) || org["en"].Site != "Information Security Policy" {
		t.Errorf("no file: %v, %v; want generic names and ErrNoOrganisation", org, err)
	}
	// This repository's own file.
	if _, err := LoadOrganisation(os.DirFS("../..")); err != nil {
		t.Error(err)
	}
}
