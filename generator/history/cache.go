package history

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

	"policysite/generator/cache"
)

// cacheFormat is the version of the cache files and of what they mean. Change it whenever the file
// format or Read's results change (a new field, another rename rule, another reading of trailers).
// The key also covers a hash of this package's source and of the History type (see semantics), so a
// change made without touching cacheFormat still cannot be served a stale result; cacheFormat
// documents the intent.
const cacheFormat = 3

// sources are the files of the package that decide what Read returns and how the cache stores it.
// A new non-test file must be added here (TestCacheSources checks it).
//
//go:embed cache.go cachefile.go changes.go doc.go history.go message.go objects.go renames.go repository.go snapshot.go treediff.go walk.go
var sources embed.FS

// cacheDirName is the folder inside the git directory.
const cacheDirName = "policysite"

// keepPerKey and keepKeys bound the cache: the most recently used entries of one set of sub-folders
// (and site folder and shallow list), and the number of such sets.
const (
	keepPerKey = 4
	keepKeys   = 4
)

// staleTemp is the age after which a temporary file left by an interrupted build is removed.
const staleTemp = time.Hour

// ReadCached returns what Read returns, keeping the result in a cache inside the repository's git
// directory so that the next call for the same HEAD reads one file, and a call after new commits
// walks only those (see the package documentation, # Cache). Errors of the cache are never returned:
// without a usable cache ReadCached is Read.
func ReadCached(dir string, subs ...string) (*History, error) {
	h, _, err := readCached(dir, subs)
	return h, err
}

// CacheDir returns the folder where ReadCached keeps its cache for the repository that contains dir,
// creating it when it does not exist: "policysite" inside the repository's git directory (for a
// linked work tree, the git directory shared by all work trees), with the access rights of the git
// directory itself.
//
// The folder holds every commit message and path read (and the site's derived data, see
// generator/site), internal ones included, so it must never be published, copied into the site's output or shared beyond who can read the
// repository. Other derived data of the repository may be kept there too, under names that do not
// start with "history-" (those are ReadCached's and are pruned by it).
//
// The error wraps ErrNoRepository when no repository contains dir; it is also an error when the
// repository is not stored in a folder, or when the folder cannot be made or is not a real folder.
func CacheDir(dir string) (string, error) {
	repo, err := open(dir)
	if err != nil {
		return "", err
	}
	repo.close()
	if repo.gitDir == "" {
		return "", fmt.Errorf("history: %s: the repository is not stored in a folder", dir)
	}
	c, err := newCache(repo.gitDir)
	if err != nil {
		return "", fmt.Errorf("history: %w", err)
	}
	if err := c.makeDir(); err != nil {
		return "", fmt.Errorf("history: %w", err)
	}
	return c.dir, nil
}

// outcome tells tests which way readCached went.
type outcome int

const (
	uncached outcome = iota // no cache: no commit, no git directory on disk, or an unusable folder
	hit                     // the entry of HEAD was read
	spliced                 // new commits walked, the cached history below them spliced on
	walked                  // the whole history walked
)

func (o outcome) String() string {
	return [...]string{"uncached", "hit", "spliced", "walked"}[o]
}

func readCached(dir string, subs []string) (*History, outcome, error) {
	repo, err := open(dir)
	if err != nil {
		return nil, uncached, err
	}
	defer repo.close()
	r, err := newReader(repo, subs)
	if err != nil {
		return nil, uncached, err
	}
	head, ok, shallow, err := r.head()
	if err != nil {
		return nil, uncached, err
	}
	if !ok {
		return r.finish(), uncached, nil
	}
	c, err := newCache(repo.gitDir)
	if err != nil {
		if err := r.walk(head, shallow); err != nil {
			return nil, uncached, err
		}
		return r.finish(), uncached, nil
	}
	key := cacheKey(r.prefix, r.subNames, shallow)
	if e := c.load(key, head, r.blobByHash); e != nil {
		c.touch(key, head)
		return e.hist, hit, nil
	}

	// Any cached head of the same key may be a first-parent ancestor of HEAD; the walk asks about
	// each parent it reaches.
	heads := c.heads(key)
	done := walked
	r.seen = map[string]bool{}
	r.known = func(parent plumbing.Hash) bool {
		if !heads[parent] {
			return false
		}
		e := c.load(key, parent, r.blobByHash)
		if e == nil || !r.splice(e) {
			return false // walk on: the full walk is always right
		}
		done = spliced
		return true
	}
	if err := r.walk(head, shallow); err != nil {
		return nil, uncached, err
	}
	h := r.finish()
	if !r.incomplete {
		// A parent missing without being listed as shallow may yet be fetched, with HEAD and
		// the shallow list unchanged: such a history is not kept.
		c.store(key, head, r, h)
	}
	return h, done, nil
}

// splice is called when every commit above e's head has been compared with its parent, so that
// r.tracked follows the HEAD files back to e's head commit. It appends e's history, which is what
// the walk would find below, and returns true; or returns false, leaving r as it was, when that is
// not certain.
//
// The walk below e's head depends only on r.tracked; the names of the keys are labels. e was made by
// a walk that started with every file of e's head tracked under its own path. So the rest of the walk
// gives e's history, each key renamed to the key now tracked at that path, when:
//
//   - the files tracked as present are exactly e's files, each under its own key (a file moved in from
//     outside the sub-folders, or deleted above e's head, makes the sets differ), and
//   - every other track, a file added above e's head, is at a path inside the sub-folders that no
//     comparison of e's walk named: no commit below has a file there, so the track never matches.
//     (Such a path that existed below is a file deleted and added again: its older history counts.)
func (r *reader) splice(e *entry) bool {
	rename := map[string]string{} // e's key → HEAD's key
	keys := map[string]bool{}
	for p, t := range r.tracked {
		if keys[t.key] {
			return false // one key tracked twice: not a state a walk starts from
		}
		keys[t.key] = true
		if !t.present {
			if !r.inSub(p) || e.seen[p] {
				return false
			}
			continue
		}
		old := r.sitePath(p)
		if _, ok := e.hist.Files[old]; !ok || !r.inSub(p) {
			return false
		}
		rename[old] = t.key
	}
	if len(rename) != len(e.hist.Files) {
		return false
	}

	// Versions of one blob share one slice (as Read promises): a blob read above e's head that e
	// also holds is replaced by e's.
	swap := map[*byte][]byte{}
	for h, b := range r.blobs {
		if old, ok := e.blobs[h]; ok && len(b) > 0 {
			swap[&b[0]] = old
		}
	}
	for _, vs := range r.hist.Files {
		for i := range vs {
			if len(vs[i].Data) > 0 {
				if old, ok := swap[&vs[i].Data[0]]; ok {
					vs[i].Data = old
				}
			}
		}
	}
	for _, c := range r.order {
		for i := range c.Changes {
			for _, f := range []*File{&c.Changes[i].Old, &c.Changes[i].New} {
				if len(f.Data) > 0 {
					if old, ok := swap[&f.Data[0]]; ok {
						f.Data = old
					}
				}
			}
		}
	}
	maps.Copy(r.blobs, e.blobs)
	maps.Copy(r.seen, e.seen)

	// The walk collects newest first: e's versions and commits follow, newest first.
	for old, vs := range e.hist.Files {
		key := rename[old]
		for i := len(vs) - 1; i >= 0; i-- {
			r.hist.Files[key] = append(r.hist.Files[key], vs[i])
		}
	}
	for i := len(e.hist.Commits) - 1; i >= 0; i-- {
		r.order = append(r.order, e.hist.Commits[i])
	}
	r.hist.Shallow = e.hist.Shallow
	return true
}

// semantics is a hash of everything a cache entry's meaning depends on besides the repository: the
// format version, this package's source, the History type and the version of go-git (its rename
// detection decides which files are renames).
var semantics = sync.OnceValue(func() [32]byte {
	h := sha256.New()
	fmt.Fprintf(h, "policysite history cache %d\n", cacheFormat)
	describe(h, reflect.TypeFor[History](), map[reflect.Type]bool{})
	fmt.Fprintf(h, "\n%s\n", goGitVersion())
	names, _ := fs.Glob(sources, "*")
	for _, name := range names {
		b, _ := sources.ReadFile(name)
		fmt.Fprintf(h, "%s %d\n", name, len(b))
		h.Write(b)
	}
	return [32]byte(h.Sum(nil))
})

// describe writes a description of type t: fields with their names and types, recursively for this
// package's types.
func describe(w io.Writer, t reflect.Type, done map[reflect.Type]bool) {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice:
		fmt.Fprintf(w, "%v:", t.Kind())
		describe(w, t.Elem(), done)
	case reflect.Map:
		fmt.Fprintf(w, "map[%v]", t.Key())
		describe(w, t.Elem(), done)
	case reflect.Struct:
		if t.PkgPath() != reflect.TypeFor[History]().PkgPath() || done[t] {
			fmt.Fprintf(w, "%s.%s", t.PkgPath(), t.Name())
			return
		}
		done[t] = true
		fmt.Fprintf(w, "%s{", t.Name())
		for i := range t.NumField() {
			f := t.Field(i)
			fmt.Fprintf(w, "%s ", f.Name)
			describe(w, f.Type, done)
			fmt.Fprint(w, ";")
		}
		fmt.Fprint(w, "}")
	default:
		fmt.Fprint(w, t.String())
	}
}

func goGitVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "go-git unknown"
	}
	for _, m := range info.Deps {
		if m.Path == "github.com/go-git/go-git/v5" {
			if m.Replace != nil {
				m = m.Replace
			}
			return "go-git " + m.Path + " " + m.Version + " " + m.Sum
		}
	}
	return "go-git unknown"
}

// cacheKey identifies what a history read from a HEAD depends on besides that HEAD: semantics, the
// site folder inside the repository, the sub-folders and the shallow list.
func cacheKey(prefix string, subs []string, shallow []plumbing.Hash) [32]byte {
	h := sha256.New()
	s := semantics()
	h.Write(s[:])
	fmt.Fprintf(h, "prefix %d %s\n", len(prefix), prefix)
	for _, sub := range subs {
		fmt.Fprintf(h, "sub %d %s\n", len(sub), sub)
	}
	sorted := slices.Clone(shallow)
	slices.SortFunc(sorted, func(a, b plumbing.Hash) int { return bytes.Compare(a[:], b[:]) })
	for _, c := range slices.Compact(sorted) {
		fmt.Fprintf(h, "shallow %s\n", c)
	}
	return [32]byte(h.Sum(nil))
}

// cacheFolder is the cache folder of one repository.
type cacheFolder struct {
	dir      string
	dirMode  fs.FileMode // the git directory's permissions (and setgid bit)
	fileMode fs.FileMode // the same without execute bits
}

func newCache(gitDir string) (*cacheFolder, error) {
	if gitDir == "" {
		return nil, errors.New("the repository is not stored in a folder")
	}
	fi, err := os.Stat(gitDir)
	if err != nil {
		return nil, err
	}
	mode := fi.Mode() & (fs.ModePerm | fs.ModeSetgid)
	c := &cacheFolder{dir: filepath.Join(gitDir, cacheDirName), dirMode: mode, fileMode: mode.Perm() &^ 0o111}
	// A cache folder that is not a real folder (a link to elsewhere) is not used at all.
	if fi, err := os.Lstat(c.dir); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("%s is not a folder", c.dir)
	}
	return c, nil
}

// makeDir makes the cache folder, or gives an existing one the git directory's rights.
func (c *cacheFolder) makeDir() error {
	fi, err := os.Lstat(c.dir)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.Mkdir(c.dir, c.dirMode.Perm()); err != nil && !errors.Is(err, fs.ErrExist) {
			return err
		}
		if fi, err = os.Lstat(c.dir); err != nil {
			return err
		}
	} else if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s is not a folder", c.dir)
	}
	if fi.Mode()&(fs.ModePerm|fs.ModeSetgid) != c.dirMode {
		// Mkdir applied the umask, or the git directory's rights changed since.
		return os.Chmod(c.dir, c.dirMode)
	}
	return nil
}

func entryName(key [32]byte, head plumbing.Hash) string {
	return fmt.Sprintf("history-%x-%s.cache", key[:8], head)
}

// parseEntryName returns the key prefix and head of an entry's file name.
func parseEntryName(name string) (key string, head plumbing.Hash, ok bool) {
	rest, ok := strings.CutPrefix(name, "history-")
	if !ok {
		return "", head, false
	}
	rest, ok = strings.CutSuffix(rest, ".cache")
	if !ok || len(rest) != 16+1+40 || rest[16] != '-' {
		return "", head, false
	}
	head, ok = parseHash(rest[17:])
	return rest[:16], head, ok && isHex(rest[:16])
}

func isHex(s string) bool {
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// heads lists the heads that entries of key were made for.
func (c *cacheFolder) heads(key [32]byte) map[plumbing.Hash]bool {
	out := map[plumbing.Hash]bool{}
	des, _ := os.ReadDir(c.dir)
	k := fmt.Sprintf("%x", key[:8])
	for _, de := range des {
		if kk, head, ok := parseEntryName(de.Name()); ok && kk == k {
			out[head] = true
		}
	}
	return out
}

// load returns the entry of key and head, or nil when there is none, it is damaged or read cannot
// give a blob it names.
func (c *cacheFolder) load(key [32]byte, head plumbing.Hash, read blobReader) *entry {
	b, release, err := cache.MapFile(filepath.Join(c.dir, entryName(key, head)))
	if err != nil {
		return nil
	}
	// Nothing of the decoded entry points into the file.
	defer release()
	e, err := decode(b, key, head, read)
	if err != nil {
		return nil
	}
	return e
}

// touch marks an entry as used, for pruning.
func (c *cacheFolder) touch(key [32]byte, head plumbing.Hash) {
	now := time.Now()
	os.Chtimes(filepath.Join(c.dir, entryName(key, head)), now, now)
}

// store writes the entry of key and head (atomically: a temporary file renamed), then prunes. It
// gives up silently on any error, and when the encoded history does not decode to h.
func (c *cacheFolder) store(key [32]byte, head plumbing.Hash, r *reader, h *History) {
	b, ok := encode(key, head, h, r.blobs, r.seen)
	if !ok {
		return
	}
	if e, err := decode(b, key, head, r.blobByHash); err != nil || diffHistory(e.hist, h) != nil {
		return
	}
	if c.makeDir() != nil {
		return
	}
	f, err := os.CreateTemp(c.dir, "history-*.tmp")
	if err != nil {
		return
	}
	_, err = f.Write(b)
	err = errors.Join(err, f.Chmod(c.fileMode), f.Close())
	if err == nil {
		err = os.Rename(f.Name(), filepath.Join(c.dir, entryName(key, head)))
	}
	if err != nil {
		os.Remove(f.Name())
		return
	}
	c.prune()
}

// prune keeps the keepPerKey most recently used entries of each of the keepKeys most recently used
// keys, and removes temporary files of interrupted builds. Files of other names are left alone.
func (c *cacheFolder) prune() {
	des, err := os.ReadDir(c.dir)
	if err != nil {
		return
	}
	type file struct {
		name, key string
		mod       time.Time
	}
	var entries []file
	for _, de := range des {
		name := de.Name()
		info, err := de.Info()
		if err != nil {
			continue
		}
		if strings.HasPrefix(name, "history-") && strings.HasSuffix(name, ".tmp") {
			if time.Since(info.ModTime()) > staleTemp {
				os.Remove(filepath.Join(c.dir, name))
			}
			continue
		}
		if key, _, ok := parseEntryName(name); ok {
			entries = append(entries, file{name, key, info.ModTime()})
		}
	}
	slices.SortFunc(entries, func(a, b file) int {
		return cmp.Or(b.mod.Compare(a.mod), strings.Compare(a.name, b.name))
	})
	perKey := map[string]int{}
	for _, f := range entries {
		if perKey[f.key] == 0 && len(perKey) == keepKeys || perKey[f.key] == keepPerKey {
			os.Remove(filepath.Join(c.dir, f.name))
			continue
		}
		perKey[f.key]++
	}
}

// diffHistory describes the first difference between two histories, nil when they are equal: the
// same fields, and the same sharing of commits (each version's commit is the element of Commits at
// the same index).
func diffHistory(a, b *History) error {
	if a.Shallow != b.Shallow {
		return fmt.Errorf("shallow %v, %v", a.Shallow, b.Shallow)
	}
	if (a.Commits == nil) != (b.Commits == nil) || len(a.Commits) != len(b.Commits) {
		return fmt.Errorf("%d commits, %d", len(a.Commits), len(b.Commits))
	}
	ia, ib := map[*Commit]int{}, map[*Commit]int{}
	for i := range a.Commits {
		ca, cb := a.Commits[i], b.Commits[i]
		if ca == nil || cb == nil || !reflect.DeepEqual(*ca, *cb) {
			return fmt.Errorf("commit %d: %+v, %+v", i, ca, cb)
		}
		ia[ca], ib[cb] = i, i
	}
	if len(ia) != len(a.Commits) || len(ib) != len(b.Commits) {
		return errors.New("one *Commit twice in Commits")
	}
	if (a.Files == nil) != (b.Files == nil) || len(a.Files) != len(b.Files) {
		return fmt.Errorf("%d files, %d", len(a.Files), len(b.Files))
	}
	for key, va := range a.Files {
		vb, ok := b.Files[key]
		if !ok || (va == nil) != (vb == nil) || len(va) != len(vb) {
			return fmt.Errorf("%s: %d versions, %d", key, len(va), len(vb))
		}
		for i := range va {
			x, y := va[i], vb[i]
			cx, okx := ia[x.Commit]
			cy, oky := ib[y.Commit]
			switch {
			case !okx || !oky:
				return fmt.Errorf("%s: version %d: commit not in Commits", key, i)
			case cx != cy:
				return fmt.Errorf("%s: version %d: commit %d, %d", key, i, cx, cy)
			case x.Path != y.Path:
				return fmt.Errorf("%s: version %d: path %q, %q", key, i, x.Path, y.Path)
			case (x.Data == nil) != (y.Data == nil) || !bytes.Equal(x.Data, y.Data):
				return fmt.Errorf("%s: version %d: data differs", key, i)
			}
		}
	}
	return nil
}
