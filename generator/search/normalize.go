package search

import (
	"unicode"
	"unicode/utf8"
)

// halfwidthKana maps U+FF61…U+FF9D, in order, to their full-width forms.
// The voiced marks U+FF9E and U+FF9F are handled by composition.
const halfwidthKana = "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン"

// Kana that take a voiced (dakuten) or semi-voiced (handakuten) sound mark,
// and what they compose to: the pairs NFC makes with U+3099 and U+309A.
const (
	dakutenBase     = "うかきくけこさしすせそたちつてとはひふへほゝウカキクケコサシスセソタチツテトハヒフヘホワヰヱヲヽ"
	dakutenComposed = "ゔがぎぐげござじずぜぞだぢづでどばびぶべぼゞヴガギグゲゴザジズゼゾダヂヅデドバビブベボヷヸヹヺヾ"
	handakutenBase  = "はひふへほハヒフヘホ"
	handakutenComp  = "ぱぴぷぺぽパピプペポ"
)

var (
	kanaTable  = []rune(halfwidthKana)
	dakuten    = pairs(dakutenBase, dakutenComposed)
	handakuten = pairs(handakutenBase, handakutenComp)
)

func pairs(from, to string) map[rune]rune {
	f, t := []rune(from), []rune(to)
	m := make(map[rune]rune, len(f))
	for i := range f {
		m[f[i]] = t[i]
	}
	return m
}

// Normalize folds s the way the index and the search script compare text:
// full-width ASCII to ASCII, half-width katakana to full-width (composing
// ｶﾞ to ガ), lower case for alphabetic scripts, every white-space run to one
// space, trimmed. See the package documentation for the exact rules.
// Normalize is idempotent.
func Normalize(s string) string {
	return string(appendNormalized(make([]byte, 0, len(s)), s))
}

// appendNormalized appends Normalize(s) to dst. Build normalises megabytes
// of text into one reused buffer this way rather than allocating a string
// per title and text.
//
// Most characters are left as they are: lower-case ASCII, digits and
// punctuation, kana and kanji, and a single ASCII space between two words.
// They are copied in runs; only the others are decoded and folded one by
// one.
func appendNormalized(dst []byte, s string) []byte {
	start := len(dst) // what is before is not ours: never compose with it
	kept := 0         // s[kept:i] is left as it is and not yet appended
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case asciiKept[c]:
			i++
			continue
		case c == ' ' && i > 0 && i+1 < len(s) && asciiKept[s[i-1]] && asciiKept[s[i+1]]:
			i++ // one space between two words
			continue
		case c >= 0xE3 && c <= 0xEF && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
			// Three bytes, U+3000–FFFF: kana and kanji (U+3040–FDFF) are
			// kept but for the combining sound marks; a surrogate is not
			// valid UTF-8.
			r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
			if r >= 0x3040 && r < 0xFE00 && r != 0x3099 && r != 0x309A && (r < 0xD800 || r > 0xDFFF) {
				i += 3
				continue
			}
		}
		dst = append(dst, s[kept:i]...)
		r, n := utf8.DecodeRuneInString(s[i:]) // invalid UTF-8 gives U+FFFD, as ranging over s does
		i += n
		if isSpace(r) {
			// Nothing folds to or from white space, so the run ends at the
			// next rune that is not, and a space stands for it if there is
			// one and something before.
			for i < len(s) {
				r, n := utf8.DecodeRuneInString(s[i:])
				if !isSpace(r) {
					break
				}
				i += n
			}
			if len(dst) > start && i < len(s) {
				dst = append(dst, ' ')
			}
			kept = i
			continue
		}
		kept = i
		switch {
		case r == 0xFF9E || r == 0x3099:
			// After a space, the last rune is the space, which composes
			// with nothing: so a mark after white space stays a mark.
			if compose(&dst, start, dakuten) {
				continue
			}
			if r == 0xFF9E {
				r = 0x309B // the spacing form: a lone mark stays visible
			}
		case r == 0xFF9F || r == 0x309A:
			if compose(&dst, start, handakuten) {
				continue
			}
			if r == 0xFF9F {
				r = 0x309C
			}
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFF01 - 0x21
		case r >= 0xFF61 && r <= 0xFF9D:
			r = kanaTable[r-0xFF61]
		}
		dst = utf8.AppendRune(dst, lower(r))
	}
	return append(dst, s[kept:]...)
}

// asciiKept tells which bytes Normalize leaves as they are wherever they
// are: the ASCII characters but upper case and white space.
var asciiKept = func() (kept [256]bool) {
	for c := range rune(utf8.RuneSelf) {
		kept[c] = !isSpace(c) && lower(c) == c
	}
	return kept
}()

// compose replaces the last rune of (*dst)[start:] with the form table
// composes it to with a sound mark, and reports whether it did.
func compose(dst *[]byte, start int, table map[rune]rune) bool {
	r, n := utf8.DecodeLastRune((*dst)[start:]) // U+FFFD when empty: composes with nothing
	c, ok := table[r]
	if !ok {
		return false
	}
	*dst = utf8.AppendRune((*dst)[:len(*dst)-n], c)
	return true
}

// isSpace lists white space explicitly rather than using unicode.IsSpace,
// because JavaScript's \s is a slightly different set and search.js must
// agree with this function exactly.
func isSpace(r rune) bool {
	switch {
	case r >= 0x09 && r <= 0x0D, r == ' ', r == 0x85, r == 0xA0, r == 0x1680,
		r >= 0x2000 && r <= 0x200A, r == 0x2028, r == 0x2029, r == 0x202F,
		r == 0x205F, r == 0x3000, r == 0xFEFF:
		return true
	}
	return false
}

// lower lower-cases only the scripts where Go's Unicode tables and the
// browser's agree (the browser's are newer): Latin, Greek, Cyrillic and
// Armenian. Japanese has no case.
func lower(r rune) rune {
	switch {
	case r >= 'A' && r <= 'Z':
		return r + 'a' - 'A'
	case r >= 0xC0 && r < 0x590, r >= 0x1E00 && r < 0x2000:
		return unicode.ToLower(r)
	}
	return r
}

// isSep reports whether r (already normalised) separates tokens: white space,
// punctuation and symbols. Letters, digits, kana and kanji are not.
func isSep(r rune) bool {
	switch {
	case r < '0':
		return true
	case r <= '9':
		return false
	case r < 'A':
		return true
	case r <= 'Z':
		return false
	case r < 'a':
		return true
	case r <= 'z':
		return false
	case r < 0xC0: // DEL, C1 controls, Latin-1 punctuation and symbols
		return true
	case r == 0xD7 || r == 0xF7: // × ÷
		return true
	case r < 0x2000:
		return false
	case r < 0x2C00: // punctuation, super/subscripts, currency, letterlike, arrows, maths, ①, shapes, dingbats
		return true
	case r >= 0x2E00 && r < 0x2E80: // supplemental punctuation
		return true
	case r >= 0x3000 && r < 0x3040: // CJK punctuation, except 々 〆 〇 〻 〼
		return r != 0x3005 && r != 0x3006 && r != 0x3007 && r != 0x303B && r != 0x303C
	case r == 0x309B || r == 0x309C || r == 0x30A0 || r == 0x30FB: // ゛ ゜ ゠ ・
		return true
	case r >= 0xFE00 && r < 0xFE20: // variation selectors, vertical forms
		return true
	case r >= 0xFE30 && r < 0xFE70: // CJK compatibility and small forms
		return true
	case r >= 0xFF00 && r < 0xFF66: // full-width and half-width punctuation left after folding
		return true
	case r >= 0xFFE0 && r <= 0xFFFF: // full-width signs, specials, U+FFFD
		return true
	case r >= 0x1F000 && r < 0x1FB00: // emoji and other pictographs
		return true
	}
	return false
}

// isWordChar reports whether r belongs to the alphabetic class, whose runs
// form whole words; the rest (U+2E80 up: kana, kanji, …) is cut into bigrams.
func isWordChar(r rune) bool { return r < 0x2E80 }
