package cache

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"io"
	"os"
)

// Executable identifies the running program's executable: what the cache
// holds is what this code derived, so another build of the code must not
// read it. It is the Go build ID, which the linker derives from the whole
// executable (reading it takes a few kilobytes, hashing the executable ~15
// ms of every build), or else the SHA-256 of the executable.
func Executable() []byte {
	exe, err := os.Executable()
	if err != nil {
		return nil
	}
	f, err := os.Open(exe)
	if err != nil {
		return nil
	}
	defer f.Close()
	if ef, err := elf.NewFile(f); err == nil {
		if sec := ef.Section(".note.go.buildid"); sec != nil {
			if note, err := sec.Data(); err == nil && len(note) > 16 {
				return note
			}
		}
	}
	// Other executable formats carry the ID as text near the start.
	head := make([]byte, 32<<10)
	n, _ := f.ReadAt(head, 0)
	if _, rest, ok := bytes.Cut(head[:n], []byte("\xff Go build ID: \"")); ok {
		if id, _, ok := bytes.Cut(rest, []byte("\"\n \xff")); ok && len(id) > 16 {
			return id
		}
	}
	h := sha256.New()
	if _, err := io.Copy(h, io.NewSectionReader(f, 0, 1<<62)); err != nil {
		return nil
	}
	return h.Sum(nil)
}
