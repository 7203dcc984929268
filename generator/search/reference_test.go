package search

// This file keeps the index builder as it was before Build was made faster
// (commit 285e926): Build, Normalize and Tokens must give exactly what these
// give, byte for byte. Only the names differ (ref…), so that the two can live
// side by side, and the comments and the buffer's size estimate are left out:
// they never changed a byte.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

func referenceBuild(lang string, sections []Section) ([]byte, Stats, error) {
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
				postings[t] = append(postings[t], i)
			}
		}
		refEachToken(lang, s.Title, add)
		refEachToken(lang, s.Text, add)
	}

	groups := map[string][]string{}
	for t, list := range postings {
		k := refDeltas(list)
		groups[k] = append(groups[k], t)
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	slices.Sort(keys)

	var b bytes.Buffer
	b.WriteString("window.PolicySearchIndex=window.PolicySearchIndex||{};\n")
	// Sections before docs, as a Builder writes them (the only change to
	// the reference since it was frozen).
	fmt.Fprintf(&b, "window.PolicySearchIndex.%s={\"v\":1,\"lang\":%s,\n\"sections\":[", lang, refJSString(lang))
	for i, s := range sections {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "\n[%d,%s,%s,%s]", docIndex[s.DocTitle], refJSString(s.URL),
			refJSString(refCollapseSpace(s.Title)), refJSString(refCollapseSpace(s.Text)))
	}
	b.WriteString("],\n\"docs\":[")
	for i, d := range docs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(refJSString(d))
	}
	b.WriteString("],\n\"terms\":{")
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		terms := groups[k]
		slices.Sort(terms)
		fmt.Fprintf(&b, "\n%s:%s", refJSString(k), refJSString(strings.Join(terms, " ")))
	}
	b.WriteString("}};\n")
	return b.Bytes(), Stats{Sections: len(sections), Terms: len(postings), Bytes: b.Len()}, nil
}

func refDeltas(list []int) string {
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

func refJSString(s string) string {
	q, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	return string(q)
}

func refTokens(lang, s string) []string {
	var toks []string
	refEachToken(lang, s, func(t string) { toks = append(toks, t) })
	return toks
}

func refEachToken(lang, s string, f func(string)) {
	refEachRun(refNormalize(s), func(run string, word bool) {
		if word {
			if lang == "en" {
				run = refStem(run)
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

func refEachRun(s string, f func(run string, word bool)) {
	start, word := -1, false
	for i, r := range s {
		sep := refIsSep(r)
		if start >= 0 && (sep || refIsWordChar(r) != word) {
			f(s[start:i], word)
			start = -1
		}
		if !sep && start < 0 {
			start, word = i, refIsWordChar(r)
		}
	}
	if start >= 0 {
		f(s[start:], word)
	}
}

func refStem(w string) string {
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

var (
	refKanaTable  = []rune("。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン")
	refDakuten    = refPairs("うかきくけこさしすせそたちつてとはひふへほゝウカキクケコサシスセソタチツテトハヒフヘホワヰヱヲヽ", "ゔがぎぐげござじずぜぞだぢづでどばびぶべぼゞヴガギグゲゴザジズゼゾダヂヅデドバビブベボヷヸヹヺヾ")
	refHandakuten = refPairs("はひふへほハヒフヘホ", "ぱぴぷぺぽパピプペポ")
)

func refPairs(from, to string) map[rune]rune {
	f, t := []rune(from), []rune(to)
	m := make(map[rune]rune, len(f))
	for i := range f {
		m[f[i]] = t[i]
	}
	return m
}

func refNormalize(s string) string {
	out := make([]rune, 0, len(s))
	space := false
	for _, r := range s {
		switch {
		case r == 0xFF9E || r == 0x3099:
			if c, ok := refDakuten[refLast(out)]; ok && !space {
				out[len(out)-1] = c
				continue
			}
			if r == 0xFF9E {
				r = 0x309B
			}
		case r == 0xFF9F || r == 0x309A:
			if c, ok := refHandakuten[refLast(out)]; ok && !space {
				out[len(out)-1] = c
				continue
			}
			if r == 0xFF9F {
				r = 0x309C
			}
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFF01 - 0x21
		case r >= 0xFF61 && r <= 0xFF9D:
			r = refKanaTable[r-0xFF61]
		}
		if refIsSpace(r) {
			space = len(out) > 0
			continue
		}
		if space {
			out = append(out, ' ')
			space = false
		}
		out = append(out, refLower(r))
	}
	return string(out)
}

func refLast(rs []rune) rune {
	if len(rs) == 0 {
		return -1
	}
	return rs[len(rs)-1]
}

func refIsSpace(r rune) bool {
	switch {
	case r >= 0x09 && r <= 0x0D, r == ' ', r == 0x85, r == 0xA0, r == 0x1680,
		r >= 0x2000 && r <= 0x200A, r == 0x2028, r == 0x2029, r == 0x202F,
		r == 0x205F, r == 0x3000, r == 0xFEFF:
		return true
	}
	return false
}

func refLower(r rune) rune {
	switch {
	case r >= 'A' && r <= 'Z':
		return r + 'a' - 'A'
	case r >= 0xC0 && r < 0x590, r >= 0x1E00 && r < 0x2000:
		return unicode.ToLower(r)
	}
	return r
}

func refIsSep(r rune) bool {
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
	case r < 0xC0:
		return true
	case r == 0xD7 || r == 0xF7:
		return true
	case r < 0x2000:
		return false
	case r < 0x2C00:
		return true
	case r >= 0x2E00 && r < 0x2E80:
		return true
	case r >= 0x3000 && r < 0x3040:
		return r != 0x3005 && r != 0x3006 && r != 0x3007 && r != 0x303B && r != 0x303C
	case r == 0x309B || r == 0x309C || r == 0x30A0 || r == 0x30FB:
		return true
	case r >= 0xFE00 && r < 0xFE20:
		return true
	case r >= 0xFE30 && r < 0xFE70:
		return true
	case r >= 0xFF00 && r < 0xFF66:
		return true
	case r >= 0xFFE0 && r <= 0xFFFF:
		return true
	case r >= 0x1F000 && r < 0x1FB00:
		return true
	}
	return false
}

func refIsWordChar(r rune) bool { return r < 0x2E80 }

func refCollapseSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r >= '\t' && r <= '\r'
	}), " ")
}
