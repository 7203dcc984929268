// Package history reads the revision history of the site's content from git, with go-git and never
// the git binary, so that a build needs nothing but Go.
//
// # What it reads
//
// [Read] opens the repository that contains the site folder (searching parent folders, so the site may
// be a sub-folder of a larger repository) and walks the first-parent history from HEAD once, newest
// first. For every commit it compares, for each requested sub-folder (for example "content" and
// "quizzes"), the sub-folder's tree with the same tree in the commit's first parent. Equal tree hashes
// mean nothing under that sub-folder changed, so the commit costs one tree lookup per sub-folder; only
// commits that touched a sub-folder are diffed, and only their changed files are read. The cost is
// therefore linear in commits × changed files, and the whole history is read in one pass instead of one
// log walk per document.
//
// Merge commits are compared with their first parent only: what a merge brought in counts as one
// revision, dated by the merge, as a reader of the published site would have seen it.
//
// Only files present in HEAD are keyed: a document deleted before HEAD has no page, so it has no
// history either. Its revisions are reachable only when a file that is still present was renamed from
// it.
//
// # Renames
//
// Each tree comparison runs go-git's rename detection (exact renames, then renames by content
// similarity of at least 50%, git's own default), so a document that was moved or renamed keeps its
// earlier revisions under its current path; Version.Path tells where the file was at each commit.
// When two deleted files are equally similar to an added one, the tie is broken by path, the same
// way every time (go-git broke it by the order of a map; see renames.go).
// When a commit seems to add a tracked file and the sub-folder comparison finds no rename, the whole
// trees of the commit and its parent are compared once more with rename detection, so a file moved in
// from another sub-folder (quizzes to content) or from outside the site folder keeps its history too;
// while it lived outside the sub-folders it is followed path by path, and its Version.Path is
// relative to the site folder even then ("../drafts/policy.md" for a site in a sub-folder of the
// repository). Copies are not followed (`git log --follow` would follow a file copied and then
// edited back to the original): a copy is a new document.
//
// A file deleted and later added again at the same path keeps one history: the revision that deleted
// it has nil Data, and the revisions before it follow, as `git log -- path` shows them.
//
// # Commit messages
//
// The subject is the first line of the message; the body is the rest with the trailer block (the last
// paragraph, when every line of it is a "Key: value" trailer) removed. One trailer has a meaning here:
// "Effective: YYYY-MM-DD" records the date a revision takes effect, which for a policy can differ from
// the date it was committed. A malformed Effective date is an error naming the commit; it is checked
// only for commits that changed a file that is read.
//
// # Shallow clones
//
// A shallow clone (CI systems make them by default) lacks the oldest commits: the repository lists
// its boundary commits in .git/shallow, and their parents are missing. Read stops at the boundary
// without failing and sets History.Shallow. The boundary commit is then compared with an empty tree,
// so every file it holds appears to have been added by it: the earliest versions of a shallow
// history are not real first versions, and callers should say so.
//
// # Cache
//
// [ReadCached] returns exactly what Read returns (the same versions, paths, bytes, commits, and the
// same sharing: one *Commit per commit, one Data slice per blob) and keeps it, so that the next build
// reads one file instead of walking history. A cached HEAD costs about 14 ms for the 13 MB of text of
// GitHub's site policies, where Read takes 200 ms or more; a build after a push walks only the new
// commits.
//
// Where. The cache is in the folder "policysite" inside the repository's git directory (for a
// linked work tree, the git directory all work trees share; for a bare repository, the repository
// folder), never in the work tree: it holds the text of every version of every document read,
// internal ones included, so it gets exactly the access rights of the git directory (the same
// permission bits, the setgid bit of a shared repository; files without execute bits) and must never
// be published or copied. [CacheDir] returns that folder. A folder that cannot be made or written,
// or a link or file in its place, means no cache: ReadCached is then Read.
//
// Entries. One file per HEAD, "history-<key>-<HEAD hash>.cache", holds the history (each blob once,
// by hash), the paths its walk saw, the full key and HEAD, and a CRC-32C of the whole. The key covers
// everything the result depends on besides the commits themselves: the site folder inside the
// repository, the sub-folders, the shallow list, and a hash of the package's semantics (the format
// version cacheFormat, this package's source, the History type, go-git's version). A file that is
// damaged, cut short, of another format, key or HEAD is read as no entry and replaced; an entry is
// written to a temporary file that is then renamed, so a build running at the same time sees a whole
// file or none; and the encoded entry is decoded and compared with the history before it is kept.
// The four most recently used entries of each of the four most recently used keys are kept. A
// history read with a parent missing that the shallow list does not name is not kept (the parent
// may be fetched later, HEAD unchanged). Errors of the cache are never returned; errors of git are,
// as Read returns them.
//
// Incremental reads. When HEAD is not cached, the walk asks at each first parent whether that commit
// is. If it is, the walk has followed every HEAD file back to that commit, and walking on would repeat
// the walk that made the entry, which began with every file of that commit tracked under its own
// path, with other key names, provided that:
//
//   - the files followed back are exactly the files of the cached commit, each followed by one HEAD
//     file (a rename above it only renames the key), and
//   - a HEAD file added above it is at a path inside the sub-folders where no file existed in the
//     cached walk's history (else it may continue an older file deleted there).
//
// Then the cached versions and commits are spliced on, renamed to the HEAD keys. Otherwise (a file
// deleted above the cached commit, moved in from outside the sub-folders, added where a file was
// deleted before) the walk goes on, to an older cached commit or to the end, which is always right.
// A HEAD that does not descend from a cached one by first parents (an amended or rebased commit, a
// reset to a commit never cached) is walked in full, unless it meets an older cached commit on the
// way.
package history

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// ErrNoRepository is returned (wrapped) by Read when no git repository contains the folder.
var ErrNoRepository = errors.New("no git repository")

// Commit is one commit that changed at least one file that was read.
type Commit struct {
	Hash  string    // full hex
	Short string    // the first 7 hex characters, as used in URLs
	Time  time.Time // committer time, in the committer's zone
	// Subject is the first line of the message.
	Subject string
	// Body is the rest of the message, trailers removed, trimmed.
	Body string
	// Effective is the value of an "Effective: YYYY-MM-DD" trailer (validated), "" if none.
	Effective string
	// Author is the author's name. The site hides it unless told otherwise.
	Author string
	// Seq is the commit's place in History.Commits: first-parent order, 0 for the oldest. Dates
	// cannot order commits (imported histories often share one date); Seq can.
	Seq int
}

// Version is one file as one commit left it.
type Version struct {
	Commit *Commit
	// Path is the file's path at that commit, relative to the site folder, with forward slashes
	// (e.g. "content/ja/old-name.md"); it starts with "../" while a file later moved into the
	// site lived outside the site folder.
	Path string
	// Data is the file's content at that commit; nil when the commit deleted the file. Versions
	// with the same content share one slice: read it, do not modify it.
	Data []byte
}

// History is the history of every file under the requested sub-folders.
type History struct {
	// Files maps the path of each file in HEAD, relative to the site folder with forward slashes
	// ("content/ja/basic-policy.md"), to its versions, oldest first, renames followed back.
	Files map[string][]Version
	// Shallow reports that the clone is shallow: the oldest commits are missing.
	Shallow bool
	// Commits lists every commit that changed a file that was read, oldest first (first-parent
	// order), so that the state of several files at one commit can be reconstructed.
	Commits []*Commit
}

// renameOptions match git's defaults (diff.renames, 50% similarity, diff.renameLimit 1000) so the
// site shows the same renames as `git log --follow`.
var renameOptions = &object.DiffTreeOptions{
	DetectRenames: true,
	RenameScore:   50,
	RenameLimit:   1000,
}

// Read returns the history of every file under dir/<sub> for each sub (e.g. "content", "quizzes"),
// walking first-parent history from HEAD once. Subs are slash-separated paths relative to dir; "."
// means dir itself. When no repository contains dir, the error wraps ErrNoRepository. A repository
// without commits gives an empty history.
func Read(dir string, subs ...string) (*History, error) {
	repo, err := open(dir)
	if err != nil {
		return nil, err
	}
	defer repo.close()
	r, err := newReader(repo, subs)
	if err != nil {
		return nil, err
	}
	head, ok, shallow, err := r.head()
	if err != nil {
		return nil, err
	}
	if ok {
		if err := r.walk(head, shallow); err != nil {
			return nil, err
		}
	}
	return r.finish(), nil
}

func newReader(repo *repository, subs []string) (*reader, error) {
	for _, sub := range subs {
		if !isLocalSlash(sub) {
			return nil, fmt.Errorf("history: sub-folder %q: not a relative slash path inside the site", sub)
		}
	}
	r := &reader{
		repo:    repo.Repository,
		prefix:  repo.prefix,
		commits: map[plumbing.Hash]*Commit{},
		blobs:   map[plumbing.Hash][]byte{},
		similar: map[plumbing.Hash]*similarity{},
		tracked: map[string]*track{},
		hist:    &History{Files: map[string][]Version{}},
	}
	for _, sub := range dedupe(subs) {
		r.subNames = append(r.subNames, sub)
		r.subs = append(r.subs, subFolder{repo: joinPrefix(repo.prefix, sub)})
	}
	return r, nil
}

// finish puts what the walk collected newest first in the order History documents.
func (r *reader) finish() *History {
	// Commits were met newest first.
	for i := len(r.order) - 1; i >= 0; i-- {
		c := r.order[i]
		c.Seq = len(r.hist.Commits)
		r.hist.Commits = append(r.hist.Commits, c)
	}
	for key, vs := range r.hist.Files {
		// Versions were collected newest first.
		for i, j := 0, len(vs)-1; i < j; i, j = i+1, j-1 {
			vs[i], vs[j] = vs[j], vs[i]
		}
		r.hist.Files[key] = vs
	}
	return r.hist
}

// repository is an open repository and where the site is in it.
type repository struct {
	*git.Repository
	prefix string // the site folder inside the work tree, "" at its top
	gitDir string // the git directory shared by all work trees, "" when not stored in a folder
	close  func()
}

// open finds the repository containing dir and returns it with dir's path inside the work tree
// ("" when dir is the top of the work tree) and the git directory.
//
// go-git's default storage opens the packfile again for every object it reads; a history walk reads
// thousands of trees, and those system calls took two thirds of the time. So once go-git has found
// the repository (parent folders, .git files of linked work trees), its .git folder is opened again
// with the descriptors kept open for the duration of Read.
func open(dir string) (*repository, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	if _, err := os.Stat(abs); err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	// go-git's search of parent folders looks for .git only, so it would climb past a bare
	// repository given as dir; git itself checks whether each folder is a repository first.
	detect := !isBare(abs)
	found, err := git.PlainOpenWithOptions(abs, &git.PlainOpenOptions{DetectDotGit: detect, EnableDotGitCommonDir: true})
	if errors.Is(err, git.ErrRepositoryNotExists) {
		return nil, fmt.Errorf("history: %s: %w", dir, ErrNoRepository)
	}
	if err != nil {
		return nil, fmt.Errorf("history: %s: %w", dir, err)
	}
	rel := ""
	wt, err := found.Worktree()
	switch {
	case errors.Is(err, git.ErrIsBareRepository):
		// A bare repository has no files on disk: dir is the repository itself, so the
		// sub-folders are read from the top of its trees.
	case err != nil:
		return nil, fmt.Errorf("history: %s: %w", dir, err)
	default:
		if rel, err = relativeTo(wt.Filesystem.Root(), abs); err != nil {
			return nil, fmt.Errorf("history: %s: %w", dir, err)
		}
	}
	fsStorage, ok := found.Storer.(*filesystem.Storage)
	if !ok {
		return &repository{Repository: found, prefix: rel, close: func() {}}, nil
	}
	st := filesystem.NewStorageWithOptions(fsStorage.Filesystem(), cache.NewObjectLRUDefault(), filesystem.Options{KeepDescriptors: true})
	repo, err := git.Open(st, nil)
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("history: %s: %w", dir, err)
	}
	return &repository{
		Repository: repo,
		prefix:     rel,
		gitDir:     commonDir(fsStorage.Filesystem().Root()),
		close:      func() { st.Close() },
	}, nil
}

// commonDir returns the git directory shared by all work trees of the repository whose own git
// directory is dir: the one named by dir's commondir file in a linked work tree, dir otherwise.
func commonDir(dir string) string {
	b, err := os.ReadFile(filepath.Join(dir, "commondir"))
	if err != nil {
		return dir
	}
	p := strings.TrimSpace(string(b))
	if p == "" {
		return dir
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(dir, p)
	}
	return filepath.Clean(p)
}

// isBare reports whether dir is itself a git directory without a .git entry, as git's own test for a
// repository folder reads it: a HEAD file and objects and refs folders.
func isBare(dir string) bool {
	if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
		return false
	}
	head, err := os.Stat(filepath.Join(dir, "HEAD"))
	if err != nil || !head.Mode().IsRegular() {
		return false
	}
	for _, sub := range []string{"objects", "refs"} {
		if fi, err := os.Stat(filepath.Join(dir, sub)); err != nil || !fi.IsDir() {
			return false
		}
	}
	return true
}

// relativeTo returns target relative to root with forward slashes, resolving symbolic links when the
// plain paths do not nest (a temporary folder reached through a link, for example).
func relativeTo(root, target string) (string, error) {
	rel, err := filepath.Rel(root, target)
	if err != nil || !filepath.IsLocal(rel) && rel != "." {
		r, err1 := filepath.EvalSymlinks(root)
		t, err2 := filepath.EvalSymlinks(target)
		if err1 != nil || err2 != nil {
			return "", fmt.Errorf("%s is not inside the work tree %s", target, root)
		}
		rel, err = filepath.Rel(r, t)
		if err != nil || !filepath.IsLocal(rel) && rel != "." {
			return "", fmt.Errorf("%s is not inside the work tree %s", target, root)
		}
	}
	if rel == "." {
		return "", nil
	}
	return filepath.ToSlash(rel), nil
}

func isLocalSlash(p string) bool {
	return p != "" && !strings.Contains(p, "\\") && path.Clean(p) == p && filepath.IsLocal(filepath.FromSlash(p))
}

func joinPrefix(prefix, sub string) string {
	p := path.Join(prefix, sub)
	if p == "." {
		return ""
	}
	return p
}

func dedupe(subs []string) []string {
	s := append([]string(nil), subs...)
	sort.Strings(s)
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

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
	repo     *git.Repository
	prefix   string // the site folder relative to the top of the repository, "" at the top
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
	head, err := r.repo.Head()
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return plumbing.ZeroHash, false, nil, nil // no commit yet
	}
	if err != nil {
		return plumbing.ZeroHash, false, nil, fmt.Errorf("history: HEAD: %w", err)
	}
	shallow, err := r.repo.Storer.Shallow()
	if err != nil {
		return plumbing.ZeroHash, false, nil, fmt.Errorf("history: reading the shallow list: %w", err)
	}
	return head.Hash(), true, shallow, nil
}

// walk walks first-parent history from head, stopping at the commits of the shallow list.
func (r *reader) walk(head plumbing.Hash, shallow []plumbing.Hash) error {
	c, err := r.repo.CommitObject(head)
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
				parent, err = r.repo.CommitObject(c.ParentHashes[0])
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
	if b, ok := r.blobs[h]; ok {
		return b, nil
	}
	blob, err := r.repo.BlobObject(h)
	if err != nil {
		return nil, fmt.Errorf("history: commit %s: blob %s: %w", short(c.Hash), h, err)
	}
	rd, err := blob.Reader()
	if err != nil {
		return nil, fmt.Errorf("history: commit %s: blob %s: %w", short(c.Hash), h, err)
	}
	defer rd.Close()
	b, err := io.ReadAll(rd)
	if err != nil {
		return nil, fmt.Errorf("history: commit %s: blob %s: %w", short(c.Hash), h, err)
	}
	if b == nil {
		b = []byte{} // nil means deleted
	}
	r.blobs[h] = b
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
			return nil, fmt.Errorf("commit %s (%s): Effective trailer %q: want a date YYYY-MM-DD", cc.Short, subject, tr.value)
		}
		if cc.Effective != "" && cc.Effective != tr.value {
			return nil, fmt.Errorf("commit %s (%s): two Effective trailers, %s and %s", cc.Short, subject, cc.Effective, tr.value)
		}
		cc.Effective = tr.value
	}
	r.commits[c.Hash] = cc
	r.order = append(r.order, cc)
	return cc, nil
}

func short(h plumbing.Hash) string { return h.String()[:7] }

// isFile reports regular and executable files and symbolic links (whose data is the link's target);
// gitlinks (submodules) and trees are not files of the site.
func isFile(m filemode.FileMode) bool { return m.IsFile() }
