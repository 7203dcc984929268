package site

import (
	"bytes"
	"fmt"
	"html"
	"html/template"
	"net/url"
	"policysite/generator/cache"
	"policysite/generator/diff"
	"policysite/generator/markdown"
	"policysite/generator/parallel"
	"strings"
)

// diffView is the 新旧対照表 of one commit: a table for each public
// document it changed, in the order of the documents.
type diffView struct {
	Title    string   // the documents': the first one's title, and how many more
	Rev      revEntry // the commit's: date, kind, message
	Sections []diffSection
}

type diffSection struct {
	ID                string // the anchor history pages link to, see docAnchor
	DocTitle, DocHref string
	HistoryHref       string
	NewlyPublished    string        // the label, when this is the document's first public revision
	Status            string        // 未施行, when the revision is not yet in force
	FullTextHref      string        // the full text of the version as revised
	Left, Right       string        // column headings
	Body              template.HTML // a placeholder for the table rows, see tableRows and renderWith
}

type diffRow struct {
	Omitted     int    // > 0: a row standing for that many unchanged blocks
	Section     string // of an omitted row: the section of its first block, "" for the top
	Left, Right diffCell
	Heading     bool
}

type diffCell struct {
	HTML template.HTML
}

// revisionPage writes the 新旧対照表 of one commit in lang: a table for
// each public document whose text in lang the commit changed (items, in
// document order). Japanese practice publishes an amendment with one table
// covering every regulation it amends; it also makes one page of what was
// a page per document.
func (b *builder) revisionPage(lang string, items []revItem) {
	c := items[0].rev.commit
	out := lang + "/" + revisionPath(c.Short)
	ui := uiStrings[lang]
	title := items[0].rev.in(lang).title
	if len(items) > 1 {
		title = fmt.Sprintf(ui.AndMoreFormat, title, len(items)-1)
	}
	p := newPage("diff", lang, out, ui.Changes+": "+title)
	p.Alt = altFor(p, out)
	o := other(lang)
	inOther := false
	for _, it := range items {
		inOther = inOther || it.rev.changed(o)
	}
	if !inOther {
		// The commit changed nothing in the other language, so it has no
		// such page: the history of the first document is the nearest place.
		p.Alt.Href = p.Root + o + "/history/" + items[0].dh.pair.Path + ".html"
	}
	newFirst := lang == "ja" && b.opt.DiffOrder != "old-new"
	v := &diffView{Title: title, Rev: b.entry(lang, items[0].dh, items[0].rev, p.LangRoot)}
	// The commit's kind. A document's first publication is said with its
	// table, and of the commit only when that is all it did.
	allNew := true
	for _, it := range items {
		allNew = allNew && it.rev.prev == nil
	}
	switch {
	case v.Rev.Official:
		v.Rev.KindLabel = ui.Official
	case allNew && len(items) == 1:
		// 新規制定 or 新規公開, as entry says
	case allNew:
		v.Rev.KindLabel = ui.NewlyPublished
	default:
		v.Rev.KindLabel = ui.Editorial
	}
	tables := make([][]byte, len(items))
	for i, it := range items {
		path := it.dh.pair.Path
		sec := diffSection{
			ID:          docAnchor(path),
			DocTitle:    b.docs[lang+"/"+path].doc.Title,
			DocHref:     p.LangRoot + path + ".html",
			HistoryHref: p.LangRoot + "history/" + path + ".html",
			Left:        ui.Before,
			Right:       ui.After,
			Body:        tablePlaceholder(i),
		}
		if newFirst {
			sec.Left, sec.Right = ui.After, ui.Before
		}
		var old *version
		if it.rev.prev != nil {
			old = it.rev.prev.in(lang)
		} else {
			sec.NewlyPublished = b.entry(lang, it.dh, it.rev, p.LangRoot).KindLabel
		}
		if it.rev.ed != nil && it.rev.ed.state == pending {
			sec.Status = ui.NotInForce
		}
		sec.FullTextHref = fullTextHref(p.LangRoot, it.dh, it.rev.ed)
		tables[i] = b.comparison(lang, old, it.rev.in(lang), newFirst, sec.FullTextHref)
		v.Sections = append(v.Sections, sec)
	}
	p.Diff = v
	p.Crumbs = []link{{Href: p.LangRoot + "index.html", Title: ui.Home}, {Href: p.LangRoot + "whats-new.html", Title: ui.WhatsNew}}
	if len(items) == 1 {
		s := v.Sections[0]
		p.Crumbs = []link{{Href: p.LangRoot + "index.html", Title: ui.Home}, {Href: s.DocHref, Title: s.DocTitle}, {Href: s.HistoryHref, Title: ui.History}}
	}
	b.renderWith(out, p, tables)
}

// revisionPages writes a comparison page for every commit that changed
// what readers of lang see, on at most workers goroutines.
func (b *builder) revisionPages(lang string, workers int) {
	if b.opt.History == nil {
		return
	}
	var commits [][]revItem
	at := map[string]int{}
	for _, pair := range b.set.Public() {
		dh := b.hist[pair.Path]
		if dh == nil {
			continue
		}
		for _, r := range dh.revs {
			if !r.changed(lang) {
				continue
			}
			i, ok := at[r.commit.Hash]
			if !ok {
				i = len(commits)
				at[r.commit.Hash] = i
				commits = append(commits, nil)
			}
			commits[i] = append(commits[i], revItem{dh, r})
		}
	}
	parallel.ForN(workers, len(commits), func(i int) {
		b.revisionPage(lang, commits[i])
	})
}

// comparison returns the rows of the table comparing old (nil: newly
// published) with cur. The comparison of two versions is kept in the
// cache, as diff.Table.Encode has it: where the rows pair blocks and where
// their marks go, not the text, which the versions have (see
// Version.Blocks): a cache of rows as HTML held the text of every version
// and grew to three times the repository. A newly published version is
// not compared with anything, so nothing of it is kept.
// Versions come from renderVersion, so their keys name their text.
// fullText is the address of cur's full text, where its omitted rows link.
func (b *builder) comparison(lang string, old, cur *version, newFirst bool, fullText string) []byte {
	keys := map[[2]string]string{}
	ob, omd := diffBlocks(keys, old)
	nb, nmd := diffBlocks(keys, cur)
	var t diff.Table
	if old == nil {
		t = diff.Compare(ob, nb, spansOf(lang))
	} else {
		key := cache.NewKey([]byte("table"), []byte(lang), old.key[:], cur.key[:])
		var ok bool
		if enc, hit := b.opt.Cache.Get(key); hit {
			t, ok = diff.Decode(enc, ob, nb)
		}
		if !ok {
			t = diff.Compare(ob, nb, spansOf(lang))
			b.opt.Cache.Put(key, t.Encode())
		}
	}
	rows := layOut(lang, t, ob, nb, omd, nmd)
	if newFirst {
		for i := range rows {
			flip(&rows[i])
		}
	}
	return tableRows(uiStrings[lang], rows, fullText)
}

// revisionPath is where the comparison page of a commit goes, relative to
// the language folder ("revisions/1a2b3c4.html"): one folder for all of
// them, as making a folder costs as much as a page.
func revisionPath(short string) string {
	return "revisions/" + short + ".html"
}

// docAnchor is the ID of a document's table on a comparison page. Document
// paths have letters, digits, hyphens and slashes only, so the dots keep
// every path's anchor apart.
func docAnchor(path string) string {
	return "doc-" + strings.ReplaceAll(path, "/", ".")
}

func flip(r *diffRow) {
	r.Left, r.Right = r.Right, r.Left
}

// compareBlocks lays out old (may be nil: newly published) against cur as
// rows of Before | After cells, unchanged runs folded.
func compareBlocks(lang string, old, cur *version) []diffRow {
	keys := map[[2]string]string{}
	ob, omd := diffBlocks(keys, old)
	nb, nmd := diffBlocks(keys, cur)
	return layOut(lang, diff.Compare(ob, nb, spansOf(lang)), ob, nb, omd, nmd)
}

// spansOf returns how text in lang is compared: by characters in
// Japanese, by words in English.
func spansOf(lang string) func(old, new string) []diff.Span {
	if lang == "ja" {
		return diff.Chars
	}
	return diff.Words
}

// diffBlocks returns the blocks of r (nil: none), its title first, as diff
// and as markdown blocks. A block's diff key is its section and kind, made
// once for each pair in keys.
func diffBlocks(keys map[[2]string]string, r *version) ([]diff.Block, []markdown.Block) {
	if r == nil {
		return nil, nil
	}
	blocks := r.Blocks()
	bs := make([]markdown.Block, 0, 1+len(blocks))
	bs = append(append(bs, markdown.Block{Kind: "title", Text: r.title}), blocks...)
	out := make([]diff.Block, len(bs))
	for i, bl := range bs {
		k, ok := keys[[2]string{bl.Section, bl.Kind}]
		if !ok {
			k = bl.Section + "/" + bl.Kind
			keys[[2]string{bl.Section, bl.Kind}] = k
		}
		out[i] = diff.Block{Key: k, Text: bl.Text}
	}
	return out, bs
}

// layOut makes the rows of t, the comparison of the blocks ob (omd as
// markdown) with nb (nmd).
func layOut(lang string, t diff.Table, ob, nb []diff.Block, omd, nmd []markdown.Block) []diffRow {
	ui := uiStrings[lang]
	// An unchanged run of more than one block is one （略） row: its text
	// is the version's full text, a page of its own, and repeating it in
	// every comparison made a long law's pages grow with the law rather
	// than with the change (806 KB for one page).
	var rows []diffRow
	unchanged := func(r diff.Row) diffRow {
		return diffRow{Left: marked(diff.Span{Text: ob[r.Old].Text}), Right: marked(diff.Span{Text: nb[r.New].Text}), Heading: isHeading(nmd[r.New].Kind)}
	}
	// same is the run of unchanged rows not yet written, made into rows
	// only when it is one row, not a （略） row.
	var same []diff.Row
	var sameSection string
	flush := func() {
		switch {
		case len(same) == 0:
		case len(same) == 1:
			rows = append(rows, unchanged(same[0]))
		default:
			rows = append(rows, diffRow{Omitted: len(same), Section: sameSection})
		}
		same = same[:0]
	}
	context := contextRows(t.Rows, omd, nmd)
	for i, r := range t.Rows {
		var row diffRow
		switch {
		case r.Old < 0:
			row = diffRow{Left: note(ui.Added), Right: marked(diff.Span{Op: diff.Insert, Text: nb[r.New].Text}), Heading: isHeading(nmd[r.New].Kind)}
		case r.New < 0:
			row = diffRow{Left: marked(diff.Span{Op: diff.Delete, Text: ob[r.Old].Text}), Right: note(ui.Removed), Heading: isHeading(omd[r.Old].Kind)}
		case ob[r.Old].Text == nb[r.New].Text:
			if context[i] {
				flush()
				rows = append(rows, unchanged(r))
				continue
			}
			if len(same) == 0 {
				sameSection = nmd[r.New].Section
			}
			same = append(same, r)
			continue
		default:
			var before, after []diff.Span
			for _, s := range t.Spans[i] {
				if s.Op != diff.Insert {
					before = append(before, s)
				}
				if s.Op != diff.Delete {
					after = append(after, s)
				}
			}
			row = diffRow{Left: marked(before...), Right: marked(after...), Heading: isHeading(nmd[r.New].Kind)}
		}
		flush()
		rows = append(rows, row)
	}
	flush()
	return rows
}

// contextRows reports which rows of a comparison are the context of a
// changed row, shown unmarked even when unchanged, as official tables show
// them: every changed (added, removed) block is preceded by the heading of
// its section (条名 and 条見出し), and a list item also by the block it
// belongs to, the nearest block before it that is less deeply nested (for a
// 号 its 項, for an イロハ its 号 and 項).
func contextRows(rows []diff.Row, old, new []markdown.Block) []bool {
	keep := make([]bool, len(rows))
	for i, r := range rows {
		if r.Old >= 0 && r.New >= 0 && old[r.Old].Text == new[r.New].Text {
			continue
		}
		// Each column has its own order of blocks: a removed block's context
		// is among the old blocks, any other's among the new ones; rows with
		// nothing in that column are passed over.
		side, blocks := func(r diff.Row) int { return r.New }, new
		if r.New < 0 {
			side, blocks = func(r diff.Row) int { return r.Old }, old
		}
		b := blocks[side(r)]
		if b.Kind == "title" || isHeading(b.Kind) {
			continue
		}
		depth := b.Depth
		for j := i - 1; j >= 0; j-- {
			k := side(rows[j])
			if k < 0 {
				continue
			}
			c := blocks[k]
			if c.Section != b.Section {
				break
			}
			if c.Kind == "title" || isHeading(c.Kind) {
				keep[j] = true
				break
			}
			if depth > 0 && c.Depth < depth {
				keep[j] = true
				depth = c.Depth
			}
		}
	}
	return keep
}

// tableRows writes the rows of the comparison table. A history has
// thousands of them, each cell already escaped HTML, so they are written
// here rather than walked row by row in a template (which took 40% less
// time than the template walk on a 1,000-page history).
//
// An omitted row shows （略） in both columns, as official tables do, and
// links to where its blocks are in the full text of the version, at
// fullText; with fullText "" (a draft, which has no page of it) it has no
// link.
func tableRows(ui *UI, rows []diffRow, fullText string) []byte {
	var b bytes.Buffer
	omitted := html.EscapeString(ui.Omitted)
	for _, r := range rows {
		if r.Omitted > 0 {
			if fullText == "" {
				fmt.Fprintf(&b, `<tr class="omitted"><td>%s</td><td>%s</td></tr>`+"\n", omitted, omitted)
				continue
			}
			href := fullText
			if r.Section != "" {
				href += "#" + url.PathEscape(r.Section)
			}
			fmt.Fprintf(&b, `<tr class="omitted"><td>%s</td><td>%s <a class="omitted-link" href="%s">%s</a></td></tr>`+"\n",
				omitted, omitted, html.EscapeString(href), html.EscapeString(fmt.Sprintf(ui.ShowOmitted, r.Omitted)))
			continue
		}
		if r.Heading {
			b.WriteString(`<tr class="h">`)
		} else {
			b.WriteString("<tr>")
		}
		b.WriteString("<td>" + string(r.Left.HTML) + "</td><td>" + string(r.Right.HTML) + "</td></tr>\n")
	}
	return b.Bytes()
}

// marked writes spans as HTML: inserted text in <ins>, deleted in <del>.
func marked(spans ...diff.Span) diffCell {
	var b strings.Builder
	n := 0
	for _, s := range spans {
		n += len(s.Text) + len("<ins></ins>")
	}
	b.Grow(n)
	for _, s := range spans {
		t := html.EscapeString(s.Text)
		switch s.Op {
		case diff.Insert:
			b.WriteString("<ins>")
			b.WriteString(t)
			b.WriteString("</ins>")
		case diff.Delete:
			b.WriteString("<del>")
			b.WriteString(t)
			b.WriteString("</del>")
		default:
			b.WriteString(t)
		}
	}
	return diffCell{HTML: template.HTML(b.String())}
}

func note(s string) diffCell {
	return diffCell{HTML: template.HTML(`<span class="diff-note">` + html.EscapeString(s) + `</span>`)}
}
