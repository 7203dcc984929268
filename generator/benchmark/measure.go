package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// variant is one column of the table: a command run as its own process.
type variant struct {
	key   string // "a", "b", "c", "cg", "dm", "dw"
	name  string
	out   string // folder the command writes, emptied before every run ("" if none)
	trash string // where out is moved to empty it
	cmd   func() *exec.Cmd
	runs  int // runs so far, to name the outputs moved to trash

	times []time.Duration
	rss   []int64 // peak resident set, bytes
	files int     // files written by the last run
	err   error   // the first failure; the variant is not run again
}

// run runs the command once and records its wall time and peak memory. The
// output folder is emptied first, outside the timing, so every build writes
// into nothing.
//
// It is moved aside, not deleted: on ext4 without a journal (as here) the
// kernel skips every inode freed in the last 30 seconds when it allocates
// one, reading each from the inode table, so a deletion of thousands of
// files makes every file created soon after it cost several times more.
// Deleting the last run's output would charge the benchmark's own cleanup to
// the build it times, more to a build that writes more files. The trash is
// deleted when the timing is over.
func (v *variant) run(record bool) {
	if v.err != nil {
		return
	}
	if v.out != "" {
		if err := moveAside(v.out, filepath.Join(v.trash, fmt.Sprintf("%s-%d", v.key, v.runs))); err != nil {
			v.err = err
			return
		}
	}
	v.runs++
	wall, rss, err := measure(v.cmd())
	if err != nil {
		v.err = err
		return
	}
	if !record {
		return
	}
	v.times = append(v.times, wall)
	v.rss = append(v.rss, rss)
	if v.out != "" {
		v.files = countFiles(v.out)
	}
}

// moveAside renames dir to dst (in a folder that it makes), if dir exists.
func moveAside(dir, dst string) error {
	if _, err := os.Lstat(dir); os.IsNotExist(err) {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.Rename(dir, dst)
}

// goBetween is the path of the compiled generator/benchmark/measure.
var goBetween string

// measure runs cmd through the go-between (generator/benchmark/measure) and returns its wall time and
// peak resident set in bytes.
//
// The go-between's doc comment says why the benchmark does not measure its
// own children directly.
func measure(cmd *exec.Cmd) (time.Duration, int64, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return 0, 0, err
	}
	defer r.Close()
	m := exec.Command(goBetween, append([]string{cmd.Path}, cmd.Args[1:]...)...)
	m.Dir = cmd.Dir
	m.ExtraFiles = []*os.File{w}
	var stderr bytes.Buffer
	m.Stderr = &stderr
	err = m.Run()
	w.Close()
	if err != nil {
		return 0, 0, fmt.Errorf("%s: %w\n%s", strings.Join(cmd.Args, " "), err, lastLines(stderr.String(), 20))
	}
	var ns, kb int64
	if _, err := fmt.Fscan(r, &ns, &kb); err != nil {
		return 0, 0, fmt.Errorf("%s: reading the measurement: %w", strings.Join(cmd.Args, " "), err)
	}
	return time.Duration(ns), kb * 1024, nil
}

// floorRSS is the smallest peak measure can report: that of a command that
// allocates nothing.
func floorRSS() int64 {
	_, rss, err := measure(exec.Command("true"))
	if err != nil {
		return 0
	}
	return rss
}

func countFiles(dir string) int {
	n := 0
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	return n
}

func (v *variant) ok() bool { return v.err == nil && len(v.times) > 0 }

func (v *variant) median() time.Duration {
	s := slices.Clone(v.times)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func (v *variant) peak() int64 {
	if len(v.rss) == 0 {
		return 0
	}
	return slices.Max(v.rss)
}

func (v *variant) cell() string {
	switch {
	case v == nil:
		return "–"
	case v.err != nil:
		return "failed"
	case len(v.times) == 0:
		return "–"
	}
	return fmt.Sprintf("%s / %s", seconds(v.median()), mib(v.peak()))
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }

func mib(b int64) string { return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20)) }

func ratio(a, b *variant) string {
	if a == nil || b == nil || !a.ok() || !b.ok() {
		return "–"
	}
	return fmt.Sprintf("%.2f", a.median().Seconds()/b.median().Seconds())
}
