package main

import (
	"fmt"
	"os"
	"path/filepath"

	git5 "github.com/go-git/go-git/v5"

	"policysite/generator/jplaws"
)

// replayJPLaws clones the jp-laws bundle into src and replays it into dst in
// our format (generator/jplaws: one commit per promulgated amendment, its
// 施行日 as an Effective trailer). It returns the number of commits and of
// Markdown files in the last commit.
func replayJPLaws(bundle, src, dst string) (commits, files int, err error) {
	if err := cloneBundle(bundle, src); err != nil {
		return 0, 0, err
	}
	repo, err := git5.PlainOpen(src)
	if err != nil {
		return 0, 0, err
	}
	revs, err := jplaws.Read(repo)
	if err != nil {
		return 0, 0, fmt.Errorf("reading %s: %w", bundle, err)
	}
	cs, err := jplaws.Replay(dst, revs)
	if err != nil {
		return 0, 0, fmt.Errorf("replaying %s: %w", bundle, err)
	}
	des, err := os.ReadDir(filepath.Join(dst, "content", "ja"))
	if err != nil {
		return 0, 0, err
	}
	return len(cs), 2 * len(des), nil
}

// pack packs a repository's objects as a clone has them (go-git's replay
// writes loose objects), so that its size is what a fresh clone holds and
// its history is read from a pack, as on a CI runner.
func pack(dir string) error {
	return git(dir, "repack", "-a", "-d", "-q")
}

// dirSize is the size in bytes of the files under dir (0 when there is none).
func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}
