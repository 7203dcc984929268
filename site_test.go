package main

import (
	"bytes"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"policysite/generator/content"
)

// TestSite checks whole-site invariants on this repository's own content/,
// built as CI builds it: every relative link and anchor resolves, nothing
// loads from elsewhere, no inline script or style, nothing double-escaped,
// every page declares its language and the Content-Security-Policy, and no
// non-public document left any trace.
func TestSite(t *testing.T) {
	t.Parallel()
	out := realSite(t)
	files := readTree(t, out)
	if pages := checkPages(t, files); pages < 15 {
		t.Fatalf("only %d pages", pages)
	}

	// Nothing of the real internal documents: titles, paths, distinctive lines.
	set, err := content.Load(os.DirFS("."), "content")
	if err != nil {
		t.Fatal(err)
	}
	var markers []string
	for _, p := range set.Pairs {
		if p.Public() {
			continue
		}
		markers = append(markers, p.Path+".html", p.Path+".md")
		for _, d := range []*content.Document{p.JA, p.EN} {
			if d == nil {
				continue
			}
			markers = append(markers, d.Title)
			// Load keeps no body of a document that is not public: parse
			// the file itself for its lines.
			data, err := os.ReadFile(d.File)
			if err != nil {
				t.Fatal(err)
			}
			full, err := content.Parse(d.File, data)
			if err != nil {
				t.Fatal(err)
			}
			lines := 0
			for _, line := range strings.Split(string(full.Body), "\n") {
				if line = strings.TrimSpace(line); len([]rune(line)) > 24 {
					markers = append(markers, line)
					lines++
				}
			}
			if lines == 0 {
				t.Fatalf("%s: no line long enough to be a marker: the exclusion of its text is not exercised", d.File)
			}
		}
	}
	if len(markers) == 0 {
		t.Fatal("content/ has no internal document: the exclusion is not exercised")
	}
	assertNoMarkers(t, files, markers)
	if _, err := os.Stat(filepath.Join(out, "ja", "basic-policy.html")); err != nil {
		t.Error(err)
	}
}

// checkPages checks every HTML page of a built site: every relative link
// and anchor resolves, nothing loads from elsewhere, no inline script or
// style, nothing double-escaped, every page declares its language and the
// Content-Security-Policy. It returns the number of pages.
func checkPages(t *testing.T, files map[string][]byte) int {
	t.Helper()
	ids := map[string]map[string]bool{}
	type ref struct{ from, target string }
	var refs []ref
	pages := 0
	for name, data := range files {
		if path.Ext(name) != ".html" {
			continue
		}
		pages++
		ids[name] = map[string]bool{}
		if bytes.Contains(data, []byte("&amp;amp;")) || bytes.Contains(data, []byte("&amp;lt;")) || bytes.Contains(data, []byte("&amp;#")) {
			t.Errorf("%s: double-escaped text", name)
		}
		if !bytes.Contains(data, []byte(`http-equiv="Content-Security-Policy"`)) {
			t.Errorf("%s: no Content-Security-Policy", name)
		}
		z := html.NewTokenizer(bytes.NewReader(data))
		inScript := false
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				break
			}
			tok := z.Token()
			if tt == html.TextToken && inScript && strings.TrimSpace(tok.Data) != "" {
				t.Errorf("%s: inline script", name)
			}
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				inScript = false
				continue
			}
			attrs := map[string]string{}
			for _, a := range tok.Attr {
				attrs[a.Key] = a.Val
				if a.Key == "style" || strings.HasPrefix(a.Key, "on") {
					t.Errorf("%s: <%s %s=…> breaks the Content-Security-Policy", name, tok.Data, a.Key)
				}
			}
			if id, ok := attrs["id"]; ok {
				if ids[name][id] {
					t.Errorf("%s: id %q used twice", name, id)
				}
				ids[name][id] = true
			}
			switch tok.Data {
			case "html":
				if l := attrs["lang"]; l != "ja" && l != "en" {
					t.Errorf("%s: <html lang=%q>", name, l)
				}
			case "script":
				inScript = attrs["src"] == "" && attrs["type"] != "application/json"
			case "style":
				t.Errorf("%s: inline <style>", name)
			}
			for _, key := range []string{"href", "src", "action"} {
				v, ok := attrs[key]
				if !ok || strings.HasPrefix(v, "data:") {
					continue
				}
				u, err := url.Parse(v)
				if err != nil {
					t.Errorf("%s: bad URL %q", name, v)
					continue
				}
				if u.Scheme != "" || u.Host != "" || strings.HasPrefix(v, "/") {
					// Readers may follow a link out; nothing may load from elsewhere.
					if key != "href" || tok.Data != "a" {
						t.Errorf("%s: <%s %s=%q> is not relative", name, tok.Data, key, v)
					}
					continue
				}
				target := name
				if u.Path != "" {
					target = path.Clean(path.Join(path.Dir(name), u.Path))
				}
				refs = append(refs, ref{name, target + "#" + u.Fragment})
			}
		}
	}
	for _, r := range refs {
		file, frag, _ := strings.Cut(r.target, "#")
		if _, ok := files[file]; !ok {
			t.Errorf("%s: link to missing %s", r.from, file)
			continue
		}
		if frag != "" && path.Ext(file) == ".html" && !ids[file][frag] {
			t.Errorf("%s: link to %s#%s: no such id", r.from, file, frag)
		}
	}

	return pages
}
