package site

import (
	"sort"
	"strings"

	"policysite/generator/cache"
	"policysite/generator/content"
	"policysite/generator/history"
	"policysite/generator/markdown"
	"policysite/generator/parallel"
)

// A revision is one commit at which a public document changed in a way
// readers can see. Revisions are judged by the front matter of that commit:
// at a commit where either language was missing, unparseable or not public,
// the document was not published, so nothing of it at that commit is shown,
// and the next public revision shows as newly published (prev is nil).
type revision struct {
	commit *history.Commit
	ja, en *version
	prev   *revision
	ed     *edition // the edition it began or corrected, see editions
}

// changed reports whether the revision changed what readers of lang see.
// A commit that only mended the English translation is not a revision of
// the Japanese page.
func (r *revision) changed(lang string) bool {
	return r.prev == nil || r.prev.in(lang).text != r.in(lang).text
}

func (r *revision) in(lang string) *version {
	if lang == "en" {
		return r.en
	}
	return r.ja
}

// docHistory is the published revisions of one document, oldest first.
type docHistory struct {
	pair    *content.Pair
	revs    []*revision
	eds     []*edition // see editions
	current *edition   // in force on the build date; nil when none is yet
}

// histories reconstructs the published revisions of every public document
// from the git history, in one pass over each document's versions.
func (b *builder) histories() {
	b.hist = map[string]*docHistory{}
	h := b.opt.History
	if h == nil {
		return
	}
	var pairs []*content.Pair
	for _, pair := range b.set.Public() {
		if pair.Path != "index" {
			pairs = append(pairs, pair)
			b.hist[pair.Path] = &docHistory{pair: pair}
		}
	}
	// Each commit is judged by its own bytes before any are let go: then
	// a document's versions can go as soon as it has taken what it needs
	// of them, and a first build does not hold every version of every
	// document and every version's blocks at once.
	b.publishable = judgeCommits(h, &b.parsed)
	consume := b.opt.ConsumeHistory
	if consume {
		defer tightGC()()
		h.ForgetChanges()
		read := map[string]bool{}
		for _, pair := range pairs {
			for _, lang := range content.Languages {
				read[pair.In(lang).File] = true
			}
		}
		for path := range h.Files {
			if strings.HasPrefix(path, "content/") && !read[path] {
				h.ForgetFile(path) // no page of today's site is made of it
			}
		}
	}
	parallel.For(len(pairs), func(i int) {
		pair := pairs[i]
		b.history(b.hist[pair.Path])
		if consume {
			for _, lang := range content.Languages {
				h.ForgetFile(pair.In(lang).File)
			}
		}
	})
	b.judgeMessages()
	// Editions follow the Effective dates pages show: a withheld
	// message's date is withheld with it.
	for _, pair := range pairs {
		b.editions(b.hist[pair.Path])
	}
}

// history reconstructs one document's published revisions.
func (b *builder) history(dh *docHistory) {
	h, pair := b.opt.History, dh.pair
	// Versions are rendered once each; a commit that changed only one
	// language finds the other in the cache.
	local := map[cache.Key]*version{}
	jaMemo, enMemo := markdown.NewMemo(false), markdown.NewMemo(false)
	jaV := h.Files["content/ja/"+pair.Path+".md"]
	enV := h.Files["content/en/"+pair.Path+".md"]
	var jaData, enData []byte
	var jaPath, enPath string
	var ja, en *version
	var jaDone, enDone []byte // the bytes ja and en were made from
	var jaDonePath, enDonePath string
	var last *revision
	for i, j := 0, 0; i < len(jaV) || j < len(enV); {
		var c *history.Commit
		switch {
		case j >= len(enV) || i < len(jaV) && jaV[i].Commit.Seq <= enV[j].Commit.Seq:
			c = jaV[i].Commit
		default:
			c = enV[j].Commit
		}
		for ; i < len(jaV) && jaV[i].Commit.Seq == c.Seq; i++ {
			jaData, jaPath = jaV[i].Data, jaV[i].Path
		}
		for ; j < len(enV) && enV[j].Commit.Seq == c.Seq; j++ {
			enData, enPath = enV[j].Data, enV[j].Path
		}
		// A commit that changed one language leaves the other's bytes as
		// they were, in the same slice: no need to hash them again.
		if !sameSlice(jaData, jaDone) || jaPath != jaDonePath {
			ja = b.renderVersion(local, jaMemo, "ja", jaPath, pair.Path, jaData, len(jaV) == 1)
			jaDone, jaDonePath = jaData, jaPath
		}
		if !sameSlice(enData, enDone) || enPath != enDonePath {
			en = b.renderVersion(local, enMemo, "en", enPath, pair.Path, enData, len(enV) == 1)
			enDone, enDonePath = enData, enPath
		}
		if ja == nil || en == nil || !paired(jaPath, enPath) {
			last = nil // not published at this commit
			continue
		}
		if last != nil && last.ja.text == ja.text && last.en.text == en.text {
			continue // nothing a reader can see changed
		}
		rev := &revision{commit: c, ja: ja, en: en, prev: last}
		dh.revs = append(dh.revs, rev)
		last = rev
	}
}

type revItem struct {
	dh  *docHistory
	rev *revision
}

// recentRevisions returns the revisions across documents that changed
// what readers of lang see, newest first.
func (b *builder) recentRevisions(lang string) []revItem {
	var all []revItem
	for _, pair := range b.set.Public() {
		if dh := b.hist[pair.Path]; dh != nil {
			for _, r := range dh.revs {
				if r.changed(lang) {
					all = append(all, revItem{dh, r})
				}
			}
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].rev.commit.Seq > all[j].rev.commit.Seq })
	return all
}

// paired reports whether the files at jaPath and enPath were one document
// at a commit: the same path in the two language folders. Renames are
// followed for each language on its own, so a rename of one language only
// (or two documents merged into one) can put the Japanese of one document
// beside the English of another; judged by that commit, neither was then a
// published pair, and nothing of it is shown.
func paired(jaPath, enPath string) bool {
	ja, okJA := strings.CutPrefix(jaPath, "content/ja/")
	en, okEN := strings.CutPrefix(enPath, "content/en/")
	return okJA && okEN && ja == en
}

// sameSlice reports whether a and b are the same bytes in memory (history
// shares one slice between versions with the same content), telling nil
// (a deleted file) from empty.
func sameSlice(a, b []byte) bool {
	if (a == nil) != (b == nil) || len(a) != len(b) {
		return false
	}
	return len(a) == 0 || &a[0] == &b[0]
}
