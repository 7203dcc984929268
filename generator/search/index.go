package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// Section is one searchable unit: a heading and the text directly under it.
type Section struct {
	URL      string // relative to the language directory, e.g. "basic-policy.html#def-availability"
	DocTitle string
	Title    string // section heading text, e.g. "(8) 可用性"
	Text     string // the section's plain text as readers see it (no HTML), without sub-sections' text
}

// Stats describes a built index, for the build log.
type Stats struct {
	Sections, Terms, Bytes int
}

// Build returns a classic JavaScript file that registers the index of
// sections, given in document order, as window.PolicySearchIndex[lang].
// lang must be "ja" or "en". The format is described in the package
// documentation.
func Build(lang string, sections []Section) ([]byte, Stats, error) {
	if lang != "ja" && lang != "en" {
		return nil, Stats{}, fmt.Errorf("search: unknown language %q (want ja or en)", lang)
	}
	var (
		docs     []string
		docIndex = map[string]int{}
		urls     = map[string]int{}
		postings = map[string][]int{}
		seen     = map[string]struct{}{} // the terms of one section, reused
	)
	for i, s := range sections {
		if s.URL == "" {
			return nil, Stats{}, fmt.Errorf("search: %s section %d (%q): empty url", lang, i, s.Title)
		}
		if u, err := url.Parse(s.URL); err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(s.URL, "/") {
			return nil, Stats{}, fmt.Errorf("search: %s section %d: url %q is not relative to the language directory", lang, i, s.URL)
		}
		if j, dup := urls[s.URL]; dup {
			return nil, Stats{}, fmt.Errorf("search: %s sections %d and %d have the same url %q", lang, j, i, s.URL)
		}
		urls[s.URL] = i
		if _, ok := docIndex[s.DocTitle]; !ok {
			docIndex[s.DocTitle] = len(docs)
			docs = append(docs, s.DocTitle)
		}
		clear(seen)
		add := func(t string) {
			if _, dup := seen[t]; !dup {
				seen[t] = struct{}{}
				// Sections are visited in order, so each list stays sorted.
				postings[t] = append(postings[t], i)
			}
		}
		eachToken(lang, s.Title, add)
		eachToken(lang, s.Text, add)
	}

	groups := map[string][]string{}
	for t, list := range postings {
		k := deltas(list)
		groups[k] = append(groups[k], t)
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	slices.Sort(keys)

	// Sized up front: growing a buffer of several megabytes step by step
	// costs more than writing it.
	size := 256
	for _, s := range sections {
		size += len(s.URL) + len(s.Title) + len(s.Text) + 32
	}
	for k, terms := range groups {
		size += len(k) + 8
		for _, t := range terms {
			size += len(t) + 1
		}
	}
	var b bytes.Buffer
	b.Grow(size + size/8)
	b.WriteString("window.PolicySearchIndex=window.PolicySearchIndex||{};\n")
	fmt.Fprintf(&b, "window.PolicySearchIndex.%s={\"v\":1,\"lang\":%s,\n\"docs\":[", lang, jsString(lang))
	for i, d := range docs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(jsString(d))
	}
	b.WriteString("],\n\"sections\":[")
	for i, s := range sections {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "\n[%d,%s,%s,%s]", docIndex[s.DocTitle], jsString(s.URL),
			jsString(collapseSpace(s.Title)), jsString(collapseSpace(s.Text)))
	}
	b.WriteString("],\n\"terms\":{")
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		terms := groups[k]
		slices.Sort(terms)
		fmt.Fprintf(&b, "\n%s:%s", jsString(k), jsString(strings.Join(terms, " ")))
	}
	b.WriteString("}};\n")
	return b.Bytes(), Stats{Sections: len(sections), Terms: len(postings), Bytes: b.Len()}, nil
}

// deltas encodes an increasing list of section numbers as the first number
// followed by the differences: small numbers make short keys.
func deltas(list []int) string {
	var b strings.Builder
	prev := 0
	for i, n := range list {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(n - prev))
		prev = n
	}
	return b.String()
}

// jsString quotes s as a JSON string, which is also a JavaScript string
// literal. encoding/json escapes <, > and & (so "</script>" cannot end an
// enclosing script element), U+2028 and U+2029 (line terminators in older
// JavaScript), and replaces invalid UTF-8 with U+FFFD.
func jsString(s string) string {
	q, err := json.Marshal(s)
	if err != nil { // cannot happen for a string
		panic(err)
	}
	return string(q)
}
