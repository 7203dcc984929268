package main

import (
	"bytes"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	git "github.com/go-git/go-git/v5"

	"policysite/generator/jplaws"
	"policysite/internal/longtest"
)

// TestJPLawsComparisons is the checker of issue 12, in long mode only (POLICYSITE_LONG=1; it
// builds 165 revisions of fourteen laws): it replays ../shared/corpora/jp-laws.bundle into our
// format (generator/jplaws), builds the site with the columns 改正前 | 改正後, and reads every
// revision's Japanese 新旧対照表 back from the built page. For every revision it checks that
//
//   - texts are the source's: every row's old and new text is the next block of the old and the
//     new revision as jplaws.Parse made it from index.txt, and the rows and （略） rows account
//     for every block of both, in order;
//   - marks are a valid edit script: the unmarked text of both cells is the same, in the same
//     pieces, with <del> only in the old cell and <ins> only in the new;
//   - no changed row lacks its article context: in its column (the new one, the old one for a
//     removed block), the nearest heading above it is the heading (条名 and 条見出し) it is under;
//   - no unchanged stretch of six characters or more is inside a mark: between two unmarked
//     pieces, what is deleted and what is inserted share no six characters in a row;
//
// and reports the figures (go test -run TestJPLawsComparisons -v).
func TestJPLawsComparisons(t *testing.T) {
	if !longtest.On() || testing.Short() {
		t.Skip("long mode only: " + longtest.Env + "=1 go test -run TestJPLawsComparisons -v .")
	}
	src := longtest.Clone(t, "jp-laws.bundle")
	tmp := t.TempDir()
	repo, err := git.PlainOpen(src)
	if err != nil {
		t.Fatal(err)
	}
	revs, err := jplaws.Read(repo)
	if err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(tmp, "site")
	commits, err := jplaws.Replay(site, revs)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(tmp, "public")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-C", site, "-out", out, "-diff-order", "old-new", "-cache=false"}, &stdout, &stderr); code != 0 {
		t.Fatalf("build failed:\n%s", stderr.String())
	}

	var st checkStats
	prev := map[string]*jplaws.Revision{}
	for _, c := range commits {
		r := c.Revision
		var old source
		if p := prev[r.Law]; p != nil {
			old = sourceBlocks(p.Text)
		}
		cur := sourceBlocks(r.Text)
		prev[r.Law] = r
		st.revisions++
		page, err := os.ReadFile(filepath.Join(out, "ja", "revisions", c.Hash[:7]+".html"))
		if err != nil {
			t.Errorf("%s: no comparison page: %v", r.ID, err)
			continue
		}
		rows, ok := tableOf(page, jplaws.Path(r.Law))
		if !ok {
			if old.texts != nil && strings.Join(old.texts, "\n") == strings.Join(cur.texts, "\n") {
				st.unchanged++ // a revision that changed nothing readers see is not listed
				continue
			}
			t.Errorf("%s: no table for the law on its page", r.ID)
			continue
		}
		for _, p := range checkRevision(rows, old, cur, &st) {
			t.Errorf("%s: %s", r.ID, p)
		}
	}
	t.Logf("jp-laws: %d revisions of %d laws replayed (%d changed nothing readers see)", st.revisions, len(prev), st.unchanged)
	t.Logf("rows %d (changed %d, added %d, removed %d, context/unchanged %d, （略） %d standing for %d blocks)",
		st.rows, st.changed, st.added, st.removed, st.same, st.omittedRows, st.omittedBlocks)
	t.Logf("marks %d: %d characters deleted and %d inserted in changed rows", st.marks, st.delChars, st.insChars)
	t.Logf("text not the source's: %d; rows not accounting for the blocks: %d; invalid edit scripts: %d; changed rows without their article context: %d (%d before the first heading, not checked); unchanged stretches of ≥6 characters inside a mark: %d (longest inside a mark: %d)",
		st.badText, st.badCount, st.badScript, st.noContext, st.preamble, st.longStretch, st.longest)
}

type checkStats struct {
	revisions, unchanged                                            int
	rows, changed, added, removed, same, omittedRows, omittedBlocks int
	marks, delChars, insChars                                       int
	badText, badCount, badScript, noContext, preamble, longStretch  int
	longest                                                         int
}

// source is what a revision's comparison compares: the title, then the blocks jplaws.Parse
// made, and for each the heading it is under ("" for a heading, its own context) and whether
// it is a heading.
type source struct {
	texts, headings []string
	isHeading       []bool
}

func sourceBlocks(text []byte) source {
	title, blocks := jplaws.Parse(text)
	s := source{texts: []string{title}, headings: []string{""}, isHeading: []bool{false}}
	for _, b := range blocks {
		h, isHeading := b.Heading, b.Kind == "h2" || b.Kind == "h3"
		if isHeading {
			h = ""
		}
		s.texts = append(s.texts, b.Text)
		s.headings = append(s.headings, h)
		s.isHeading = append(s.isHeading, isHeading)
	}
	return s
}

type tableRow struct {
	class       string
	left, right string // cell HTML
}

var (
	rowRE     = regexp.MustCompile(`<tr(?: class="([^"]*)")?><td>(.*?)</td><td>(.*?)</td></tr>`)
	tagRE     = regexp.MustCompile(`<[^>]*>`)
	markRE    = regexp.MustCompile(`<(ins|del)>(.*?)</(?:ins|del)>`)
	omittedRE = regexp.MustCompile(`変更のない(\d+)項目`)
)

// tableOf returns the rows of the table of document doc on a comparison page.
func tableOf(page []byte, doc string) ([]tableRow, bool) {
	s := string(page)
	i := strings.Index(s, `id="doc-`+doc+`"`)
	if i < 0 {
		return nil, false
	}
	s = s[i:]
	if j := strings.Index(s, "</table>"); j >= 0 {
		s = s[:j]
	}
	var rows []tableRow
	for _, m := range rowRE.FindAllStringSubmatch(s, -1) {
		rows = append(rows, tableRow{m[1], m[2], m[3]})
	}
	return rows, true
}

// piece is a run of a cell: unmarked, or inside <ins> or <del>.
type piece struct {
	mark string // "", "ins" or "del"
	text string
}

func pieces(cell string) []piece {
	var out []piece
	last := 0
	for _, m := range markRE.FindAllStringSubmatchIndex(cell, -1) {
		if m[0] > last {
			out = append(out, piece{"", html.UnescapeString(tagRE.ReplaceAllString(cell[last:m[0]], ""))})
		}
		out = append(out, piece{cell[m[2]:m[3]], html.UnescapeString(cell[m[4]:m[5]])})
		last = m[1]
	}
	if last < len(cell) {
		out = append(out, piece{"", html.UnescapeString(tagRE.ReplaceAllString(cell[last:], ""))})
	}
	return out
}

func cellText(ps []piece) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.text)
	}
	return b.String()
}

// checkRevision checks one table against the blocks of the old and new revision.
func checkRevision(rows []tableRow, o, n source, st *checkStats) []string {
	old, new, oldHeadings, headings := o.texts, n.texts, o.headings, n.headings
	var problems []string
	oi, ni := 0, 0
	lastHeading, lastOldHeading := "", "" // the new and old text of the last heading row
	for _, r := range rows {
		st.rows++
		if r.class == "omitted" {
			m := omittedRE.FindStringSubmatch(r.right)
			n := 0
			if m != nil {
				n, _ = strconv.Atoi(m[1])
			}
			st.omittedRows++
			st.omittedBlocks += n
			oi += n
			ni += n
			continue
		}
		note := func(c string) bool { return strings.Contains(c, `class="diff-note"`) }
		lp, rp := pieces(r.left), pieces(r.right)
		hasOld, hasNew := !note(r.left), !note(r.right)
		want, where := "", -1 // the heading the row's block is under, and the block's index
		if hasOld {
			want, where = oldHeadings[min(oi, len(oldHeadings)-1)], oi
			if oi >= len(old) || old[oi] != cellText(lp) {
				st.badText++
				problems = append(problems, fmt.Sprintf("old text %q is not old block %d %q", trunc(cellText(lp)), oi, trunc(at(old, oi))))
			}
			oi++
		}
		if hasNew {
			if ni >= len(new) || new[ni] != cellText(rp) {
				st.badText++
				problems = append(problems, fmt.Sprintf("new text %q is not new block %d %q", trunc(cellText(rp)), ni, trunc(at(new, ni))))
			}
			want, where = headings[min(ni, len(headings)-1)], ni
			ni++
		}
		marked := false
		for _, p := range append(append([]piece(nil), lp...), rp...) {
			if p.mark != "" {
				marked = true
			}
		}
		changed := !hasOld || !hasNew || marked
		switch {
		case !hasOld:
			st.added++
		case !hasNew:
			st.removed++
		case marked:
			st.changed++
			if p := checkScript(lp, rp, st); p != "" {
				st.badScript++
				problems = append(problems, p+": "+trunc(cellText(rp)))
			}
		default:
			st.same++
		}
		if changed && where >= 0 {
			switch {
			case want != "":
				if got := map[bool]string{true: lastHeading, false: lastOldHeading}[hasNew]; got != want {
					st.noContext++
					problems = append(problems, fmt.Sprintf("changed row %q: nearest heading above in its column is %q, want %q", trunc(cellText(rp)+cellText(lp)), trunc(got), trunc(want)))
				}
			case where > 0 && r.class != "h":
				st.preamble++
			}
		}
		// Each column has its own order of blocks, and a row may pair a heading
		// with a paragraph (第十二条 and 第十三条 merged into 「第十二条及び第十三条　削除」):
		// a column's heading is the last block of that column that is one.
		if hasNew && ni <= len(n.isHeading) && n.isHeading[ni-1] {
			lastHeading = cellText(rp)
		}
		if hasOld && oi <= len(o.isHeading) && o.isHeading[oi-1] {
			lastOldHeading = cellText(lp)
		}
	}
	if oi != len(old) || ni != len(new) {
		st.badCount++
		problems = append(problems, fmt.Sprintf("rows account for %d old and %d new blocks, want %d and %d", oi, ni, len(old), len(new)))
	}
	return problems
}

// checkScript checks that the old cell lp and the new cell rp are an edit script: the same
// unmarked pieces, <del> only old and <ins> only new; and that what is deleted and what is
// inserted between two unmarked pieces share no six characters in a row.
func checkScript(lp, rp []piece, st *checkStats) string {
	// gaps returns the unmarked text of a cell, and what is marked at each offset of it.
	gaps := func(ps []piece, mark string) (eq string, gap map[int]string, bad bool) {
		gap = map[int]string{}
		var b strings.Builder
		for _, p := range ps {
			switch p.mark {
			case "":
				b.WriteString(p.text)
			case mark:
				gap[b.Len()] += p.text
			default:
				bad = true
			}
		}
		return b.String(), gap, bad
	}
	le, lg, lbad := gaps(lp, "del")
	re, rg, rbad := gaps(rp, "ins")
	if lbad || rbad {
		return "an <ins> in the old cell or a <del> in the new one"
	}
	if le != re {
		return "the unmarked text of the two cells differs"
	}
	offsets := map[int]bool{}
	for k := range lg {
		offsets[k] = true
	}
	for k := range rg {
		offsets[k] = true
	}
	for k := range offsets {
		d, i := []rune(lg[k]), []rune(rg[k])
		st.marks++
		st.delChars += len(d)
		st.insChars += len(i)
		n := longestCommon(d, i)
		st.longest = max(st.longest, n)
		if n >= 6 {
			st.longStretch++
			return fmt.Sprintf("%q and %q share an unchanged stretch of %d characters", trunc(string(d)), trunc(string(i)), n)
		}
	}
	return ""
}

// longestCommon is the length of the longest common substring of a and b,
// found by brute force: the checker does not reuse the code it checks
// (diff's cleanup has its own, dynamic-programming, one). Marks are short.
func longestCommon(a, b []rune) int {
	best := 0
	for i := range a {
		for j := range b {
			n := 0
			for i+n < len(a) && j+n < len(b) && a[i+n] == b[j+n] {
				n++
			}
			best = max(best, n)
		}
	}
	return best
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return "<none>"
}

func trunc(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}
