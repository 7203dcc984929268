package search

import "unicode/utf8"

// appendJSON appends s quoted as a JSON string, which is also a JavaScript
// string literal, byte for byte as encoding/json's Marshal writes it:
// <, > and & as \u003c, \u003e and \u0026 (so "</script>" cannot end an
// enclosing script element), U+2028 and U+2029 as \u2028 and \u2029 (line
// terminators in older JavaScript), \" \\ \b \f \n \r \t, other control
// characters as \u00XX, and each byte of invalid UTF-8 as \ufffd. Build
// writes megabytes of text; json.Marshal would allocate a string for each.
//
// With collapse, runs of ASCII white space (space, \t \n \v \f \r) become one
// space and both ends are trimmed first, which is what readers see of the
// text anyway: that keeps the stored text small.
func appendJSON(dst []byte, s string, collapse bool) []byte {
	dst = append(dst, '"')
	dst = appendEscaped(dst, s, collapse)
	return append(dst, '"')
}

// appendEscaped appends what appendJSON writes between the quotes.
func appendEscaped(dst []byte, s string, collapse bool) []byte {
	if collapse {
		s = trimASCIISpace(s)
	}
	start := 0 // s[start:i] is copied as it is and not yet appended
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case jsonPlain[c]:
			i++
			continue
		case c == ' ' && (!collapse || !isASCIISpace(s[i+1])):
			// A space is kept unless a run to fold starts with it (a
			// trimmed s does not end in one, so s[i+1] exists).
			i++
			continue
		case c < utf8.RuneSelf:
			dst = append(dst, s[start:i]...)
			i++
			start = i
			if collapse && isASCIISpace(c) {
				// s is trimmed, so this run lies between two words.
				dst = append(dst, ' ')
				for i < len(s) && isASCIISpace(s[i]) {
					i++
				}
				start = i
				continue
			}
			switch c {
			case '\\', '"':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			continue
		case c >= 0xE3 && c <= 0xEF && c != 0xED && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
			// Kana, kanji and the rest of U+3000–FFFF but surrogates
			// (behind 0xED): always valid, nothing to escape.
			i += 3
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += n
			continue
		}
		i += n
		start = i
	}
	return append(dst, s[start:]...)
}

const hexDigits = "0123456789abcdef"

func isASCIISpace(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' }

func trimASCIISpace(s string) string {
	for len(s) > 0 && isASCIISpace(s[0]) {
		s = s[1:]
	}
	for len(s) > 0 && isASCIISpace(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}

// jsonPlain tells which bytes appendEscaped copies without a second look:
// the ASCII characters encoding/json writes as they are with HTML escaping
// on (all but control characters, ", \\, <, > and &), less the space.
var jsonPlain = func() (plain [256]bool) {
	for c := range utf8.RuneSelf {
		plain[c] = c > ' ' && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return plain
}()
