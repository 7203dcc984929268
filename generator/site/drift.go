package site

import (
	"fmt"
	"html"
	"strings"

	"policysite/generator/cache"
	"policysite/generator/content"
	"policysite/generator/history"
	"policysite/generator/markdown"
	"policysite/generator/parallel"
)

// Translation drift. The Japanese is the source: when a published revision
// changed the Japanese text of a section and no later published revision
// changed that section's English, the English section may say something the
// Japanese no longer does. The English page then says so on that section,
// with the date and a link to the Japanese 新旧対照表 of the revision, and
// the build lists the section as a warning for the translator's worklist:
//
//	content/en/basic-policy.md:88: section measures-human: the Japanese was revised in 1a2b3c4 (2026-12-03) and the English has not changed since; review the translation
//
// Sections are followed by their IDs through the published revisions (the
// history pages' revisions: only versions public at their commit count), so
// moving, reordering or renaming a section or its file changes nothing. A
// section's text includes its heading. An English-only change of the
// section clears the notice, whatever it changed: the translator is trusted
// to have looked.

// driftItem is one section whose English may lag behind the Japanese.
type driftItem struct {
	section string
	commit  *history.Commit // the revision that last changed the Japanese
}

// drifts finds the drifting sections of every public document with a
// history, into b.drift by document path. It reads the revisions newest
// first and stops when every section's English has been seen to change.
//
// Finding them parses old versions, which a rebuild otherwise mostly finds
// in the cache (see renderVersion), so the result is cached too, under the
// document's chain of published revisions (commits and text hashes): a
// new revision of the document is a new chain. It holds section IDs and
// commits of public revisions only.
func (b *builder) drifts() {
	b.drift = map[string][]driftItem{}
	paths := sortedKeys(b.hist)
	found := make([][]driftItem, len(paths))
	parallel.For(len(paths), func(i int) {
		found[i] = b.cachedDrift(b.hist[paths[i]])
	})
	for i, path := range paths {
		if len(found[i]) > 0 {
			b.drift[path] = found[i]
		}
	}
}

func (b *builder) cachedDrift(dh *docHistory) []driftItem {
	parts := [][]byte{[]byte("drift"), []byte(dh.pair.Path)}
	byHash := map[string]*history.Commit{}
	for _, r := range dh.revs {
		parts = append(parts, []byte(r.commit.Hash), r.ja.text[:], r.en.text[:])
		byHash[r.commit.Hash] = r.commit
	}
	key := cache.NewKey(parts...)
	if v, ok := b.opt.Cache.Get(key); ok {
		var out []driftItem
		for _, line := range strings.Split(string(v), "\n") {
			id, hash, ok := strings.Cut(line, " ")
			if c := byHash[hash]; ok && c != nil {
				out = append(out, driftItem{section: id, commit: c})
			}
		}
		return out
	}
	out := docDrift(dh)
	var enc []string
	for _, it := range out {
		enc = append(enc, it.section+" "+it.commit.Hash)
	}
	b.opt.Cache.Put(key, []byte(strings.Join(enc, "\n")))
	return out
}

func docDrift(dh *docHistory) []driftItem {
	n := len(dh.revs)
	if n == 0 {
		return nil
	}
	last := dh.revs[n-1]
	order := sectionOrder(last.ja.Blocks())
	pending := map[string]bool{} // sections whose English has not changed in the revisions read
	for _, id := range order {
		pending[id] = true
	}
	found := map[string]*history.Commit{}
	for i := n - 1; i >= 0 && len(pending) > 0; i-- {
		r := dh.revs[i]
		if r.prev == nil {
			break // first published: both languages appeared together
		}
		if r.prev.en.text != r.en.text {
			for id := range changedSections(r.prev.en.Blocks(), r.en.Blocks()) {
				delete(pending, id)
			}
		}
		if r.prev.ja.text != r.ja.text {
			for id := range changedSections(r.prev.ja.Blocks(), r.ja.Blocks()) {
				if pending[id] && found[id] == nil {
					found[id] = r.commit
				}
			}
		}
	}
	var out []driftItem
	for _, id := range order {
		if c := found[id]; c != nil && pending[id] {
			out = append(out, driftItem{section: id, commit: c})
		}
	}
	return out
}

// sectionIndex indexes a version's blocks by section (its heading included),
// so that two versions' sections are compared without copying their text:
// a version's unchanged blocks share their strings with the version before
// it (see markdown.Memo), which makes most comparisons a pointer's.
type sectionIndex struct {
	blocks []markdown.Block
	at     map[string][]int32 // the indexes in blocks of each section's blocks
}

func sectionsOf(blocks []markdown.Block) sectionIndex {
	s := sectionIndex{blocks: blocks, at: map[string][]int32{}}
	for i, bl := range blocks {
		s.at[bl.Section] = append(s.at[bl.Section], int32(i))
	}
	return s
}

// sameSection reports whether section id has the same blocks (kind and
// text) in a and b; a section neither has is the same in both.
func sameSection(a, b sectionIndex, id string) bool {
	x, y := a.at[id], b.at[id]
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		p, q := &a.blocks[x[i]], &b.blocks[y[i]]
		if p.Kind != q.Kind || p.Text != q.Text {
			return false
		}
	}
	return true
}

// changedSections returns the sections whose text differs between old and
// cur, including sections only one of them has.
func changedSections(old, cur []markdown.Block) map[string]bool {
	a, b := sectionsOf(old), sectionsOf(cur)
	out := map[string]bool{}
	for id := range b.at {
		if !sameSection(a, b, id) {
			out[id] = true
		}
	}
	for id := range a.at {
		if _, ok := b.at[id]; !ok {
			out[id] = true
		}
	}
	return out
}

// sectionOrder returns the section IDs of blocks in order, each once,
// without the translator's notes.
func sectionOrder(blocks []markdown.Block) []string {
	var ids []string
	seen := map[string]bool{}
	for _, bl := range blocks {
		if bl.Section != "footnotes" && !seen[bl.Section] {
			seen[bl.Section] = true
			ids = append(ids, bl.Section)
		}
	}
	return ids
}

// driftNotices returns the notices to put under the English sections of a
// document page at out ("en/basic-policy.html"), by section ID.
func (b *builder) driftNotices(pair *content.Pair, out string) map[string][]byte {
	items := b.drift[pair.Path]
	if len(items) == 0 {
		return nil
	}
	ui := uiStrings["en"]
	notes := map[string][]byte{}
	for _, it := range items {
		href := rel(out) + "ja/" + revisionPath(it.commit.Short) + "#" + docAnchor(pair.Path)
		msg := fmt.Sprintf(ui.DriftFormat, formatDate("en", it.commit.Time))
		notes[it.section] = []byte(`<p class="drift-notice" role="note">` + html.EscapeString(msg) +
			` <a href="` + html.EscapeString(href) + `" hreflang="ja">` + html.EscapeString(ui.DriftLink) + `</a></p>`)
	}
	return notes
}

// driftWarnings lists the drifting sections, at their English headings.
func (b *builder) driftWarnings() {
	for _, path := range sortedKeys(b.drift) {
		en := b.docs["en/"+path]
		if en == nil {
			continue
		}
		for _, it := range b.drift[path] {
			line := en.doc.BodyLine
			for _, h := range en.res.Headings {
				if h.ID == it.section {
					line = h.Line
				}
			}
			id := it.section
			if id == "" {
				id = "(before the first heading)"
			}
			b.warns = append(b.warns, fmt.Sprintf("%s:%d: section %s: the Japanese was revised in %s (%s) and the English has not changed since; review the translation",
				en.doc.File, line, id, it.commit.Short, it.commit.Time.Format("2006-01-02")))
		}
	}
}
