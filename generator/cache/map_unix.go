//go:build unix

package cache

import (
	"os"
	"syscall"
)

// MapFile returns the contents of the file at path, mapped into memory
// rather than read, and a function that releases them. The file must not
// be changed in place while mapped: replace it by renaming a new one over
// it, as Save does. Reading copies the
// file into memory the program has never touched, and on the virtual
// machines builds run on, touching new memory costs about as much as
// rendering the pages the cache saves; mapping reads the file where the
// operating system already keeps it.
func MapFile(path string) ([]byte, func(), error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	size := st.Size()
	if size == 0 || size != int64(int(size)) {
		data, err := os.ReadFile(path)
		return data, func() {}, err
	}
	data, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		data, err := os.ReadFile(path)
		return data, func() {}, err
	}
	return data, func() { syscall.Munmap(data) }, nil
}
