package search

import (
	"bytes"
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
//
// A site's sections are megabytes of text, and Build is a large share of a
// site build, so it allocates per term, not per token: terms are interned
// as numbers, the text is normalised into one reused buffer and the output
// is appended to one slice sized up front.
func Build(lang string, sections []Section) ([]byte, Stats, error) {
	if lang != "ja" && lang != "en" {
		return nil, Stats{}, fmt.Errorf("search: unknown language %q (want ja or en)", lang)
	}
	var (
		docs     []string
		docIndex = map[string]int{}
		secDoc   = make([]int, len(sections)) // docIndex of each section's DocTitle
		urls     = make(map[string]int, len(sections))
		ix       = newIndexer()
	)
	add := ix.add
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
		d, ok := docIndex[s.DocTitle]
		if !ok {
			d = len(docs)
			docIndex[s.DocTitle] = d
			docs = append(docs, s.DocTitle)
		}
		secDoc[i] = d
		// Title and text are tokenised separately, so no term spans the two.
		ix.section = int32(i)
		ix.norm = appendNormalized(ix.norm[:0], s.Title)
		eachTerm(lang, ix.norm, add)
		ix.norm = appendNormalized(ix.norm[:0], s.Text)
		eachTerm(lang, ix.norm, add)
	}
	groups := ix.groups()

	// Sized up front: growing a buffer of several megabytes step by step
	// costs more than writing it. Escapes can make the output longer than
	// this; append then grows it.
	size := 256
	for _, d := range docs {
		size += len(d) + 3
	}
	for _, s := range sections {
		size += len(s.URL) + len(s.Title) + len(s.Text) + 16
	}
	for _, g := range groups {
		size += len(g.key) + 6
		for _, t := range g.terms {
			size += len(ix.terms[t]) + 1
		}
	}
	b := make([]byte, 0, size+size/64)
	b = append(b, "window.PolicySearchIndex=window.PolicySearchIndex||{};\n"...)
	b = append(b, "window.PolicySearchIndex."+lang+"={\"v\":1,\"lang\":\""+lang+"\",\n\"docs\":["...)
	for i, d := range docs {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSON(b, d, false)
	}
	b = append(b, "],\n\"sections\":["...)
	for i, s := range sections {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n["...)
		b = strconv.AppendInt(b, int64(secDoc[i]), 10)
		b = append(b, ',')
		b = appendJSON(b, s.URL, false)
		b = append(b, ',')
		b = appendJSON(b, s.Title, true)
		b = append(b, ',')
		b = appendJSON(b, s.Text, true)
		b = append(b, ']')
	}
	b = append(b, "],\n\"terms\":{"...)
	for i, g := range groups {
		if i > 0 {
			b = append(b, ',')
		}
		// A key is digits and commas: nothing to escape.
		b = append(b, "\n\""...)
		b = append(b, g.key...)
		b = append(b, "\":\""...)
		for j, t := range g.terms {
			if j > 0 {
				b = append(b, ' ')
			}
			// Escaping each term is escaping the joined string: a
			// space needs no escape and ends no UTF-8 sequence.
			b = appendEscaped(b, ix.terms[t], false)
		}
		b = append(b, '"')
	}
	b = append(b, "}};\n"...)
	return b, Stats{Sections: len(sections), Terms: len(ix.terms), Bytes: len(b)}, nil
}

// indexer collects the posting list of every term. Terms are interned as
// numbers (ids), so that a token costs one map lookup and a term's string
// is made once; and each term's posting list is kept as its key in the
// index, written as sections are added.
type indexer struct {
	// short holds the ids of terms of up to 7 bytes, packed into a number
	// (see pack): nearly every term, since a Japanese bigram is 6 bytes.
	// Such a map hashes and compares faster than one keyed by strings.
	short map[uint64]int32
	// long holds the ids of longer terms. It is looked up with the bytes of
	// the normalised text, which does not allocate.
	long    map[string]int32
	terms   []string // by id
	keys    [][]byte // by id: the posting list, as appendDeltas writes it
	last    []int32  // by id: the last section in keys, -1 for none
	section int32    // the section being indexed
	norm    []byte   // the normalised title or text being indexed, reused
}

func newIndexer() *indexer {
	return &indexer{short: map[uint64]int32{}, long: map[string]int32{}}
}

// add records that term occurs in the current section.
func (ix *indexer) add(term []byte) {
	var (
		id int32
		ok bool
	)
	packed, short := pack(term)
	if short {
		id, ok = ix.short[packed]
	} else {
		id, ok = ix.long[string(term)]
	}
	if !ok {
		id = int32(len(ix.terms))
		t := string(term)
		if short {
			ix.short[packed] = id
		} else {
			ix.long[t] = id
		}
		ix.terms = append(ix.terms, t)
		ix.keys = append(ix.keys, nil)
		ix.last = append(ix.last, -1)
	}
	// Sections are visited in order, so the list stays increasing and a
	// term already seen in this section has it last.
	last := ix.last[id]
	if last == ix.section {
		return
	}
	k := ix.keys[id]
	prev := last
	if last < 0 {
		prev = 0 // the first number is the section itself
	} else {
		k = append(k, ',')
	}
	ix.keys[id] = strconv.AppendInt(k, int64(ix.section-prev), 10)
	ix.last[id] = ix.section
}

// pack returns the bytes of a term of up to 7 bytes and its length as one
// number, which tells the term apart from every other term so packed.
func pack(term []byte) (uint64, bool) {
	if len(term) > 7 {
		return 0, false
	}
	p := uint64(len(term)) << 56
	for i, c := range term {
		p |= uint64(c) << (8 * i)
	}
	return p, true
}

// A group is the terms that share one posting list, and the list's key in
// the index.
type group struct {
	key   []byte
	terms []int32 // ids, in the order of their strings
}

// groups groups the terms by posting list, ordered by key and, within a
// group, by term: the order of the index's "terms" object.
func (ix *indexer) groups() []group {
	order := make([]int32, len(ix.terms))
	for id := range order {
		order[id] = int32(id)
	}
	slices.SortFunc(order, func(a, b int32) int {
		if c := bytes.Compare(ix.keys[a], ix.keys[b]); c != 0 {
			return c
		}
		return strings.Compare(ix.terms[a], ix.terms[b])
	})
	var groups []group
	for i := 0; i < len(order); {
		key := ix.keys[order[i]]
		j := i + 1
		for j < len(order) && bytes.Equal(ix.keys[order[j]], key) {
			j++
		}
		groups = append(groups, group{key: key, terms: order[i:j]})
		i = j
	}
	return groups
}
