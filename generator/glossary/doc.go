// Package glossary loads the policy's glossary (用語集), content/glossary.yaml,
// and checks that the English uses the glossary's renderings.
//
// # For policy owners and translators: the glossary file
//
// content/glossary.yaml lists the defined and key terms of the policy, each
// in Japanese with its one English rendering:
//
//	terms:
//	  - ja: 人的セキュリティ                        # required: the term as the Japanese text writes it
//	    en: personnel security                     # required: its one English rendering
//	    forms: [personnel-security]                # optional: other forms of the rendering that also count
//	    wrong: [human security]                    # optional: renderings not to use (shown on the glossary page)
//	    defined: basic-policy.md#measures-human    # required: the section that defines or heads the term
//	    note: {ja: …, en: …}                       # optional: one line shown on the glossary page
//
// Every key is checked (an unknown key is an error, so a misspelt "defiend"
// cannot pass), and so is every term: ja and en are non-empty, a ja term is
// listed once, and defined names a section as quiz refs do,
// <document>.md#<section-id>, which the build requires to exist in a public
// document. The glossary file is itself published (as the glossary pages):
// list no term that only an internal document uses, and never point defined
// at an internal document (the build refuses it, saying only that the
// document is not public).
// Being published as written, the file may hold no "<!--" or "-->" (an HTML
// comment would be shown as text; write notes as YAML comments, # note),
// and it must be a file, not a symbolic link.
//
// # The check
//
// Wherever the Japanese of a passage contains a term, its English counterpart
// must contain the term's rendering (or one of its forms), compared without
// regard to upper and lower case: "Information assets" counts for
// "information assets", and "information systems" for "information system".
// The passages are
//
//   - each section of a public document, matched with the section of the same
//     ID in the English; where both languages have the same number of blocks
//     (paragraphs, list items) of the same kinds, each block is matched with
//     its counterpart instead, so a warning names the very paragraph; and
//   - each text of a quiz (title, description, prompt, choice, explanation),
//     whose two languages sit side by side in the quiz file.
//
// Terms are found longest first, and a term found covers the shorter terms
// inside it: 情報セキュリティ対策基準 asks for "information security
// standards", not also for "information security measures".
//
// A mismatch is a warning, content/en/basic-policy.md:88: 人的セキュリティ
// should be "personnel security" (found "human security"); `go run build.go
// check -strict` makes it an error. Translator's notes (footnotes) have no
// Japanese counterpart and are not checked.
package glossary
