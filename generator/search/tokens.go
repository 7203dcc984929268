package search

import (
	"bytes"
	"unicode/utf8"
)

// Tokens returns the search terms of s in order of occurrence, duplicates
// included: s is normalised, cut at separators, alphabetic words kept whole
// (stemmed for plurals when lang is "en") and other runs cut into
// overlapping bigrams, a one-character run giving a unigram. Any lang other
// than "en" follows the Japanese rules. search.js mirrors this function.
func Tokens(lang, s string) []string {
	var toks []string
	eachTerm(lang, appendNormalized(nil, s), func(t []byte) { toks = append(toks, string(t)) })
	return toks
}

// eachTerm calls f with each term of the normalised text norm, as Tokens
// returns them. The terms are slices of norm, valid only during the call,
// so that the index builder, which visits megabytes of text, allocates
// nothing per term. Stemming rewrites norm in place.
//
// A run of non-separator runes of one class ends at a separator or where
// the class changes; word reports the alphabetic class. Bigrams are given as
// their second character is reached, so each character is decoded once.
func eachTerm(lang string, norm []byte, f func(term []byte)) {
	start, word := -1, false // the current run, if start >= 0
	prev := -1               // where the run's last character starts
	for i := 0; i < len(norm); {
		r, n := rune(norm[i]), 1
		if r >= utf8.RuneSelf {
			r, n = decodeValid(norm[i:])
		}
		sep := isSepCached(r)
		if start >= 0 && (sep || isWordChar(r) != word) {
			endRun(lang, norm[start:i], word, prev == start, f)
			start = -1
		}
		if !sep {
			if start < 0 {
				start, word = i, isWordChar(r)
			} else if !word {
				f(norm[prev : i+n])
			}
			prev = i
		}
		i += n
		if start >= 0 && word {
			// The rest of a word of ASCII letters and digits, most of
			// English text, goes by without a look at classes.
			for i < len(norm) && (norm[i] >= 'a' && norm[i] <= 'z' || norm[i] >= '0' && norm[i] <= '9') {
				i++
			}
		}
	}
	if start >= 0 {
		endRun(lang, norm[start:], word, prev == start, f)
	}
}

// endRun gives the terms of a run not given yet: an alphabetic run is one
// word, a run of one other character is a unigram (longer ones gave their
// bigrams already).
func endRun(lang string, run []byte, word, oneChar bool, f func([]byte)) {
	switch {
	case word && lang == "en":
		f(stem(run))
	case word || oneChar:
		f(run)
	}
}

// isSepCached is isSep, looked up in a bitmap for the Basic Multilingual
// Plane, where nearly all text is: the tokenizer asks for every character,
// and isSep's ranges take a dozen comparisons to reach kana and kanji.
func isSepCached(r rune) bool {
	if r < 0x10000 {
		return sepBMP[r>>6]&(1<<(r&63)) != 0
	}
	return isSep(r)
}

// sepBMP has a bit set for each code point below U+10000 that isSep
// reports. Making it takes a fraction of a millisecond.
var sepBMP = func() (m [0x10000 / 64]uint64) {
	for r := range rune(0x10000) {
		if isSep(r) {
			m[r>>6] |= 1 << (r & 63)
		}
	}
	return m
}()

// decodeValid decodes the first rune of p, which must be valid UTF-8, as
// normalised text is: unlike utf8.DecodeRune it need not check, and is
// cheaper.
func decodeValid(p []byte) (rune, int) {
	switch c := p[0]; {
	case c < 0x80:
		return rune(c), 1
	case c < 0xE0:
		return rune(c&0x1F)<<6 | rune(p[1]&0x3F), 2
	case c < 0xF0:
		return rune(c&0x0F)<<12 | rune(p[1]&0x3F)<<6 | rune(p[2]&0x3F), 3
	}
	return rune(p[0]&0x07)<<18 | rune(p[1]&0x3F)<<12 | rune(p[2]&0x3F)<<6 | rune(p[3]&0x3F), 4
}

// stem removes English plural endings, nothing more, so that "policies"
// finds "policy" and "assets" finds "asset". Being this light, it cannot
// conflate words a reader would call different. It shortens w in place
// (-ies → -y writes the y over the i).
func stem(w []byte) []byte {
	if len(w) == 0 || w[len(w)-1] != 's' {
		return w // most words: every rule below wants a final s
	}
	n := utf8.RuneCount(w)
	switch {
	case n > 4 && bytes.HasSuffix(w, []byte("ies")):
		w[len(w)-3] = 'y'
		return w[:len(w)-2]
	case bytes.HasSuffix(w, []byte("sses")):
		return w[:len(w)-2]
	case n > 3 && bytes.HasSuffix(w, []byte("s")) && !bytes.HasSuffix(w, []byte("ss")) &&
		!bytes.HasSuffix(w, []byte("us")) && !bytes.HasSuffix(w, []byte("is")):
		return w[:len(w)-1]
	}
	return w
}
