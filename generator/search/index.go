package search

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
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
// documentation. It is a Builder given every section at once.
func Build(lang string, sections []Section) ([]byte, Stats, error) {
	var out bytes.Buffer
	b, err := NewBuilder(lang, &out)
	if err != nil {
		return nil, Stats{}, err
	}
	for _, s := range sections {
		if err := b.Add(s); err != nil {
			return nil, Stats{}, err
		}
	}
	st, err := b.Finish()
	if err != nil {
		return nil, Stats{}, err
	}
	return out.Bytes(), st, nil
}

// A Builder writes the index of Build to a file from sections added one by
// one, in document order, as they are made: each section's text is
// indexed and written out as it is added, and the caller may let it go, so
// that neither the site's text nor the index is ever held whole. That is
// why "sections" comes before "docs" in the file.
//
// A site's sections are megabytes of text, and indexing them is a large
// share of a site build, so the Builder allocates per term, not per token:
// terms are interned as numbers and the text is normalised into one reused
// buffer.
type Builder struct {
	lang     string
	docs     []string
	docIndex map[string]int
	urls     map[string]int
	ix       *indexer
	w        *bufio.Writer
	written  int    // bytes written to w
	sec      []byte // a section's JSON, reused
	n        int    // sections added
}

// NewBuilder starts the index of one language ("ja" or "en"), written to
// w.
func NewBuilder(lang string, w io.Writer) (*Builder, error) {
	if lang != "ja" && lang != "en" {
		return nil, fmt.Errorf("search: unknown language %q (want ja or en)", lang)
	}
	b := &Builder{lang: lang, docIndex: map[string]int{}, urls: map[string]int{}, ix: newIndexer(),
		w: bufio.NewWriterSize(w, 64<<10)}
	b.write([]byte("window.PolicySearchIndex=window.PolicySearchIndex||{};\n" +
		"window.PolicySearchIndex." + lang + "={\"v\":1,\"lang\":\"" + lang + "\",\n\"sections\":["))
	return b, nil
}

func (b *Builder) write(p []byte) {
	n, _ := b.w.Write(p) // the error sticks in w; Finish reports it
	b.written += n
}

// Add indexes the next section and writes it out.
func (b *Builder) Add(s Section) error {
	i := b.n
	if s.URL == "" {
		return fmt.Errorf("search: %s section %d (%q): empty url", b.lang, i, s.Title)
	}
	if u, err := url.Parse(s.URL); err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(s.URL, "/") {
		return fmt.Errorf("search: %s section %d: url %q is not relative to the language directory", b.lang, i, s.URL)
	}
	if j, dup := b.urls[s.URL]; dup {
		return fmt.Errorf("search: %s sections %d and %d have the same url %q", b.lang, j, i, s.URL)
	}
	b.urls[s.URL] = i
	d, ok := b.docIndex[s.DocTitle]
	if !ok {
		d = len(b.docs)
		b.docIndex[s.DocTitle] = d
		b.docs = append(b.docs, s.DocTitle)
	}
	b.n++
	// Title and text are tokenised separately, so no term spans the two.
	ix := b.ix
	ix.section = int32(i)
	for _, text := range [2]string{s.Title, s.Text} {
		ix.norm = appendNormalized(ix.norm[:0], text)
		// Room after the text, so that pack can load 16 bytes at any term.
		ix.norm = slices.Grow(ix.norm, 16)
		eachTerm(b.lang, ix.norm, ix.add)
	}
	w := b.sec[:0]
	if i > 0 {
		w = append(w, ',')
	}
	w = append(w, "\n["...)
	w = strconv.AppendInt(w, int64(d), 10)
	w = append(w, ',')
	w = appendJSON(w, s.URL, false)
	w = append(w, ',')
	w = appendJSON(w, s.Title, true)
	w = append(w, ',')
	w = appendJSON(w, s.Text, true)
	w = append(w, ']')
	b.write(w)
	b.sec = w
	return nil
}

// Finish writes the rest of the index: the documents and the terms. The
// Builder is not used again.
func (b *Builder) Finish() (Stats, error) {
	ix := b.ix
	out := append(b.sec[:0], "],\n\"docs\":["...)
	for i, d := range b.docs {
		if i > 0 {
			out = append(out, ',')
		}
		out = appendJSON(out, d, false)
	}
	out = append(out, "],\n\"terms\":{"...)
	for i, g := range ix.groups() {
		if i > 0 {
			out = append(out, ',')
		}
		// A key is digits and commas: nothing to escape.
		out = append(out, "\n\""...)
		out = append(out, g.key...)
		out = append(out, "\":\""...)
		for j, t := range g.terms {
			if j > 0 {
				out = append(out, ' ')
			}
			// Escaping each term is escaping the joined string: a
			// space needs no escape and ends no UTF-8 sequence.
			out = appendEscaped(out, ix.terms[t], false)
		}
		out = append(out, '"')
		// Written a group at a time: the terms are megabytes.
		if len(out) >= 32<<10 {
			b.write(out)
			out = out[:0]
		}
	}
	out = append(out, "}};\n"...)
	b.write(out)
	b.sec = nil
	if err := b.w.Flush(); err != nil {
		return Stats{}, fmt.Errorf("search: %s index: %w", b.lang, err)
	}
	return Stats{Sections: b.n, Terms: len(ix.terms), Bytes: b.written}, nil
}

// indexer collects the posting list of every term. Terms are interned as
// numbers (ids), so that a token costs one lookup and a term's string is
// made once; and each term's posting list is kept as its key in the index,
// written as sections are added.
type indexer struct {
	// short holds the ids of terms of up to 15 bytes, packed into two
	// numbers (see pack): nearly every term, since a Japanese bigram is 6
	// bytes and few English words are longer than 15 letters.
	short packedTable
	// long holds the ids of longer terms. It is looked up with the bytes of
	// the normalised text, which does not allocate.
	long    map[string]int32
	terms   []string   // by id
	lists   []postings // by id
	section int32      // the section being indexed
	norm    []byte     // the normalised title or text being indexed, reused
}

// postings is a term's posting list, kept as its key in the index: the
// first section number followed by the differences, joined by commas
// (small numbers make short keys).
type postings struct {
	key  []byte
	last int32 // the last section in key, -1 for none
}

func newIndexer() *indexer {
	return &indexer{long: map[string]int32{}}
}

// add records that term occurs in the current section.
func (ix *indexer) add(term []byte) {
	var (
		id int32
		ok bool
	)
	packed, short := pack(term)
	if short {
		id, ok = ix.short.get(packed)
	} else {
		id, ok = ix.long[string(term)]
	}
	if !ok {
		id = int32(len(ix.terms))
		t := string(term)
		if short {
			ix.short.put(packed, id)
		} else {
			ix.long[t] = id
		}
		ix.terms = append(ix.terms, t)
		ix.lists = append(ix.lists, postings{last: -1})
	}
	// Sections are visited in order, so the list stays increasing and a
	// term already seen in this section has it last.
	p := &ix.lists[id]
	if p.last == ix.section {
		return
	}
	if cap(p.key)-len(p.key) < 11 { // room for a comma and any int32
		// Double: append would grow long lists by a quarter at a time,
		// copying each several times over.
		p.key = slices.Grow(p.key, max(16, len(p.key)))
	}
	d := ix.section
	if p.last >= 0 {
		d -= p.last
		p.key = append(p.key, ',')
	}
	if d < 10 {
		p.key = append(p.key, byte('0'+d)) // most are: the commonest terms are in most sections
	} else {
		p.key = strconv.AppendInt(p.key, int64(d), 10)
	}
	p.last = ix.section
}

// A packedTerm is a term of up to 15 bytes: its bytes and, in the top byte,
// its length, which tells it apart from every other term so packed. It is
// never zero.
type packedTerm struct{ lo, hi uint64 }

// pack packs a term of up to 15 bytes.
func pack(term []byte) (packedTerm, bool) {
	n := len(term)
	if n > 15 {
		return packedTerm{}, false
	}
	var lo, hi uint64
	if cap(term) >= 16 {
		// term is a slice of a larger buffer (Build sees to it): load 16
		// bytes at once, and below keep the term's.
		lo = binary.LittleEndian.Uint64(term[:8])
		hi = binary.LittleEndian.Uint64(term[8:16])
	} else {
		var b [16]byte
		copy(b[:], term)
		lo = binary.LittleEndian.Uint64(b[:8])
		hi = binary.LittleEndian.Uint64(b[8:])
	}
	if n < 8 {
		lo &= 1<<(8*n) - 1
		hi = 0
	} else {
		hi &= 1<<(8*(n-8)) - 1
	}
	return packedTerm{lo, hi | uint64(n)<<56}, true
}

// packedTable maps packed terms to ids. It is a hash table with open
// addressing, kept at most half full: a lookup is a multiplication and,
// nearly always, one comparison, several times cheaper than a Go map's for
// the millions of tokens of a site.
type packedTable struct {
	slots []packedSlot // a power of two of them
	n     int
}

type packedSlot struct {
	key packedTerm // zero for an empty slot
	id  int32
}

// slot returns where key is, or would go.
func (t *packedTable) slot(key packedTerm) *packedSlot {
	mask := uint64(len(t.slots) - 1)
	// Fibonacci hashing: the multiplications mix every byte of the key
	// into the high bits.
	h := (key.lo*0x9E3779B97F4A7C15 ^ key.hi) * 0xC2B2AE3D27D4EB4F
	for i := (h >> 32) & mask; ; i = (i + 1) & mask {
		if s := &t.slots[i]; s.key == key || s.key == (packedTerm{}) {
			return s
		}
	}
}

func (t *packedTable) get(key packedTerm) (int32, bool) {
	if len(t.slots) == 0 {
		return 0, false
	}
	s := t.slot(key)
	return s.id, s.key != packedTerm{}
}

// put adds key, which get did not find.
func (t *packedTable) put(key packedTerm, id int32) {
	if 2*(t.n+1) > len(t.slots) {
		old := t.slots
		t.slots = make([]packedSlot, max(1024, 2*len(old)))
		for _, s := range old {
			if s.key != (packedTerm{}) {
				*t.slot(s.key) = s
			}
		}
	}
	*t.slot(key) = packedSlot{key, id}
	t.n++
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
		if c := bytes.Compare(ix.lists[a].key, ix.lists[b].key); c != 0 {
			return c
		}
		return strings.Compare(ix.terms[a], ix.terms[b])
	})
	var groups []group
	for i := 0; i < len(order); {
		key := ix.lists[order[i]].key
		j := i + 1
		for j < len(order) && bytes.Equal(ix.lists[order[j]].key, key) {
			j++
		}
		groups = append(groups, group{key: key, terms: order[i:j]})
		i = j
	}
	return groups
}
