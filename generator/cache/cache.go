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
// different value) and ends with a CRC-32C of everything before it. Each
// value is kept DEFLATE-compressed when that makes it smaller. What a
// caller puts should still be small: a cache that grew with the text of a
// history would outgrow the repository, which git keeps compressed and
// deltified (the site keeps the layout of a comparison, not its text). A file
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
	"compress/flate"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"hash"
	"hash/crc32"
	"io"
	"iter"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
)

// Key addresses a value: the SHA-256 of its inputs.
type Key [sha256.Size]byte

// NewKey returns the key of the given parts. Each part is length-prefixed,
// so ("ab", "c") and ("a", "bc") differ.
func NewKey(parts ...[]byte) Key {
	var h Hasher
	for _, p := range parts {
		h.Add(p)
	}
	return h.Key()
}

// Hasher makes a Key of parts given one at a time: the Key NewKey makes of
// the same parts, without a slice of them (or copies of strings) to make
// first. Its zero value is ready to use; Key empties it again.
type Hasher struct {
	h   hash.Hash
	buf [1 << 10]byte // lengths and small parts, hashed when full
	n   int
}

// Add adds the part p.
func (k *Hasher) Add(p []byte) {
	k.length(len(p))
	if len(p) > len(k.buf) {
		// Hashed where it is, not copied.
		k.flush()
		k.h.Write(p)
		return
	}
	fill(k, p)
}

// AddString adds the part s. (SHA-256 takes no strings: s is copied, in
// pieces.)
func (k *Hasher) AddString(s string) {
	k.length(len(s))
	fill(k, s)
}

func (k *Hasher) length(n int) {
	if len(k.buf)-k.n < binary.MaxVarintLen64 {
		k.flush()
	}
	k.n += binary.PutUvarint(k.buf[k.n:], uint64(n))
}

// fill copies p into k's buffer, hashing it whenever it is full.
func fill[P string | []byte](k *Hasher, p P) {
	for len(p) > 0 {
		n := copy(k.buf[k.n:], p)
		k.n += n
		p = p[n:]
		if k.n == len(k.buf) {
			k.flush()
		}
	}
}

func (k *Hasher) flush() {
	if k.h == nil {
		k.h = sha256.New()
	}
	k.h.Write(k.buf[:k.n])
	k.n = 0
}

// Key returns the key of the parts added, and empties k.
func (k *Hasher) Key() Key {
	k.flush()
	var key Key
	k.h.Sum(key[:0])
	k.h.Reset()
	return key
}

// Store is an open cache file, for one build. Its methods are safe for
// concurrent use. A nil *Store holds nothing and saves nothing.
type Store struct {
	path string
	salt Key

	mu    sync.Mutex
	old   map[Key][]byte // read from the file, as stored (see stored)
	used  map[Key]*value // asked for or put in this build
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
	s.old, s.used = map[Key][]byte{}, map[Key]*value{}
}

// value is an entry of a build: its bytes, and how the file stores them
// (nil until known: a value put in this build is compressed by Save).
type value struct {
	raw    []byte
	stored []byte
}

// Stored forms: a byte saying how, then the bytes.
const (
	storedRaw     = 0
	storedDeflate = 1
)

// compressFrom is the smallest value worth compressing.
const compressFrom = 64

// A compressor makes stored forms. Its writer is made once and reset for
// each value: a flate.Writer is a megabyte of state, and making one for
// each of ten thousand small values was most of what saving cost.
type compressor struct {
	w   *flate.Writer
	buf bytes.Buffer
}

// store returns the stored form of raw.
func (c *compressor) store(raw []byte) []byte {
	if len(raw) >= compressFrom {
		c.buf.Reset()
		c.buf.WriteByte(storedDeflate)
		if c.w == nil {
			c.w, _ = flate.NewWriter(&c.buf, flate.DefaultCompression)
		} else {
			c.w.Reset(&c.buf)
		}
		c.w.Write(raw)
		c.w.Close()
		if c.buf.Len() < 1+len(raw) {
			return bytes.Clone(c.buf.Bytes())
		}
	}
	return append([]byte{storedRaw}, raw...)
}

// load returns the bytes of a stored form; false when it is not one.
func load(stored []byte) ([]byte, bool) {
	if len(stored) == 0 {
		return nil, false
	}
	switch stored[0] {
	case storedRaw:
		return stored[1:], true
	case storedDeflate:
		raw, err := io.ReadAll(flate.NewReader(bytes.NewReader(stored[1:])))
		return raw, err == nil
	}
	return nil, false
}

// All returns every value the store holds, read from its file or put in
// this build, as Get returns them, in key order: for tests and tools that
// look at what was kept. A value that does not decompress is passed over.
func (s *Store) All() iter.Seq2[Key, []byte] {
	return func(yield func(Key, []byte) bool) {
		if s == nil {
			return
		}
		s.mu.Lock()
		stored := map[Key][]byte{}
		raw := map[Key][]byte{}
		for k, v := range s.old {
			stored[k] = v
		}
		for k, v := range s.used {
			raw[k] = v.raw
		}
		s.mu.Unlock()
		keys := slices.Collect(maps.Keys(stored))
		for k := range raw {
			if _, ok := stored[k]; !ok {
				keys = append(keys, k)
			}
		}
		slices.SortFunc(keys, func(a, b Key) int { return bytes.Compare(a[:], b[:]) })
		for _, k := range keys {
			v, ok := raw[k]
			if !ok {
				if v, ok = load(stored[k]); !ok {
					continue
				}
			}
			if !yield(k, v) {
				return
			}
		}
	}
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

const magic = "policysite cache 2\n"

var table = crc32.MakeTable(crc32.Castagnoli)

// Open reads the store at path, written by a program whose identity is
// salt. A missing or unreadable file gives an empty store.
func Open(path string, salt []byte) *Store {
	s := &Store{path: path, salt: NewKey(salt), old: map[Key][]byte{}, used: map[Key]*value{}, release: func() {}}
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
	v, ok := s.used[k]
	if ok {
		s.hits++
		s.mu.Unlock()
		return v.raw, true
	}
	stored, ok := s.old[k]
	s.mu.Unlock()
	if !ok {
		return nil, false
	}
	// Decompressed outside the lock: the build asks from both cores.
	raw, ok := load(stored)
	if !ok {
		return nil, false // the CRC held, the value does not: as if absent
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if v, ok := s.used[k]; ok {
		raw = v.raw
	} else {
		s.used[k] = &value{raw: raw, stored: stored}
	}
	s.hits++
	return raw, true
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
	s.used[k] = &value{raw: v}
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
	var fresh []*value
	for k, v := range s.used {
		keys = append(keys, k)
		if v.stored == nil {
			fresh = append(fresh, v)
		}
	}
	// Values put in this build are compressed on every core.
	var wg sync.WaitGroup
	next := make(chan *value)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var c compressor
			for v := range next {
				v.stored = c.store(v.raw)
			}
		})
	}
	for _, v := range fresh {
		next <- v
	}
	close(next)
	wg.Wait()
	size := len(magic) + len(s.salt) + 4
	for _, v := range s.used {
		size += len(Key{}) + binary.MaxVarintLen64 + len(v.stored)
	}
	slices.SortFunc(keys, func(a, b Key) int { return bytes.Compare(a[:], b[:]) })
	buf := make([]byte, 0, size)
	buf = append(buf, magic...)
	buf = append(buf, s.salt[:]...)
	for _, k := range keys {
		v := s.used[k]
		buf = append(buf, k[:]...)
		buf = binary.AppendUvarint(buf, uint64(len(v.stored)))
		buf = append(buf, v.stored...)
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
	// The file is written: the old mapping still backs the stored forms
	// of values read from it, so it stays until Close.
	old := make(map[Key][]byte, len(s.used))
	for k, v := range s.used {
		old[k] = v.stored
	}
	s.old, s.dirty = old, false
	return nil
}
