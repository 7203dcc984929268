// Package search builds the site's full-text search index: one classic
// JavaScript file per language that templates/assets/search.js loads with a
// <script src> element, so search works from a file share (file://) where
// fetch and XHR are blocked, and needs no server.
//
// # What is searched
//
// The unit of search is a section: one heading of one document and the text
// directly under it (not its sub-sections' text). The caller passes sections
// in document order; results link to Section.URL, which is relative to the
// language directory (the directory of <lang>/search.html). The text before a
// document's first heading is best passed as a section of its own, with the
// document's URL and its title as Title, so that a search for a document's
// title finds the document. Everything passed to Build is published: the
// caller must leave out every document that is not public.
//
// # Normalisation
//
// The index and the search script compare text only after [Normalize], which
// folds what Japanese keyboards, PDFs and copy-paste make differ:
//
//   - full-width ASCII (U+FF01–FF5E) to ASCII: ＵＳＢ → USB, （ → (;
//   - half-width katakana (U+FF61–FF9D) to full-width, composing a following
//     voiced or semi-voiced sound mark: ｶﾞ → ガ, ﾊﾟ → パ; a kana followed by a
//     combining mark (U+3099, U+309A, as in decomposed text) composes too;
//   - lower case for Latin, Greek, Cyrillic and Armenian (U+0000–058F,
//     U+1E00–1FFF). Other scripts are left alone on purpose: Go's and the
//     browser's Unicode tables differ in version, and these ranges are where
//     both agree;
//   - every run of white space (ASCII, NBSP, U+2000–200A, U+3000, …) to one
//     space, trimmed at both ends;
//   - invalid UTF-8 to U+FFFD.
//
// This is the part of NFKC that matters for a policy site, written out as
// tables because golang.org/x/text is not a dependency; search.js mirrors it
// line for line, and a test runs both on every code point of planes 0 to 2.
//
// # Tokens
//
// [Tokens] cuts normalised text into runs of word characters. Separators are
// white space, ASCII and Latin-1 punctuation and symbols, the U+2000–2BFF
// symbol blocks (punctuation, arrows, ①, ■, …), CJK punctuation (、。「」・…)
// and emoji; they never belong to a token, so no token spans a boundary. A run
// is split where it changes between two classes:
//
//   - alphabetic characters and digits (below U+2E80) form words: "usb",
//     "2024". In English ("en") a word is lightly stemmed, for plurals only:
//     -ies → -y in words over 4 letters, -sses → -ss, and a final -s is
//     dropped unless the word ends in -ss, -us or -is or has at most 3
//     letters. Japanese does not stem.
//   - everything from U+2E80 up (kana, kanji, …) is cut into overlapping
//     bigrams: 可用性 → 可用, 用性. A run of one character is a unigram.
//
// So "USBメモリ" gives usb, メモ, モリ. A query is tokenised the same way; a
// query token of one CJK character matches every term that contains it (as
// first or second character), which finds it wherever it occurs.
//
// # Index format (version 1)
//
// Build writes
//
//	window.PolicySearchIndex=window.PolicySearchIndex||{};
//	window.PolicySearchIndex.ja={"v":1,"lang":"ja","sections":[...],"docs":[...],"terms":{...}};
//
// where the object is JSON (in this order, so that a Builder can write
// each section as it comes):
//
//   - "sections": one array [doc, url, title, text] per section, in the order
//     given; doc indexes "docs". Section numbers below count from 0 in this
//     order (document order, which is also the last ranking key).
//     The text is kept as readers see it (white space runs of ASCII space,
//     tab and newline folded to one space) so the script can show snippets.
//   - "docs": document titles, each once, in order of first appearance.
//   - "terms": the inverted index, grouped by posting list to stay small: each
//     key is a list of section numbers, delta-encoded and joined by commas
//     ("3,1,4" means sections 3, 4 and 8); its value is every term whose
//     posting list that is, sorted and joined by single spaces (terms never
//     contain spaces). Title and text are tokenised separately, so no term
//     spans the two.
//
// Keys are sorted and nothing depends on map order, so equal input gives
// equal bytes. Strings are JSON-escaped with <, > and & as \u003c and so on,
// and U+2028/2029 escaped, so the file is safe to inline or embed.
//
// The search script ANDs the query's tokens over "terms", then confirms each
// candidate against the normalised title and text so that a coincidence of
// bigrams never shows. When nothing matches, it searches once more without
// hiragana and English filler words ("可用性とは" → 可用性) and says so. See
// templates/assets/search.js.
package search
