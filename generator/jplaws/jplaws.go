// Package jplaws replays the jp-laws corpus (../shared/corpora/jp-laws.bundle: fourteen Japanese
// laws from e-Gov, one commit per promulgated amendment) into this site's format, for the tests
// and benchmarks that need real amendments of real statutes.
//
// The corpus is not in our format and its history is not linear (some laws' series are present
// two to four times, deleted and added again on merged branches), so the replay is in three steps:
//
//   - [Read] takes one revision per e-Gov revision ID (commit subjects "法令ID_施行日_改正法令ID"),
//     in the order each ID first appears, with the text of the last commit that carries it; each
//     law's revisions are then ordered by 施行日. Commits that are not law revisions (a CNAME, an
//     index page, folder renames) are skipped.
//   - [Parse] maps a law's index.txt onto blocks: the title; structure lines (編・章・節・款・目),
//     each 附則 and each 別表 as level-2 headings; each article as a level-3 heading 「第一条（目的）」
//     (条名 and 条見出し) with its first 項 as a paragraph; later 項 as paragraphs; 号 and the
//     イロハ under them as list items nested by their indentation. Heading IDs come from the
//     numbers (第二十二条の三 → a22-3, inside a 附則 prefixed by that 附則's ID), so they stay
//     stable across revisions.
//   - [Markdown] writes a document of those blocks, every ASCII punctuation mark escaped so that
//     the page shows exactly the source text; [Replay] writes a git repository with go-git: one
//     commit per revision, ordered by 施行日, whose message carries the 施行日 as an `Effective:`
//     trailer, and the last revision of every law in the work tree.
//
// A block's text is the source line with its indentation and surrounding white space removed, so a
// test can compare what a page shows with [Block.Text].
package jplaws

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// Block is one block of a law as Parse maps it.
type Block struct {
	Kind    string // "h2", "h3", "p" or "li"
	ID      string // of a heading
	Text    string
	Depth   int    // of a list item: 1 for a 号, 2 for an イロハ, …
	Heading string // the text of the heading the block is under ("" before the first)
}

var (
	structureLine = regexp.MustCompile(`^第([一二三四五六七八九十百千〇]+)((?:の[一二三四五六七八九十百千〇]+)*)([編章節款目])(　|$)`)
	articleLine   = regexp.MustCompile(`^第([一二三四五六七八九十百千〇]+)条((?:の[一二三四五六七八九十百千〇]+)*)(?:　|$)`)
	captionLine   = regexp.MustCompile(`^（[^（）]*）$`)
	annexLine     = regexp.MustCompile(`^別表(第[一二三四五六七八九十百千〇]+(?:の[一二三四五六七八九十百千〇]+)*)?`)
	supplLine     = regexp.MustCompile(`^附[　 ]*則`)
	exportMark    = regexp.MustCompile(`^:(?:enact-statement|anonym-paragraph):`)
	lawTypeLine   = regexp.MustCompile(`^\[LawType="[A-Za-z]+"\]$`)
)

// Parse maps the text of a law's index.txt onto its title and blocks (see the package doc).
func Parse(text []byte) (title string, blocks []Block) {
	lines := strings.Split(strings.ReplaceAll(string(text), "\r\n", "\n"), "\n")
	// The export marks some lines with what e-Gov's XML called them: a
	// 制定文 (":enact-statement:") and a paragraph without a number
	// (":anonym-paragraph:", a one-paragraph 附則). The mark is not text.
	for i, l := range lines {
		t := strings.TrimLeft(l, " 　")
		if m := exportMark.FindString(t); m != "" {
			lines[i] = l[:len(l)-len(t)] + t[len(m):]
		}
	}
	ids := map[string]int{}
	id := func(base string) string {
		ids[base]++
		if n := ids[base]; n > 1 {
			return fmt.Sprintf("%s-%d", base, n)
		}
		return base
	}
	heading := ""
	add := func(b Block) {
		if b.Kind == "h2" || b.Kind == "h3" {
			heading = b.Text
		}
		b.Heading = heading
		blocks = append(blocks, b)
	}
	i := 0
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	// Before the title, a law other than an Act says what it is:
	// [LawType="Rule"].
	if i < len(lines) && lawTypeLine.MatchString(strings.TrimSpace(lines[i])) {
		i++
	}
	if i < len(lines) {
		title = strings.TrimSpace(lines[i])
		i++
	}
	// The rest of the front part (the law number, the table of contents) is under headings of
	// its own only where it says 目次.
	inTOC := false
	structPath := map[byte]string{} // 編 章 節 款 目 → number, for IDs
	scope := ""                     // ID of the 附則 or 別表 the articles are in
	caption := ""
	for ; i < len(lines); i++ {
		raw := lines[i]
		t := strings.TrimSpace(raw)
		if t == "" {
			inTOC = false
			continue
		}
		indent := len(raw) - len(strings.TrimLeft(raw, " "))
		switch {
		case t == "目次":
			add(Block{Kind: "h2", ID: id("toc"), Text: t})
			inTOC = true
			continue
		case inTOC:
			add(Block{Kind: "p", Text: t})
			continue
		}
		if m := structureLine.FindStringSubmatch(t); m != nil && indent > 0 {
			num := kanjiNumber(m[1]) + branches(m[2])
			level := strings.Index("編章節款目", m[3]) / len("編")
			keys := []string{"p", "c", "s", "ss", "d"}
			for l := level + 1; l < len(keys); l++ {
				delete(structPath, byte(l))
			}
			structPath[byte(level)] = keys[level] + num
			var parts []string
			for l := 0; l <= level; l++ {
				if p, ok := structPath[byte(l)]; ok {
					parts = append(parts, p)
				}
			}
			add(Block{Kind: "h2", ID: id(scopePrefix(scope) + strings.Join(parts, "-")), Text: t})
			caption = ""
			continue
		}
		if supplLine.MatchString(t) && indent > 0 {
			h := fnv.New32a()
			h.Write([]byte(t))
			scope = fmt.Sprintf("suppl-%08x", h.Sum32())
			structPath = map[byte]string{}
			add(Block{Kind: "h2", ID: id(scope), Text: t})
			caption = ""
			continue
		}
		if m := annexLine.FindStringSubmatch(t); m != nil && indent == 0 && (i == 0 || strings.TrimSpace(lines[i-1]) == "") {
			n := "x"
			if m[1] != "" {
				am := regexp.MustCompile(`第([一二三四五六七八九十百千〇]+)((?:の[一二三四五六七八九十百千〇]+)*)`).FindStringSubmatch(m[1])
				n = kanjiNumber(am[1]) + branches(am[2])
			}
			scope = "annex-" + n
			add(Block{Kind: "h2", ID: id(scope), Text: t})
			caption = ""
			continue
		}
		if captionLine.MatchString(t) && i+1 < len(lines) && articleLine.MatchString(lines[i+1]) {
			caption = t
			continue
		}
		if m := articleLine.FindStringSubmatchIndex(t); m != nil && indent == 0 {
			name := t[m[0]:m[1]]
			body := strings.TrimSpace(t[m[1]:])
			name = strings.TrimRight(name, "　")
			num := kanjiNumber(t[m[2]:m[3]]) + branches(t[m[4]:m[5]])
			add(Block{Kind: "h3", ID: id(scopePrefix(scope) + "a" + num), Text: name + caption})
			caption = ""
			if body != "" {
				add(Block{Kind: "p", Text: body})
			}
			continue
		}
		caption = ""
		if captionLine.MatchString(t) {
			// A caption over a 項 (in 附則): a line of its own, not an item.
			add(Block{Kind: "p", Text: t})
			continue
		}
		if indent >= 2 {
			// An item is at most one level below the block before it: Markdown reads a deeper
			// one after a paragraph as code.
			depth := indent / 2
			if len(blocks) == 0 || blocks[len(blocks)-1].Kind != "li" {
				depth = 1
			} else if prev := blocks[len(blocks)-1]; depth > prev.Depth+1 {
				depth = prev.Depth + 1
			}
			add(Block{Kind: "li", Text: t, Depth: depth})
			continue
		}
		add(Block{Kind: "p", Text: t})
	}
	return title, blocks
}

func scopePrefix(scope string) string {
	if scope == "" {
		return ""
	}
	return scope + "-"
}

// branches turns "の三の二" into "-3-2".
func branches(s string) string {
	var b strings.Builder
	for _, p := range strings.Split(s, "の") {
		if p != "" {
			b.WriteString("-" + kanjiNumber(p))
		}
	}
	return b.String()
}

// kanjiNumber turns 漢数字 ("二十二", "百八", "一〇") into decimal digits.
func kanjiNumber(s string) string {
	digit := map[rune]int{'〇': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	unit := map[rune]int{'十': 10, '百': 100, '千': 1000}
	total, cur := 0, -1
	positional := !strings.ContainsAny(s, "十百千")
	for _, r := range s {
		if d, ok := digit[r]; ok {
			if positional {
				total = total*10 + d
			} else {
				cur = d
			}
			continue
		}
		if u, ok := unit[r]; ok {
			if cur < 0 {
				cur = 1
			}
			total += cur * u
			cur = -1
		}
	}
	if !positional && cur > 0 {
		total += cur
	}
	return fmt.Sprint(total)
}

// Markdown writes a document of our format with the title and blocks Parse returned.
func Markdown(title string, blocks []Block) []byte {
	var b bytes.Buffer
	b.WriteString("---\ntitle: " + yamlQuote(title) + "\nvisibility: public\n---\n\n")
	for _, bl := range blocks {
		switch bl.Kind {
		case "h2":
			b.WriteString("## " + escape(bl.Text) + " {#" + bl.ID + "}\n\n")
		case "h3":
			b.WriteString("### " + escape(bl.Text) + " {#" + bl.ID + "}\n\n")
		case "li":
			b.WriteString(strings.Repeat("  ", bl.Depth-1) + "- " + escape(bl.Text) + "\n\n")
		default:
			b.WriteString(escape(bl.Text) + "\n\n")
		}
	}
	return b.Bytes()
}

// escape backslash-escapes every ASCII punctuation mark, which CommonMark allows for all of them,
// so that no text of a law is read as Markdown.
func escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < utf8.RuneSelf && strings.ContainsRune("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func yamlQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// sortRevisions orders each law's revisions by 施行日, keeping the order of first appearance
// among equal dates, and the laws by ID.
func sortRevisions(revs []Revision) {
	sort.SliceStable(revs, func(i, j int) bool {
		if revs[i].Law != revs[j].Law {
			return revs[i].Law < revs[j].Law
		}
		return revs[i].Effective < revs[j].Effective
	})
}
