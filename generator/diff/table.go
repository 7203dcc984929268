package diff

import (
	"encoding/binary"
	"unicode/utf8"
)

// A Table is the comparison of two versions of a document: Align's rows and, for each row that
// pairs two different texts, the spans of their comparison (nil for every other row). It is what
// costs time to find; the cells to show are made from it and the blocks.
type Table struct {
	Rows  []Row
	Spans [][]Span
}

// Compare aligns old with new and compares the text of each changed pair with spans (Chars or
// Words).
func Compare(old, new []Block, spans func(old, new string) []Span) Table {
	t := Table{Rows: Align(old, new)}
	t.Spans = make([][]Span, len(t.Rows))
	for i, r := range t.Rows {
		if r.Old >= 0 && r.New >= 0 && old[r.Old].Text != new[r.New].Text {
			t.Spans[i] = spans(old[r.Old].Text, new[r.New].Text)
		}
	}
	return t
}

// Encode returns t without its text: each row as which columns it has (Align's rows take the
// blocks of each column in order, once each), and each span as its Op and its length in bytes. That
// is all Decode needs, given the same blocks, and it holds none of the text: a table kept between
// builds is a byte a row and a few a mark, not the versions it compares.
func (t Table) Encode() []byte {
	b := make([]byte, 0, len(t.Rows))
	for i, r := range t.Rows {
		var cols byte
		if r.Old >= 0 {
			cols |= hasOld
		}
		if r.New >= 0 {
			cols |= hasNew
		}
		b = append(b, cols)
		if t.Spans[i] != nil {
			b = binary.AppendUvarint(b, uint64(len(t.Spans[i])))
			for _, s := range t.Spans[i] {
				b = append(b, byte(s.Op))
				b = binary.AppendUvarint(b, uint64(len(s.Text)))
			}
		}
	}
	return b
}

// The columns of an encoded row.
const (
	hasOld = 1 << iota
	hasNew
)

// Decode returns the table that Encode made of a comparison of old with new. It reports false when
// enc is not such a table of these blocks: rows that do not take every block once, or spans that
// do not make up both texts exactly, with every cut between two runes.
func Decode(enc []byte, old, new []Block) (Table, bool) {
	var t Table
	nextOld, nextNew := 0, 0
	for len(enc) > 0 {
		cols := enc[0]
		enc = enc[1:]
		if cols == 0 || cols&^(hasOld|hasNew) != 0 {
			return Table{}, false
		}
		r := Row{Old: -1, New: -1}
		if cols&hasOld != 0 {
			if nextOld == len(old) {
				return Table{}, false
			}
			r.Old = nextOld
			nextOld++
		}
		if cols&hasNew != 0 {
			if nextNew == len(new) {
				return Table{}, false
			}
			r.New = nextNew
			nextNew++
		}
		var spans []Span
		if r.Old >= 0 && r.New >= 0 && old[r.Old].Text != new[r.New].Text {
			var ok bool
			if spans, ok = decodeSpans(&enc, old[r.Old].Text, new[r.New].Text); !ok {
				return Table{}, false
			}
		}
		t.Rows = append(t.Rows, r)
		t.Spans = append(t.Spans, spans)
	}
	if nextOld != len(old) || nextNew != len(new) {
		return Table{}, false
	}
	return t, true
}

// decodeSpans reads the spans of a changed pair from *enc, cutting their text from a and b.
func decodeSpans(enc *[]byte, a, b string) ([]Span, bool) {
	n, w := binary.Uvarint(*enc)
	if w <= 0 || n > uint64(len(a)+len(b)) {
		return nil, false
	}
	*enc = (*enc)[w:]
	spans := make([]Span, n)
	// take cuts n bytes from the front of *s, whole runes only.
	take := func(s *string, n uint64) (string, bool) {
		if n > uint64(len(*s)) {
			return "", false
		}
		t := (*s)[:n]
		*s = (*s)[n:]
		return t, len(*s) == 0 || utf8.RuneStart((*s)[0])
	}
	for i := range spans {
		if len(*enc) == 0 {
			return nil, false
		}
		op := Op((*enc)[0])
		l, w := binary.Uvarint((*enc)[1:])
		if w <= 0 || l == 0 {
			return nil, false
		}
		*enc = (*enc)[1+w:]
		var text string
		ok := false
		switch op {
		case Equal:
			if text, ok = take(&a, l); ok {
				var t string
				t, ok = take(&b, l)
				ok = ok && t == text
			}
		case Delete:
			text, ok = take(&a, l)
		case Insert:
			text, ok = take(&b, l)
		}
		if !ok {
			return nil, false
		}
		spans[i] = Span{Op: op, Text: text}
	}
	return spans, a == "" && b == ""
}
