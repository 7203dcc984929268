// Package cache keeps derived data between builds in one file: values
// addressed by the SHA-256 of everything they were derived from, so an entry
// can never be stale, only unused.
//
// A build opens the store, asks for each value by key and computes (and
// puts) what is missing, then saves. Save keeps only the entries asked for or
// put during the build, so the file holds what the current history needs and
// no more, and writes nothing when nothing changed.
//
// The file begins with a header naming the format and the salt (the identity
// of the program that wrote it: a value computed by different code is a
// different value) and ends with a CRC-32C of everything before it. A file
// that is truncated, corrupt, from another format or another program is
// ignored as if absent and replaced by the next Save. It is written to a
// temporary file and renamed, so two builds at once never read half a file.
//
// The caller decides where the file lives. What it holds is what the caller
// puts: the site stores only what it derived from public documents, and
// keeps the file beside the git history it was derived from.
package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"slices"
	"sync"
)

// Key addresses a value: the SHA-256 of its inputs.
type Key [sha256.Size]byte

// NewKey returns the key of the given parts. Each part is length-prefixed,
// so ("ab", "c") and ("a", "bc") differ.
func NewKey(parts ...[]byte) Key {
	h := sha256.New()
	var n [binary.MaxVarintLen64]byte
	for _, p := range parts {
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(p)))])
		h.Write(p)
	}
	var k Key
	h.Sum(k[:0])
	return k
}

// Store is an open cache file, for one build. Its methods are safe for
// concurrent use. A nil *Store holds nothing and saves nothing.
type Store struct {
	path string
	salt Key

	mu    sync.Mutex
	old   map[Key][]byte // read from the file
	used  map[Key][]byte // asked for or put in this build
	dirty bool           // something was put, or the file held entries not used
	hits  int
	puts  int

	release func() // unmaps the file the values of old are in
}

// Close releases the file the store was read from. Values from Get must
// not be used after it; Save first, if at all.
func (s *Store) Close() {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.release()
	s.release = func() {}
	s.old, s.used = map[Key][]byte{}, map[Key][]byte{}
}

// Len returns how many values the store read from its file (0 when it was
// missing, damaged or another program's).
func (s *Store) Len() int {
	if s == nil {
		return 0
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.old)
}

// Stats returns how many Gets found a value and how many Puts added one.
func (s *Store) Stats() (hits, puts int) {
	if s == nil {
		return 0, 0
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits, s.puts
}

const magic = "policysite cache 1\n"

var table = crc32.MakeTable(crc32.Castagnoli)

// Open reads the store at path, written by a program whose identity is
// salt. A missing or unreadable file gives an empty store.
func Open(path string, salt []byte) *Store {
	s := &Store{path: path, salt: NewKey(salt), old: map[Key][]byte{}, used: map[Key][]byte{}, release: func() {}}
	data, release, err := MapFile(path)
	if err == nil {
		s.release = release
		s.old, err = decode(data, s.salt)
	}
	if err != nil {
		s.old = map[Key][]byte{}
	}
	return s
}

var errBad = errors.New("cache: not a cache file of this program")

func decode(data []byte, salt Key) (map[Key][]byte, error) {
	if len(data) < len(magic)+len(salt)+4 {
		return nil, errBad
	}
	body, sum := data[:len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	if crc32.Checksum(body, table) != sum || !bytes.HasPrefix(body, []byte(magic)) {
		return nil, errBad
	}
	body = body[len(magic):]
	if !bytes.Equal(body[:len(salt)], salt[:]) {
		return nil, errBad
	}
	body = body[len(salt):]
	m := map[Key][]byte{}
	for len(body) > 0 {
		if len(body) < len(Key{}) {
			return nil, errBad
		}
		var k Key
		copy(k[:], body)
		body = body[len(k):]
		n, w := binary.Uvarint(body)
		if w <= 0 || uint64(len(body)-w) < n {
			return nil, errBad
		}
		// The value shares the file's memory: no copy.
		m[k] = body[w : w+int(n) : w+int(n)]
		body = body[w+int(n):]
	}
	return m, nil
}

// Get returns the value of k, if the store has it. The caller must not
// modify it, nor use it after Close.
func (s *Store) Get(k Key) ([]byte, bool) {
	if s == nil {
		return nil, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.used[k]
	if !ok {
		if v, ok = s.old[k]; ok {
			s.used[k] = v
		}
	}
	if ok {
		s.hits++
	}
	return v, ok
}

// Put stores v as the value of k. The store keeps v: the caller must not
// modify it afterwards.
func (s *Store) Put(k Key, v []byte) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.used[k]; ok {
		return
	}
	s.used[k] = v
	s.puts++
	if _, ok := s.old[k]; !ok {
		s.dirty = true
	}
}

// Save writes the entries used in this build, if they differ from what the
// file held. Entries are written in key order, so equal contents give an
// equal file.
func (s *Store) Save() error {
	if s == nil || s.path == "" {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.dirty && len(s.used) == len(s.old) {
		return nil
	}
	keys := make([]Key, 0, len(s.used))
	size := len(magic) + len(s.salt) + 4
	for k, v := range s.used {
		keys = append(keys, k)
		size += len(k) + binary.MaxVarintLen64 + len(v)
	}
	slices.SortFunc(keys, func(a, b Key) int { return bytes.Compare(a[:], b[:]) })
	buf := make([]byte, 0, size)
	buf = append(buf, magic...)
	buf = append(buf, s.salt[:]...)
	for _, k := range keys {
		v := s.used[k]
		buf = append(buf, k[:]...)
		buf = binary.AppendUvarint(buf, uint64(len(v)))
		buf = append(buf, v...)
	}
	buf = binary.LittleEndian.AppendUint32(buf, crc32.Checksum(buf, table))
	if err := os.MkdirAll(filepath.Dir(s.path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(s.path), filepath.Base(s.path)+".tmp-")
	if err != nil {
		return err
	}
	_, err = f.Write(buf)
	if err1 := f.Close(); err == nil {
		err = err1
	}
	if err == nil {
		err = os.Rename(f.Name(), s.path)
	}
	if err != nil {
		os.Remove(f.Name())
		return err
	}
	s.old, s.dirty = s.used, false
	return nil
}
