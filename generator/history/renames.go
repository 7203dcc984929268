package history

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"sort"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// diffTree compares two trees with rename detection as object.DiffTreeWithOptions does with
// renameOptions, with one difference: the result does not depend on chance.
//
// go-git pairs an added file with the deleted file of the highest similarity score (an integer
// percentage), and breaks ties by the order of its lists of added and deleted files, which come out
// of a map: two equally similar candidates (documents sharing a template, say) made two builds
// follow a file back to different predecessors. So go-git is asked for exact renames only, whose
// pairing does not depend on that order, and the renames by content are found here with go-git's
// own scores, ties broken by path (see similarity).
//
// Renames are looked for only when a commit both adds and deletes files:
// most commits do neither, and are compared by treeDiff alone.
func (r *reader) diffTree(a, b *object.Tree) (object.Changes, error) {
	plain, err := r.treeDiff(a, b)
	if err != nil {
		return nil, err
	}
	adds, dels := false, false
	for _, ch := range plain {
		adds = adds || ch.From.Name == ""
		dels = dels || ch.To.Name == ""
	}
	if !adds || !dels {
		return plain, nil
	}
	exact := *renameOptions
	exact.OnlyExactRenames = true
	changes, err := object.DiffTreeWithOptions(context.Background(), a, b, &exact)
	if err != nil {
		return nil, err
	}
	// As go-git: the added and the deleted files, each in path order (the changes are sorted).
	var added, deleted []*object.Change
	for _, ch := range changes {
		switch {
		case ch.From.Name == "":
			added = append(added, ch)
		case ch.To.Name == "":
			deleted = append(deleted, ch)
		}
	}
	n := max(len(added), len(deleted))
	if len(added) == 0 || len(deleted) == 0 || renameOptions.RenameLimit > 0 && n > int(renameOptions.RenameLimit) {
		return changes, nil
	}

	type pair struct{ add, del, score int }
	var pairs []pair
	for di, del := range deleted {
		if del.From.TreeEntry.Mode != filemode.Regular {
			continue
		}
		for ai, add := range added {
			if add.To.TreeEntry.Mode != filemode.Regular {
				continue
			}
			from, err := r.similarity(del.From.TreeEntry.Hash)
			if err != nil {
				return nil, err
			}
			to, err := r.similarity(add.To.TreeEntry.Hash)
			if err != nil {
				return nil, err
			}
			least := int(renameOptions.RenameScore)
			if !sizesAllow(from, to, least) {
				continue
			}
			if score := renameScore(del.From.Name, add.To.Name, from, to); score >= least {
				pairs = append(pairs, pair{ai, di, score})
			}
		}
	}
	// Highest score first; among equals, as go-git with its lists in path order would: the last
	// added path, then the last deleted path.
	slices.SortFunc(pairs, func(x, y pair) int {
		return cmp.Or(cmp.Compare(y.score, x.score), cmp.Compare(y.add, x.add), cmp.Compare(y.del, x.del))
	})
	var out object.Changes
	for _, ch := range changes {
		if ch.From.Name != "" && ch.To.Name != "" {
			out = append(out, ch)
		}
	}
	usedAdd, usedDel := make([]bool, len(added)), make([]bool, len(deleted))
	for _, p := range pairs {
		if usedAdd[p.add] || usedDel[p.del] {
			continue
		}
		usedAdd[p.add], usedDel[p.del] = true, true
		out = append(out, &object.Change{From: deleted[p.del].From, To: added[p.add].To})
	}
	for i, ch := range added {
		if !usedAdd[i] {
			out = append(out, ch)
		}
	}
	for i, ch := range deleted {
		if !usedDel[i] {
			out = append(out, ch)
		}
	}
	// go-git's order: by the older path, or the newer one for an added file.
	sort.SliceStable(out, func(i, j int) bool { return changeName(out[i]) < changeName(out[j]) })
	return out, nil
}

// sizesAllow reports whether two files' sizes are close enough for a score of least: go-git does not
// compare the others.
func sizesAllow(from, to *similarity, least int) bool {
	small, large := from.size+1, to.size+1
	if small > large {
		small, large = large, small
	}
	return small*100/large >= int64(least)
}

// renameScore is go-git's score, 0 to 100, of a rename from one path to another: 99% the similarity
// of the contents, 1% that of the paths.
func renameScore(fromPath, toPath string, from, to *similarity) int {
	return (from.score(to, 10000)*99 + nameSimilarity(fromPath, toPath)*100) / 10000
}

func changeName(ch *object.Change) string {
	if ch.From.Name != "" {
		return ch.From.Name
	}
	return ch.To.Name
}

// similarity is the similarity index go-git computes for renames by content (that of JGit's
// SimilarityIndex): the file cut into lines, a line longer than 64 bytes into blocks of 64, each
// region hashed and counted by its number of bytes (without the CR of a CRLF in a text file).
type similarity struct {
	size   int64
	hashed uint64            // bytes counted
	counts map[uint32]uint64 // bytes per region hash
}

// similarity returns the similarity index of a blob, made once per blob.
func (r *reader) similarity(h plumbing.Hash) (*similarity, error) {
	if s, ok := r.similar[h]; ok {
		return s, nil
	}
	data, ok := r.blobs[h]
	if !ok {
		blob, err := object.GetBlob(r.repo, h)
		if err != nil {
			return nil, fmt.Errorf("blob %s: %w", h, err)
		}
		rd, err := blob.Reader()
		if err != nil {
			return nil, fmt.Errorf("blob %s: %w", h, err)
		}
		data, err = io.ReadAll(rd)
		rd.Close()
		if err != nil {
			return nil, fmt.Errorf("blob %s: %w", h, err)
		}
	}
	s := newSimilarity(data)
	r.similar[h] = s
	return s, nil
}

func newSimilarity(data []byte) *similarity {
	s := &similarity{size: int64(len(data)), counts: map[uint32]uint64{}}
	// A file is binary when its first 8000 bytes hold a zero byte.
	binary := bytes.IndexByte(data[:min(len(data), 8000)], 0) >= 0
	remaining, i := len(data), 0
	for remaining > 0 {
		hash, counted, n := uint32(5381), uint64(0), 0
		for {
			n++
			c := data[i]
			i++
			// go-git reads the file 4096 bytes at a time and sees the LF after a CR only
			// within the same read.
			if !binary && c == '\r' && i%4096 != 0 && i < len(data) && data[i] == '\n' {
				continue
			}
			counted++
			if c == '\n' {
				break
			}
			hash = hash<<5 + hash + uint32(c)
			if n >= 64 || n >= remaining {
				break
			}
		}
		s.hashed += counted
		s.counts[hash*0x9e370001>>1] += counted
		remaining -= n
	}
	return s
}

// score returns the bytes in common (per region hash, the smaller count) as a fraction of the larger
// file, scaled to max. (go-git's sorted tables do not count a region whose hash mixes to 0, odds of
// 2^-31 per distinct line; neither does this.)
func (s *similarity) score(o *similarity, max int) int {
	larger := s.hashed
	if o.hashed > larger {
		larger = o.hashed
	}
	if larger == 0 {
		return max
	}
	var common uint64
	for k, n := range s.counts {
		if m, ok := o.counts[k]; ok && k != 0 {
			common += min(n, m)
		}
	}
	return int(common * uint64(max) / larger)
}

// nameSimilarity scores how alike two paths are, 0 to 100, as go-git does: the folder compared from
// the left and from the right (a quarter each), the file name from the right (a half).
func nameSimilarity(a, b string) int {
	aDir, bDir := lastSlash(a)+1, lastSlash(b)+1
	dirMin, dirMax := min(aDir, bDir), max(aDir, bDir)
	ltr, rtl := 100, 100
	if dirMax > 0 {
		same := 0
		for same < dirMin && a[same] == b[same] {
			same++
		}
		ltr = same * 100 / dirMax
		if ltr != 100 {
			same = 0
			for same < dirMin && a[aDir-1-same] == b[bDir-1-same] {
				same++
			}
			rtl = same * 100 / dirMax
		}
	}
	fileMin, fileMax := min(len(a)-aDir, len(b)-bDir), max(len(a)-aDir, len(b)-bDir)
	same := 0
	for same < fileMin && a[len(a)-1-same] == b[len(b)-1-same] {
		same++
	}
	return ((ltr+rtl)*25 + same*100/fileMax*50) / 100
}

func lastSlash(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '/' {
			return i
		}
	}
	return -1
}
