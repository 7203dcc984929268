package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// seed fixes the synthetic corpus: the same N gives the same files and the
// same history on every machine (math/rand/v2's PCG is specified exactly).
const seed = 20260331

// corpus is a set of Markdown files by slash path ("content/ja/doc-0001.md").
type corpus struct {
	docs map[string]*document
}

// document is one Markdown file, kept as blocks so that a history commit can
// change one sentence of it.
type document struct {
	lang   string
	front  string // the front matter, "---" lines included
	blocks []block
}

type blockKind int

const (
	fixed     blockKind = iota // heading, table, link sentence: written as is
	paragraph                  // one sentence a line
	list                       // one item a sentence
)

type block struct {
	kind  blockKind
	text  string
	sents []string
}

func (d *document) markdown() []byte {
	var b strings.Builder
	b.WriteString(d.front)
	for _, bl := range d.blocks {
		b.WriteByte('\n')
		switch bl.kind {
		case fixed:
			b.WriteString(bl.text)
			b.WriteByte('\n')
		case paragraph:
			for _, s := range bl.sents {
				b.WriteString(s)
				b.WriteByte('\n')
			}
		case list:
			for _, s := range bl.sents {
				b.WriteString("- ")
				b.WriteString(s)
				b.WriteByte('\n')
			}
		}
	}
	return []byte(b.String())
}

// files returns every file's content by path.
func (c *corpus) files() map[string][]byte {
	out := make(map[string][]byte, len(c.docs))
	for p, d := range c.docs {
		out[p] = d.markdown()
	}
	return out
}

func (c *corpus) paths() []string {
	ps := make([]string, 0, len(c.docs))
	for p := range c.docs {
		ps = append(ps, p)
	}
	sort.Strings(ps)
	return ps
}

// sentence is one drawn sentence, the same indices in both languages.
type sentence struct{ cond, subj, obj, duty int }

func drawSentence(r *rand.Rand) sentence {
	return sentence{r.IntN(len(jaConditions)), r.IntN(len(jaSubjects)), r.IntN(len(jaObjects)), r.IntN(len(jaDuties))}
}

func (s sentence) in(lang string) string {
	if lang == "ja" {
		return jaConditions[s.cond] + jaSubjects[s.subj] + "は、" + jaObjects[s.obj] + jaDuties[s.duty] + "。"
	}
	return capitalise(enConditions[s.cond] + enSubjects[s.subj] + " " + fmt.Sprintf(enDuties[s.duty], enObjects[s.obj]) + ".")
}

func capitalise(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

func definition(i int, lang string) string {
	if lang == "ja" {
		return "この規程において「" + jaTerms[i] + "」とは、" + jaMeanings[i] + "をいう。"
	}
	return "In this regulation, \"" + enTerms[i] + "\" means " + enMeanings[i] + "."
}

func docPath(i int) string { return fmt.Sprintf("doc-%04d", i) }

// title of document i: a topic and a kind, numbered so titles are unique.
func title(i int, lang string) string {
	t, k := (i*7)%len(jaTopics), i%len(jaKinds)
	if lang == "ja" {
		return fmt.Sprintf("%sに関する%s（第%d号）", jaTopics[t], jaKinds[k], i)
	}
	return fmt.Sprintf("%s on %s (No. %d)", enKinds[k], enTopics[t], i)
}

// synthetic returns the corpus of n Markdown files: n/2 documents in both
// languages, the home page among them.
func synthetic(n int) *corpus {
	pairs := max(n/2, 2)
	c := &corpus{docs: map[string]*document{}}
	for _, lang := range []string{"ja", "en"} {
		c.docs["content/"+lang+"/index.md"] = home(lang, pairs-1)
	}
	for i := 1; i < pairs; i++ {
		ja, en := pair(i, pairs-1)
		c.docs["content/ja/"+docPath(i)+".md"] = ja
		c.docs["content/en/"+docPath(i)+".md"] = en
	}
	return c
}

func home(lang string, docs int) *document {
	d := &document{lang: lang}
	if lang == "ja" {
		d.front = "---\ntitle: 山鹿植木広域行政事務組合 情報セキュリティポリシー\nvisibility: public\nsummary: 本組合の情報セキュリティポリシーを公開する。\n---\n"
		d.blocks = []block{
			{kind: fixed, text: "## はじめに {#intro}"},
			{kind: paragraph, sents: []string{"本サイトは、本組合の情報セキュリティポリシーを構成する規程、基準及び実施手順を掲載する。",
				fmt.Sprintf("掲載している文書は%d件である。", docs)}},
			{kind: fixed, text: "基本となる考え方は[第1号](" + docPath(1) + ".md#h-1)に定める。"},
		}
		return d
	}
	d.front = "---\ntitle: Information Security Policy of the Yamaga Ueki Regional Administrative Association\nvisibility: public\nsummary: The Association's information security policy, published.\n---\n"
	d.blocks = []block{
		{kind: fixed, text: "## Introduction {#intro}"},
		{kind: paragraph, sents: []string{"This site publishes the regulations, standards and procedures that make up the Association's information security policy.",
			fmt.Sprintf("There are %d documents.", docs)}},
		{kind: fixed, text: "The basic principles are set out in [No. 1](" + docPath(1) + ".md#h-1)."},
	}
	return d
}

// pair generates document i in both languages from one stream of draws, so
// both have the same sections, IDs, lists and tables in the same order.
func pair(i, docs int) (ja, en *document) {
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	ja, en = &document{lang: "ja"}, &document{lang: "en"}
	enacted := time.Date(2015, 4, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(3650)).Format(time.DateOnly)
	body := r.IntN(len(jaBodies))
	topic := (i * 7) % len(jaTopics)
	ja.front = fmt.Sprintf("---\ntitle: %s\nvisibility: public\norder: %d\nenacted: %s\nbodies:\n  - %s\nsummary: %sについて定める。\n---\n",
		title(i, "ja"), i, enacted, jaBodies[body], jaTopics[topic])
	en.front = fmt.Sprintf("---\ntitle: %s\nvisibility: public\norder: %d\nenacted: %s\nbodies:\n  - %s\nsummary: Sets out the rules on %s.\n---\n",
		title(i, "en"), i, enacted, enBodies[body], enTopics[topic])
	add := func(ku blockKind, jt, et string, js, es []string) {
		ja.blocks = append(ja.blocks, block{kind: ku, text: jt, sents: js})
		en.blocks = append(en.blocks, block{kind: ku, text: et, sents: es})
	}
	sentences := func(k int) (js, es []string) {
		for range k {
			s := drawSentence(r)
			js, es = append(js, s.in("ja")), append(es, s.in("en"))
		}
		return js, es
	}
	// Sections: the purpose first, then distinct headings in random order.
	heads := append([]int{0}, r.Perm(len(jaHeadings) - 1)[:4+r.IntN(5)]...)
	for k := range heads[1:] {
		heads[k+1]++
	}
	table := i%3 == 0
	for s, h := range heads {
		id := fmt.Sprintf("h-%d", s+1)
		add(fixed, fmt.Sprintf("## %d %s {#%s}", s+1, jaHeadings[h], id), fmt.Sprintf("## %d %s {#%s}", s+1, enHeadings[h], id), nil, nil)
		if jaHeadings[h] == "定義" {
			var js, es []string
			for _, t := range r.Perm(len(jaTerms))[:3+r.IntN(5)] {
				js, es = append(js, definition(t, "ja")), append(es, definition(t, "en"))
			}
			add(paragraph, "", "", []string{"この規程において使用する用語の定義は、次のとおりとする。"}, []string{"In this regulation, the following terms have the meanings given below."})
			add(list, "", "", js, es)
			continue
		}
		for range 1 + r.IntN(3) {
			js, es := sentences(2 + r.IntN(3))
			add(paragraph, "", "", js, es)
		}
		if r.IntN(10) < 3 {
			js, es := sentences(3 + r.IntN(4))
			add(list, "", "", js, es)
		}
		if table && s == 2 {
			jt, et := classTable(r)
			add(fixed, jt, et, nil, nil)
		}
		if r.IntN(10) < 4 {
			for sub := range 2 + r.IntN(2) {
				sid := fmt.Sprintf("%s-%d", id, sub+1)
				subj := r.IntN(len(jaObjects))
				add(fixed, fmt.Sprintf("### (%d) %sの取扱い {#%s}", sub+1, jaObjects[subj], sid),
					fmt.Sprintf("### (%d) Handling of %s {#%s}", sub+1, enObjects[subj], sid), nil, nil)
				js, es := sentences(2 + r.IntN(3))
				add(paragraph, "", "", js, es)
			}
		}
		if r.IntN(10) < 3 && docs > 1 {
			j := 1 + r.IntN(docs)
			if j == i {
				j = j%docs + 1
			}
			to := fmt.Sprintf("%s.md#h-%d", docPath(j), 1+r.IntN(5))
			add(fixed, "詳細は、["+title(j, "ja")+"]("+to+")に定める。", "The details are set out in ["+title(j, "en")+"]("+to+").", nil, nil)
		}
	}
	return ja, en
}

func classTable(r *rand.Rand) (ja, en string) {
	var jb, eb strings.Builder
	jb.WriteString("| 区分 | 対象となる情報 | 管理責任者 |\n| --- | --- | --- |\n")
	eb.WriteString("| Class | Information | Responsible |\n| --- | --- | --- |\n")
	for k := range jaClasses {
		s := r.IntN(len(jaSubjects))
		fmt.Fprintf(&jb, "| %s | %s | %s |\n", jaClasses[k], jaHandling[k], jaSubjects[s])
		fmt.Fprintf(&eb, "| %s | %s | %s |\n", enClasses[k], enHandling[k], capitalise(enSubjects[s]))
	}
	return strings.TrimSuffix(jb.String(), "\n"), strings.TrimSuffix(eb.String(), "\n")
}

// edit changes one sentence of d (a paragraph or list sentence), drawn from r.
func (d *document) edit(r *rand.Rand) {
	var editable []int
	for k, bl := range d.blocks {
		if bl.kind != fixed && len(bl.sents) > 0 {
			editable = append(editable, k)
		}
	}
	if len(editable) == 0 {
		return
	}
	bl := &d.blocks[editable[r.IntN(len(editable))]]
	k := r.IntN(len(bl.sents))
	for {
		s := drawSentence(r).in(d.lang)
		if s != bl.sents[k] {
			bl.sents = append([]string(nil), bl.sents...) // versions share nothing
			bl.sents[k] = s
			return
		}
	}
}

// change is one commit of a history: the files it writes.
type change struct {
	subject string
	when    time.Time
	files   map[string][]byte
}

// history makes commits changes of the corpus, each changing one sentence in
// each of perCommit documents, and leaves c at the last version.
func (c *corpus) history(commits, perCommit int) []change {
	paths := c.paths()
	start := time.Date(2024, 4, 1, 9, 0, 0, 0, time.FixedZone("JST", 9*3600))
	var out []change
	for k := range commits {
		r := rand.New(rand.NewPCG(seed, 1<<32+uint64(k)))
		ch := change{when: start.Add(time.Duration(k) * 26 * time.Hour), files: map[string][]byte{}}
		var names []string
		for len(ch.files) < min(perCommit, len(paths)) {
			p := paths[r.IntN(len(paths))]
			if _, done := ch.files[p]; done {
				continue
			}
			c.docs[p].edit(r)
			ch.files[p] = c.docs[p].markdown()
			names = append(names, strings.TrimSuffix(filepath.Base(p), ".md"))
		}
		sort.Strings(names)
		ch.subject = "字句の修正: " + strings.Join(names, ", ")
		out = append(out, ch)
	}
	return out
}

// writeTree writes files under dir.
func writeTree(dir string, files map[string][]byte) error {
	made := map[string]bool{}
	for p, data := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if d := filepath.Dir(full); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			made[d] = true
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
