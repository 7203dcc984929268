package history

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/storage"
)

type subFolder struct {
	repo string // relative to the top of the repository's trees ("" for the root tree)
}

// track follows one HEAD file back through history: the file keyed key lives at the tracked path on
// the newer side of the commit being compared. present is false between a deletion and a later
// re-addition: the path does not exist there, but an older deletion of it continues the history.
type track struct {
	key     string
	present bool
}

type reader struct {
	repo     storage.Storer
	objects  *objects // repo's object cache, nil for a repository not opened by open
	prefix   string   // the site folder relative to the top of the repository, "" at the top
	subNames []string
	subs     []subFolder
	// commits and blobs are read once each, however many files and versions share them.
	commits map[plumbing.Hash]*Commit
	order   []*Commit // as met by the walk, newest first
	blobs   map[plumbing.Hash][]byte
	similar map[plumbing.Hash]*similarity // for renames by content
	// tracked is keyed by path relative to the top of the repository.
	tracked map[string]*track
	hist    *History

	// For ReadCached. seen, when not nil, collects the path of every file that a sub-folder
	// comparison names, on either side. incomplete records a missing parent that the shallow list
	// does not name. known, when set, is asked after a commit has been compared with its first
	// parent; when it returns true it has spliced on the history below that parent, and the walk
	// ends.
	seen       map[string]bool
	incomplete bool
	known      func(parent plumbing.Hash) bool

	trees, lastTrees map[plumbing.Hash]*object.Tree // see tree
}

// snapshot is what the walk reads of one commit: its root tree and each sub-folder's tree (nil where
// the folder does not exist). The snapshot of a missing parent has only nils.
type snapshot struct {
	root *object.Tree
	subs []*object.Tree
}

// head returns the hash of the HEAD commit (false when there is no commit yet) and the shallow
// list. It reads references only, no object: a cached history needs nothing more.
func (r *reader) head() (plumbing.Hash, bool, []plumbing.Hash, error) {
	head, err := storer.ResolveReference(r.repo, plumbing.HEAD)
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return plumbing.ZeroHash, false, nil, nil // no commit yet
	}
	if err != nil {
		return plumbing.ZeroHash, false, nil, fmt.Errorf("history: HEAD: %w", err)
	}
	shallow, err := r.repo.Shallow()
	if err != nil {
		return plumbing.ZeroHash, false, nil, fmt.Errorf("history: reading the shallow list: %w", err)
	}
	return head.Hash(), true, shallow, nil
}

// walk walks first-parent history from head, stopping at the commits of the shallow list.
func (r *reader) walk(head plumbing.Hash, shallow []plumbing.Hash) error {
	c, err := object.GetCommit(r.repo, head)
	if err != nil {
		return fmt.Errorf("history: HEAD: %w", err)
	}
	boundary := map[plumbing.Hash]bool{}
	for _, h := range shallow {
		boundary[h] = true
	}

	cur, err := r.snapshot(c)
	if err != nil {
		return err
	}
	if err := r.start(cur); err != nil {
		return err
	}
	for {
		var parent *object.Commit
		if c.NumParents() > 0 {
			if boundary[c.Hash] {
				r.hist.Shallow = true
			} else {
				parent, err = object.GetCommit(r.repo, c.ParentHashes[0])
				if errors.Is(err, plumbing.ErrObjectNotFound) {
					// A shallow clone whose shallow file was lost, or an incomplete copy: what is
					// here is still a consistent history, only shorter.
					r.hist.Shallow = true
					r.incomplete = true
					parent = nil
				} else if err != nil {
					return fmt.Errorf("history: commit %s: parent: %w", short(c.Hash), err)
				}
			}
		}
		old := snapshot{subs: make([]*object.Tree, len(r.subs))}
		if parent != nil {
			if old, err = r.snapshot(parent); err != nil {
				return err
			}
		}
		if err := r.compare(c, old, cur); err != nil {
			return err
		}
		if parent == nil || r.known != nil && r.known(parent.Hash) {
			return nil
		}
		c, cur = parent, old
	}
}

func (r *reader) snapshot(c *object.Commit) (snapshot, error) {
	root, err := c.Tree()
	if err != nil {
		return snapshot{}, fmt.Errorf("history: commit %s: %w", short(c.Hash), err)
	}
	s := snapshot{root: root, subs: make([]*object.Tree, len(r.subs))}
	for i, sub := range r.subs {
		if sub.repo == "" {
			s.subs[i] = root
			continue
		}
		t, err := root.Tree(sub.repo)
		if errors.Is(err, object.ErrDirectoryNotFound) {
			continue
		}
		if err != nil {
			return snapshot{}, fmt.Errorf("history: commit %s: %s: %w", short(c.Hash), sub.repo, err)
		}
		s.subs[i] = t
	}
	return s, nil
}

// start tracks every file in HEAD.
func (r *reader) start(head snapshot) error {
	for i, t := range head.subs {
		if t == nil {
			continue
		}
		w := object.NewTreeWalker(t, true, nil)
		for {
			name, entry, err := w.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				w.Close()
				return fmt.Errorf("history: HEAD: %s: %w", r.subs[i].repo, err)
			}
			if !isFile(entry.Mode) {
				continue
			}
			p := repoJoin(r.subs[i].repo, name)
			if r.tracked[p] != nil {
				continue // in two overlapping sub-folders
			}
			key := r.sitePath(p)
			r.tracked[p] = &track{key: key, present: true}
			r.hist.Files[key] = nil
		}
		w.Close()
	}
	return nil
}

func repoJoin(dir, name string) string {
	if dir == "" {
		return name
	}
	return dir + "/" + name
}

// sitePath turns a path relative to the top of the repository into one relative to the site
// folder; a file that lived outside the site folder gets a path starting with "../".
func (r *reader) sitePath(p string) string {
	if r.prefix == "" {
		return p
	}
	if strings.HasPrefix(p, r.prefix+"/") {
		return p[len(r.prefix)+1:]
	}
	from, to := strings.Split(r.prefix, "/"), strings.Split(p, "/")
	for len(from) > 0 && len(to) > 1 && from[0] == to[0] {
		from, to = from[1:], to[1:]
	}
	return strings.Repeat("../", len(from)) + strings.Join(to, "/")
}

// inSub reports whether a path (relative to the top of the repository) is inside a sub-folder, so
// that the comparison of sub-folder trees sees its changes.
func (r *reader) inSub(p string) bool {
	for _, s := range r.subs {
		if s.repo == "" || strings.HasPrefix(p, s.repo+"/") {
			return true
		}
	}
	return false
}

// update is one tracked file's change in one commit: the file keyed key moves from path to (on the
// newer side, "" when the commit deleted it) to path from on the older side ("" when it did not
// exist there). Paths are relative to the top of the repository.
type update struct {
	key      string
	to, from string
	version  Version
}

// compare records the versions commit c made of tracked files, given the snapshots of its first
// parent (old) and of itself (cur).
func (r *reader) compare(c *object.Commit, old, cur snapshot) error {
	r.nextTrees()
	var updates []update
	for i, s := range r.subs {
		a, b := old.subs[i], cur.subs[i]
		if a == nil && b == nil || a != nil && b != nil && a.Hash == b.Hash {
			continue
		}
		if a == nil {
			a = &object.Tree{}
		}
		if b == nil {
			b = &object.Tree{}
		}
		changes, err := r.diffTree(a, b)
		if err != nil {
			return fmt.Errorf("history: commit %s: comparing %s: %w", short(c.Hash), s.repo, err)
		}
		for _, ch := range changes {
			if r.seen != nil {
				r.see(s.repo, ch)
			}
			u, ok, err := r.change(c, s.repo, ch)
			if err != nil {
				return err
			}
			if ok {
				updates = append(updates, u)
			}
		}
	}
	outside, err := r.outside(c, old, cur)
	if err != nil {
		return err
	}
	updates = append(updates, outside...)
	if updates, err = r.origins(c, old, cur, updates); err != nil {
		return err
	}
	if cc := r.commits[c.Hash]; cc != nil && cc.Changes == nil {
		if cc.Changes, err = r.changes(c, old, cur); err != nil {
			return err
		}
	}

	// Every lookup above saw the newer side; only now move the tracks to the older side, so that a
	// commit swapping two names cannot hand one file's history to the other.
	done := map[string]bool{} // keys given a version in this commit (overlapping sub-folders)
	for _, u := range updates {
		if u.to != "" {
			delete(r.tracked, u.to)
		}
	}
	for _, u := range updates {
		if done[u.key] {
			continue
		}
		done[u.key] = true
		r.hist.Files[u.key] = append(r.hist.Files[u.key], u.version)
		switch {
		case u.to == "":
			r.tracked[u.from].present = true
		case u.from == "":
			r.tracked[u.to] = &track{key: u.key, present: false}
		default:
			r.tracked[u.from] = &track{key: u.key, present: true}
		}
	}
	return nil
}

func (r *reader) see(sub string, ch *object.Change) {
	if ch.From.Name != "" {
		r.seen[repoJoin(sub, ch.From.Name)] = true
	}
	if ch.To.Name != "" {
		r.seen[repoJoin(sub, ch.To.Name)] = true
	}
}

// change turns one go-git change inside sub-folder sub into an update of a tracked file, if it
// concerns one.
func (r *reader) change(c *object.Commit, sub string, ch *object.Change) (update, bool, error) {
	var to, from string
	if ch.To.Name != "" && isFile(ch.To.TreeEntry.Mode) {
		to = repoJoin(sub, ch.To.Name)
	}
	if ch.From.Name != "" && isFile(ch.From.TreeEntry.Mode) {
		from = repoJoin(sub, ch.From.Name)
	}
	if to != "" {
		t := r.tracked[to]
		if t == nil || !t.present {
			if from != "" && r.tracked[from] != nil && !r.tracked[from].present {
				// Renamed to a file that is not kept: for the file at from, this is its deletion.
				return r.deletion(c, from)
			}
			return update{}, false, nil
		}
		if from == to && ch.From.TreeEntry.Hash == ch.To.TreeEntry.Hash {
			return update{}, false, nil // a change of mode only: not a revision of the text
		}
		return r.revision(c, t.key, to, from, ch.To.TreeEntry.Hash)
	}
	if from != "" {
		if t := r.tracked[from]; t != nil && !t.present {
			return r.deletion(c, from)
		}
	}
	return update{}, false, nil
}

// outside checks the tracked files that are not inside a sub-folder (files that were moved into one
// after this commit) path by path: there are few of them, and the sub-folder comparison misses them.
func (r *reader) outside(c *object.Commit, old, cur snapshot) ([]update, error) {
	var paths []string
	for p := range r.tracked {
		if !r.inSub(p) {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	var updates []update
	for _, p := range paths {
		t := r.tracked[p]
		before := fileEntry(old.root, p)
		if !t.present {
			if before != nil {
				u, _, err := r.deletion(c, p)
				if err != nil {
					return nil, err
				}
				updates = append(updates, u)
			}
			continue
		}
		after := fileEntry(cur.root, p)
		if after == nil || before != nil && before.Hash == after.Hash {
			continue
		}
		from := ""
		if before != nil {
			from = p
		}
		u, _, err := r.revision(c, t.key, p, from, after.Hash)
		if err != nil {
			return nil, err
		}
		updates = append(updates, u)
	}
	return updates, nil
}

func fileEntry(root *object.Tree, p string) *object.TreeEntry {
	if root == nil {
		return nil
	}
	e, err := root.FindEntry(p)
	if err != nil || !isFile(e.Mode) {
		return nil
	}
	return e
}

// origins looks, for each tracked file that commit c seems to add, for a file it was renamed from
// anywhere in the repository: from another sub-folder, or from outside the site. Only commits that
// add a tracked file pay for this comparison of whole trees, that is about one commit per file.
func (r *reader) origins(c *object.Commit, old, cur snapshot, updates []update) ([]update, error) {
	if old.root == nil {
		return updates, nil
	}
	claimed := map[string]bool{} // older-side paths already taken by a rename found in a sub-folder
	added := false
	for _, u := range updates {
		if u.to != "" && u.from == "" {
			added = true
		}
		if u.to != "" && u.from != "" {
			claimed[u.from] = true
		}
	}
	if !added {
		return updates, nil
	}
	changes, err := r.diffTree(old.root, cur.root)
	if err != nil {
		return nil, fmt.Errorf("history: commit %s: %w", short(c.Hash), err)
	}
	renamedFrom := map[string]string{}
	for _, ch := range changes {
		if ch.From.Name != "" && ch.To.Name != "" && ch.From.Name != ch.To.Name &&
			isFile(ch.From.TreeEntry.Mode) && isFile(ch.To.TreeEntry.Mode) && !claimed[ch.From.Name] {
			renamedFrom[ch.To.Name] = ch.From.Name
		}
	}
	moved := map[string]bool{}
	for i, u := range updates {
		if u.to == "" || u.from != "" {
			continue
		}
		if src, ok := renamedFrom[u.to]; ok {
			updates[i].from = src
			moved[src] = true
		}
	}
	// A path a tracked file was renamed from is that file's history now, not the continuation of
	// a file deleted there and added again later.
	out := updates[:0]
	for _, u := range updates {
		if u.to == "" && moved[u.from] {
			continue
		}
		out = append(out, u)
	}
	return out, nil
}

func (r *reader) revision(c *object.Commit, key, to, from string, h plumbing.Hash) (update, bool, error) {
	commit, err := r.commit(c)
	if err != nil {
		return update{}, false, err
	}
	data, err := r.blob(c, h)
	if err != nil {
		return update{}, false, err
	}
	return update{
		key: key, to: to, from: from,
		version: Version{Commit: commit, Path: r.sitePath(to), Data: data},
	}, true, nil
}

func (r *reader) deletion(c *object.Commit, from string) (update, bool, error) {
	commit, err := r.commit(c)
	if err != nil {
		return update{}, false, err
	}
	return update{
		key: r.tracked[from].key, from: from,
		version: Version{Commit: commit, Path: r.sitePath(from)},
	}, true, nil
}

func (r *reader) blob(c *object.Commit, h plumbing.Hash) ([]byte, error) {
	b, err := r.blobByHash(h)
	if err != nil {
		return nil, fmt.Errorf("history: commit %s: %w", short(c.Hash), err)
	}
	return b, nil
}

// blobByHash reads a blob once: every later request for the same hash gets the same slice.
func (r *reader) blobByHash(h plumbing.Hash) ([]byte, error) {
	if b, ok := r.blobs[h]; ok {
		return b, nil
	}
	blob, err := object.GetBlob(r.repo, h)
	if err != nil {
		return nil, fmt.Errorf("blob %s: %w", h, err)
	}
	rd, err := blob.Reader()
	if err != nil {
		return nil, fmt.Errorf("blob %s: %w", h, err)
	}
	defer rd.Close()
	b := make([]byte, blob.Size)
	if _, err := io.ReadFull(rd, b); err != nil {
		return nil, fmt.Errorf("blob %s: %w", h, err)
	}
	r.blobs[h] = b
	if r.objects != nil {
		r.objects.hold(h, b)
	}
	return b, nil
}

func (r *reader) commit(c *object.Commit) (*Commit, error) {
	if cc, ok := r.commits[c.Hash]; ok {
		return cc, nil
	}
	subject, body, trailers := parseMessage(c.Message)
	cc := &Commit{
		Hash:    c.Hash.String(),
		Short:   short(c.Hash),
		Time:    c.Committer.When,
		Subject: subject,
		Body:    body,
		Author:  c.Author.Name,
	}
	for _, tr := range trailers {
		if !strings.EqualFold(tr.key, "Effective") {
			continue
		}
		if _, err := time.Parse(time.DateOnly, tr.value); err != nil {
			cc.TrailerError = fmt.Sprintf("trailer %q: want a date YYYY-MM-DD", tr.key+": "+tr.value)
			break
		}
		if cc.Effective != "" && cc.Effective != tr.value {
			cc.TrailerError = fmt.Sprintf("two Effective trailers, %q and %q", "Effective: "+cc.Effective, tr.key+": "+tr.value)
			break
		}
		cc.Effective = tr.value
	}
	if cc.TrailerError != "" {
		cc.Effective = ""
	}
	r.commits[c.Hash] = cc
	r.order = append(r.order, cc)
	return cc, nil
}

func short(h plumbing.Hash) string { return h.String()[:7] }

// isFile reports regular and executable files and symbolic links (whose data is the link's target);
// gitlinks (submodules) and trees are not files of the site.
func isFile(m filemode.FileMode) bool { return m.IsFile() }
