package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sort"
	"strings"
	"time"
)

// importer writes commits into a new repository with git fast-import, which
// makes a history of thousands of files in a second where one commit per
// `git commit` would take minutes.
type importer struct {
	dir    string
	cmd    *exec.Cmd
	in     io.WriteCloser
	w      *bufio.Writer
	stderr bytes.Buffer
	marks  int
}

// newImporter initialises a repository in dir (branch main) and starts
// fast-import on it.
func newImporter(dir string) (*importer, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if err := git(dir, "init", "-q", "-b", "main"); err != nil {
		return nil, err
	}
	im := &importer{dir: dir, cmd: exec.Command("git", "-C", dir, "fast-import", "--quiet", "--done")}
	im.cmd.Stderr = &im.stderr
	var err error
	if im.in, err = im.cmd.StdinPipe(); err != nil {
		return nil, err
	}
	if err := im.cmd.Start(); err != nil {
		return nil, fmt.Errorf("git fast-import: %w", err)
	}
	im.w = bufio.NewWriterSize(im.in, 1<<20)
	return im, nil
}

// blob stores data and returns its mark, for files that several commits share.
func (im *importer) blob(data []byte) int {
	im.marks++
	fmt.Fprintf(im.w, "blob\nmark :%d\ndata %d\n", im.marks, len(data))
	im.w.Write(data)
	im.w.WriteByte('\n')
	return im.marks
}

// person is an author or committer line's name, address and time.
type person struct {
	name, email string
	when        time.Time
}

func (p person) String() string {
	name := strings.NewReplacer("<", "", ">", "", "\n", " ").Replace(p.name)
	email := strings.NewReplacer("<", "", ">", "", "\n", "").Replace(p.email)
	return fmt.Sprintf("%s <%s> %d %s", name, email, p.when.Unix(), p.when.Format("-0700"))
}

// commit records a commit on main. With all set the commit holds exactly the
// given files (fast-import's deleteall); otherwise it changes only them. Files
// are given inline (content) or by mark.
func (im *importer) commit(author, committer person, msg string, all bool, content map[string][]byte, marks map[string]int) {
	fmt.Fprintf(im.w, "commit refs/heads/main\nauthor %s\ncommitter %s\ndata %d\n%s\n", author, committer, len(msg), msg)
	if all {
		im.w.WriteString("deleteall\n")
	}
	var names []string
	for p := range marks {
		names = append(names, p)
	}
	sort.Strings(names)
	for _, p := range names {
		fmt.Fprintf(im.w, "M 100644 :%d %s\n", marks[p], quotePath(p))
	}
	names = names[:0]
	for p := range content {
		names = append(names, p)
	}
	sort.Strings(names)
	for _, p := range names {
		fmt.Fprintf(im.w, "M 100644 inline %s\ndata %d\n", quotePath(p), len(content[p]))
		im.w.Write(content[p])
		im.w.WriteByte('\n')
	}
	im.w.WriteByte('\n')
}

func quotePath(p string) string {
	if strings.ContainsAny(p, " \"\n") {
		return fmt.Sprintf("%q", p)
	}
	return p
}

// close ends the import and checks the work tree out.
func (im *importer) close() error {
	im.w.WriteString("done\n")
	if err := im.w.Flush(); err != nil {
		return fmt.Errorf("git fast-import: %w: %s", err, im.stderr.String())
	}
	im.in.Close()
	if err := im.cmd.Wait(); err != nil {
		return fmt.Errorf("git fast-import: %w: %s", err, im.stderr.String())
	}
	return git(im.dir, "reset", "-q", "--hard")
}

func git(dir string, args ...string) error {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("git %s: %w: %s", strings.Join(args, " "), err, bytes.TrimSpace(out))
	}
	return nil
}

// syntheticRepo writes the corpus with its history into dir as a git
// repository: one commit with every file, then commits changes. c is left at
// the last version, which is what the work tree holds.
func syntheticRepo(dir string, c *corpus, commits, perCommit int) error {
	first := c.files()
	changes := c.history(commits, perCommit)
	im, err := newImporter(dir)
	if err != nil {
		return err
	}
	start := time.Date(2024, 3, 31, 9, 0, 0, 0, time.FixedZone("JST", 9*3600))
	who := person{name: "総務課 情報政策係", email: "policy@example.org", when: start}
	im.commit(who, who, "情報セキュリティポリシーを登録", true, first, nil)
	for _, ch := range changes {
		who.when = ch.when
		im.commit(who, who, ch.subject, false, ch.files, nil)
	}
	return im.close()
}
