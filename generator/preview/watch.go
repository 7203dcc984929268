package preview

import (
	"context"
	"io/fs"
	"maps"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// stamp is what a scan records of a file: enough to notice a save without
// reading the file. A save that keeps both the size and the modification time
// (to the file system's precision) goes unnoticed; ext4 and APFS keep
// nanoseconds, so in practice it does not happen.
type stamp struct {
	size int64
	mod  int64
	dir  bool
}

// snapshot maps each watched file (OS path) to its stamp.
type snapshot map[string]stamp

// scan walks the watched folders. It is cheap (one stat per file) because it
// runs every Poll; a folder that cannot be read counts as empty, so a
// missing quizzes/ is no error and its creation is a change.
func (s *Server) scan() snapshot {
	snap := snapshot{}
	for _, root := range s.dirs {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // vanished mid-walk or unreadable: skip it
			}
			if p != root && ignored(d.Name()) {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return nil
			}
			snap[p] = stamp{size: info.Size(), mod: info.ModTime().UnixNano(), dir: d.IsDir()}
			return nil
		})
	}
	return snap
}

// ignored reports whether a name is an editor's or a tool's, not a source:
// hidden files (.swp, .git) and backups (name~). The build skips hidden
// files too, so a change to one cannot change the site.
func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~")
}

// changes describes how b differs from a: the first changed path (sorted),
// and how many more. Folders count only when no file changed: saving a file
// by renaming a new one over it changes its folder too.
func changes(a, b snapshot) string {
	var files, dirs []string
	note := func(p string, st stamp) {
		if st.dir {
			dirs = append(dirs, p)
		} else {
			files = append(files, p)
		}
	}
	for p, st := range b {
		if old, ok := a[p]; !ok || old != st {
			note(p, st)
		}
	}
	for p, st := range a {
		if _, ok := b[p]; !ok {
			note(p, st)
		}
	}
	diff := files
	if len(diff) == 0 {
		diff = dirs
	}
	if len(diff) == 0 {
		return ""
	}
	sort.Strings(diff)
	if len(diff) == 1 {
		return diff[0]
	}
	return diff[0] + " and " + strconv.Itoa(len(diff)-1) + " more"
}

// maxSettle bounds the wait for a burst to settle, so that a file rewritten
// without pause still gets built.
const maxSettle = 2 * time.Second

// scanShare bounds the time scans take: the next scan waits at least
// scanShare times as long as the last one took, so that a large site is
// not scanned without pause (a scan of this repository's sources takes
// well under a millisecond; of 5,000 files, some).
const scanShare = 10

// Watch builds the site, then rebuilds it after every change to the watched
// folders, until ctx is done.
func (s *Server) Watch(ctx context.Context) {
	// Scan before building: a save during the build is then a change.
	last := s.scan()
	s.Rebuild("")
	took := time.Duration(0) // by the last scan
	wait := func(d time.Duration) bool {
		t := time.NewTimer(max(d, scanShare*took))
		defer t.Stop()
		select {
		case <-ctx.Done():
			return false
		case <-t.C:
			return true
		}
	}
	scan := func() snapshot {
		start := time.Now()
		snap := s.scan()
		took = time.Since(start)
		return snap
	}
	for {
		if !wait(s.Poll) {
			return
		}
		cur := scan()
		if maps.Equal(cur, last) {
			continue
		}
		// Wait until the folders stay unchanged for Settle.
		deadline := time.Now().Add(maxSettle)
		for time.Now().Before(deadline) {
			if !wait(s.Settle) {
				return
			}
			next := scan()
			if maps.Equal(next, cur) {
				break
			}
			cur = next
		}
		why := changes(last, cur)
		last = cur
		s.Rebuild(why)
	}
}
