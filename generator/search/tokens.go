package search

import (
	"strings"
	"unicode/utf8"
)

// Tokens returns the search terms of s in order of occurrence, duplicates
// included: s is normalised, cut at separators, alphabetic words kept whole
// (stemmed for plurals when lang is "en") and other runs cut into
// overlapping bigrams, a one-character run giving a unigram. Any lang other
// than "en" follows the Japanese rules. search.js mirrors this function.
func Tokens(lang, s string) []string {
	var toks []string
	eachToken(lang, s, func(t string) { toks = append(toks, t) })
	return toks
}

// eachToken calls f with each term of Tokens(lang, s), without building the
// slice: the index builder visits megabytes of text.
func eachToken(lang, s string, f func(string)) {
	eachRun(Normalize(s), func(run string, word bool) {
		if word {
			if lang == "en" {
				run = stem(run)
			}
			f(run)
			return
		}
		if utf8.RuneCountInString(run) == 1 {
			f(run)
			return
		}
		for i, r := range run {
			j := i + utf8.RuneLen(r)
			if j == len(run) {
				break
			}
			_, n := utf8.DecodeRuneInString(run[j:])
			f(run[i : j+n])
		}
	})
}

// eachRun calls f for each maximal run of non-separator runes of one class in
// the normalised string s; word reports the alphabetic class.
func eachRun(s string, f func(run string, word bool)) {
	start, word := -1, false
	for i, r := range s {
		sep := isSep(r)
		if start >= 0 && (sep || isWordChar(r) != word) {
			f(s[start:i], word)
			start = -1
		}
		if !sep && start < 0 {
			start, word = i, isWordChar(r)
		}
	}
	if start >= 0 {
		f(s[start:], word)
	}
}

// stem removes English plural endings, nothing more, so that "policies"
// finds "policy" and "assets" finds "asset". Being this light, it cannot
// conflate words a reader would call different.
func stem(w string) string {
	n := utf8.RuneCountInString(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"):
		return w[:len(w)-2]
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") &&
		!strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		return w[:len(w)-1]
	}
	return w
}
