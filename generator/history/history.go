package history

import (
	"errors"
	"fmt"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
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
	// Effective is the value of an "Effective: YYYY-MM-DD" trailer (validated), "" if none or
	// if the trailer is malformed.
	Effective string
	// TrailerError says what is wrong with the commit's Effective trailer ("" when nothing is):
	// a value that is not a date, or two different dates. It is not an error of Read: whether
	// it matters depends on whether the commit is shown at all, which is the caller's to judge.
	// It names the trailer line and never the subject.
	TrailerError string
	// Changes is every path the commit changed anywhere in the repository, sorted by path, with
	// the same files in parallel folders as context (see Change).
	Changes []Change
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
		repo:    repo.Storer,
		objects: repo.objects,
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

// Forget lets go of the content of every version of the files under
// prefix (a slash folder, "content/") and of every change of every commit:
// their Data is nil afterwards, which reads as deleted, so h must not be
// read again by anything that needs them. A caller that has taken what it
// needs from a long history need not hold every version of it to the end.
func (h *History) Forget(prefix string) {
	for path := range h.Files {
		if strings.HasPrefix(path, prefix) {
			h.ForgetFile(path)
		}
	}
	h.ForgetChanges()
}

// ForgetFile lets go of the content of every version of the file at path
// (a key of Files), as Forget does. Calls for different paths may run at
// the same time.
func (h *History) ForgetFile(path string) {
	vs := h.Files[path]
	for i := range vs {
		vs[i].Data = nil
	}
}

// ForgetChanges lets go of the content of every change of every commit
// (see Commit.Changes), as Forget does.
func (h *History) ForgetChanges() {
	for _, c := range h.Commits {
		for i := range c.Changes {
			c.Changes[i].Old.Data, c.Changes[i].New.Data = nil, nil
		}
	}
}
