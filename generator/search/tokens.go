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
func eachTerm(lang string, norm []byte, f func(term []byte)) {
	start, word := -1, false
	for i := 0; i < len(norm); {
		r, n := rune(norm[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRune(norm[i:])
		}
		sep := isSep(r)
		if start >= 0 && (sep || isWordChar(r) != word) {
			eachRunTerm(lang, norm[start:i], word, f)
			start = -1
		}
		if !sep && start < 0 {
			start, word = i, isWordChar(r)
		}
		i += n
	}
	if start >= 0 {
		eachRunTerm(lang, norm[start:], word, f)
	}
}

// eachRunTerm calls f with the terms of one maximal run of non-separator
// runes of one class; word reports the alphabetic class.
func eachRunTerm(lang string, run []byte, word bool, f func([]byte)) {
	if word {
		if lang == "en" {
			run = stem(run)
		}
		f(run)
		return
	}
	if _, n := utf8.DecodeRune(run); n == len(run) {
		f(run) // one character: a unigram
		return
	}
	for i := 0; ; {
		_, n := utf8.DecodeRune(run[i:])
		j := i + n
		if j == len(run) {
			return
		}
		_, n = utf8.DecodeRune(run[j:])
		f(run[i : j+n])
		i = j
	}
}

// stem removes English plural endings, nothing more, so that "policies"
// finds "policy" and "assets" finds "asset". Being this light, it cannot
// conflate words a reader would call different. It shortens w in place
// (-ies → -y writes the y over the i).
func stem(w []byte) []byte {
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
