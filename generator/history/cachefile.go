package history

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"maps"
	"slices"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
)

// A cache entry is one file. Numbers are unsigned varints unless said otherwise; a string or a byte
// slice is its length followed by its bytes; a hash is 20 bytes.
//
//	magic     "policysite history\n"
//	key       32 bytes (cacheKey)
//	head      hash of the HEAD commit read
//	shallow   1 byte, 0 or 1
//	blobs     count; per blob: its hash (each blob once, however many versions have it); the bytes
//	          are read from the repository, which has them (see load)
//	strings   count; strings (file keys, version paths, seen paths), each once
//	commits   count; per commit: hash, Unix seconds (signed), nanoseconds, zone (0: UTC, 1: fixed
//	          zone: name, offset in seconds (signed)), subject, body, effective, trailer error, author
//	files     count; per file: key (string index), version count; per version: commit index,
//	          path (string index), blob index + 1 (0 for a deletion)
//	seen      count; string indexes: the paths named by the walk's comparisons (reader.seen)
//	changes   per commit, in order: count; per change: path (string index), context (1 byte, 0 or
//	          1), then old and new side: mode, blob index + 1 (0 for no data)
//	checksum  CRC-32C of everything before, 4 bytes big-endian
//
// A decoded entry's Data slices are the blobs as read from the repository, once each: the file holds
// no text of any version, so it stays a small part of the repository's own size (git compresses and
// deltifies the text; the cache would not).

const cacheMagic = "policysite history\n"

// entry is a decoded cache file: the history, its blobs by hash, and the paths seen by its walk.
type entry struct {
	hist  *History
	blobs map[plumbing.Hash][]byte
	seen  map[string]bool
}

var emptyBlob = plumbing.ComputeHash(plumbing.BlobObject, nil)

// encode encodes h, whose Data slices are those of blobs, for key and head; false when a Data slice
// is not one of blobs.
func encode(key [32]byte, head plumbing.Hash, h *History, blobs map[plumbing.Hash][]byte, seen map[string]bool) ([]byte, bool) {
	hashOf := make(map[*byte]plumbing.Hash, len(blobs))
	for hash, b := range blobs {
		if len(b) > 0 {
			hashOf[&b[0]] = hash
		}
	}
	commitIndex := make(map[*Commit]int, len(h.Commits))
	for i, c := range h.Commits {
		commitIndex[c] = i
	}
	var (
		blobList  []plumbing.Hash
		blobIndex = map[plumbing.Hash]int{}
		strs      []string
		strIndex  = map[string]int{}
		files     []byte
		size      int
	)
	str := func(s string) uint64 {
		i, ok := strIndex[s]
		if !ok {
			i = len(strs)
			strIndex[s] = i
			strs = append(strs, s)
		}
		return uint64(i)
	}
	files = binary.AppendUvarint(files, uint64(len(h.Files)))
	for _, key := range slices.Sorted(maps.Keys(h.Files)) {
		vs := h.Files[key]
		files = binary.AppendUvarint(files, str(key))
		files = binary.AppendUvarint(files, uint64(len(vs)))
		for _, v := range vs {
			ci, ok := commitIndex[v.Commit]
			if !ok {
				return nil, false
			}
			files = binary.AppendUvarint(files, uint64(ci))
			files = binary.AppendUvarint(files, str(v.Path))
			if v.Data == nil {
				files = binary.AppendUvarint(files, 0)
				continue
			}
			hash := emptyBlob
			if len(v.Data) > 0 {
				if hash, ok = hashOf[&v.Data[0]]; !ok {
					return nil, false
				}
			}
			bi, ok := blobIndex[hash]
			if !ok {
				bi = len(blobList)
				blobIndex[hash] = bi
				blobList = append(blobList, hash)
				size += 20
			}
			files = binary.AppendUvarint(files, uint64(bi)+1)
		}
	}
	seenPaths := slices.Sorted(maps.Keys(seen))
	files = binary.AppendUvarint(files, uint64(len(seenPaths)))
	for _, p := range seenPaths {
		files = binary.AppendUvarint(files, str(p))
	}
	blob := func(data []byte) (uint64, bool) {
		if data == nil {
			return 0, true
		}
		hash := emptyBlob
		if len(data) > 0 {
			var ok bool
			if hash, ok = hashOf[&data[0]]; !ok {
				return 0, false
			}
		}
		bi, ok := blobIndex[hash]
		if !ok {
			bi = len(blobList)
			blobIndex[hash] = bi
			blobList = append(blobList, hash)
			size += 20
		}
		return uint64(bi) + 1, true
	}
	for _, c := range h.Commits {
		files = binary.AppendUvarint(files, uint64(len(c.Changes)))
		for _, ch := range c.Changes {
			files = binary.AppendUvarint(files, str(ch.Path))
			if ch.Context {
				files = append(files, 1)
			} else {
				files = append(files, 0)
			}
			for _, f := range []File{ch.Old, ch.New} {
				bi, ok := blob(f.Data)
				if !ok {
					return nil, false
				}
				files = binary.AppendUvarint(files, uint64(f.Mode))
				files = binary.AppendUvarint(files, bi)
			}
		}
	}

	// The exact size but for varints counted at their longest: one allocation.
	for _, s := range strs {
		size += len(s) + binary.MaxVarintLen64
	}
	for _, c := range h.Commits {
		zone, _ := c.Time.Zone()
		size += 20 + 8*binary.MaxVarintLen64 + len(zone) + len(c.Subject) + len(c.Body) + len(c.Effective) + len(c.TrailerError) + len(c.Author)
	}
	b := make([]byte, 0, len(cacheMagic)+32+20+1+size+len(files)+4*binary.MaxVarintLen64+4)
	b = append(b, cacheMagic...)
	b = append(b, key[:]...)
	b = append(b, head[:]...)
	if h.Shallow {
		b = append(b, 1)
	} else {
		b = append(b, 0)
	}
	b = binary.AppendUvarint(b, uint64(len(blobList)))
	for _, hash := range blobList {
		b = append(b, hash[:]...)
	}
	b = binary.AppendUvarint(b, uint64(len(strs)))
	for _, s := range strs {
		b = appendBytes(b, []byte(s))
	}
	b = binary.AppendUvarint(b, uint64(len(h.Commits)))
	for _, c := range h.Commits {
		hash, ok := parseHash(c.Hash)
		if !ok {
			return nil, false
		}
		b = append(b, hash[:]...)
		b = binary.AppendVarint(b, c.Time.Unix())
		b = binary.AppendUvarint(b, uint64(c.Time.Nanosecond()))
		if c.Time.Location() == time.UTC {
			b = append(b, 0)
		} else {
			name, offset := c.Time.Zone()
			b = append(b, 1)
			b = appendBytes(b, []byte(name))
			b = binary.AppendVarint(b, int64(offset))
		}
		for _, s := range []string{c.Subject, c.Body, c.Effective, c.TrailerError, c.Author} {
			b = appendBytes(b, []byte(s))
		}
	}
	b = append(b, files...)
	return binary.BigEndian.AppendUint32(b, checksum(b)), true
}

// parseHash parses a full lower-case hex hash.
func parseHash(s string) (plumbing.Hash, bool) {
	var h plumbing.Hash
	if len(s) != 2*len(h) || !isHex(s) {
		return h, false
	}
	_, err := hex.Decode(h[:], []byte(s))
	return h, err == nil
}

func appendBytes(b, s []byte) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

var errCorrupt = errors.New("corrupt cache entry")

// checksum is CRC-32C, which detects a damaged file (a cut, changed bytes) and costs well under a
// millisecond for the whole history of a large site; SHA-256 cost ten. What a checksum cannot tell,
// a file of another key or HEAD, the key and head inside the file tell.
func checksum(b []byte) uint32 {
	return crc32.Checksum(b, castagnoli)
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// blobReader returns the bytes of a blob of the repository, by hash.
type blobReader func(plumbing.Hash) ([]byte, error)

// decode decodes an entry, checking its checksum, and that it was made for key and head; read gives
// the blobs it names.
func decode(b []byte, key [32]byte, head plumbing.Hash, read blobReader) (*entry, error) {
	const header = len(cacheMagic) + 32 + 20 + 1
	if len(b) < header+4 {
		return nil, errCorrupt
	}
	body := b[:len(b)-4]
	if checksum(body) != binary.BigEndian.Uint32(b[len(body):]) {
		return nil, errCorrupt
	}
	if string(body[:len(cacheMagic)]) != cacheMagic ||
		!bytes.Equal(body[len(cacheMagic):len(cacheMagic)+32], key[:]) ||
		!bytes.Equal(body[len(cacheMagic)+32:header-1], head[:]) {
		return nil, errCorrupt
	}
	return decodeBody(body[header-1:], read)
}

// decodeBody decodes what follows the head hash. It checks every count and index, so that no input
// makes it fail other than with an error.
func decodeBody(b []byte, read blobReader) (*entry, error) {
	d := &decoder{b: b}
	e := &entry{hist: &History{}, blobs: map[plumbing.Hash][]byte{}, seen: map[string]bool{}}
	switch d.byte() {
	case 0:
	case 1:
		e.hist.Shallow = true
	default:
		return nil, errCorrupt
	}

	blobs := make([][]byte, d.count(20))
	for i := range blobs {
		hash := d.hash()
		if d.err != nil {
			return nil, d.err
		}
		if _, dup := e.blobs[hash]; dup {
			return nil, errCorrupt
		}
		data, err := read(hash)
		if err != nil {
			return nil, errCorrupt // a blob the repository lacks: walk instead
		}
		blobs[i] = data
		e.blobs[hash] = data
	}
	strs := make([]string, d.count(1))
	for i := range strs {
		strs[i] = string(d.bytes())
	}

	n := d.count(20 + 10)
	commits := make([]Commit, n)
	if n > 0 {
		e.hist.Commits = make([]*Commit, n)
	}
	for i := range commits {
		c := &commits[i]
		hash := d.hash()
		c.Hash = hash.String()
		c.Short = c.Hash[:7]
		sec, nsec := d.varint(), d.uvarint()
		if nsec >= 1e9 {
			d.fail()
		}
		c.Time = time.Unix(sec, int64(nsec))
		switch d.byte() {
		case 0:
			c.Time = c.Time.In(time.UTC)
		case 1:
			name := string(d.bytes())
			c.Time = c.Time.In(time.FixedZone(name, int(d.varint())))
		default:
			d.fail()
		}
		c.Subject = string(d.bytes())
		c.Body = string(d.bytes())
		c.Effective = string(d.bytes())
		c.TrailerError = string(d.bytes())
		c.Author = string(d.bytes())
		c.Seq = i
		e.hist.Commits[i] = c
	}

	nf := d.count(2)
	e.hist.Files = make(map[string][]Version, nf)
	for range nf {
		key := d.index(len(strs))
		nv := d.count(3)
		var vs []Version
		if nv > 0 {
			vs = make([]Version, nv)
		}
		for j := range vs {
			ci := d.index(len(commits))
			pi := d.index(len(strs))
			bi := d.index(len(blobs) + 1)
			if d.err != nil {
				return nil, d.err
			}
			vs[j] = Version{Commit: &commits[ci], Path: strs[pi]}
			if bi > 0 {
				vs[j].Data = blobs[bi-1]
			}
		}
		if d.err != nil {
			return nil, d.err
		}
		if _, dup := e.hist.Files[strs[key]]; dup {
			return nil, errCorrupt
		}
		e.hist.Files[strs[key]] = vs
	}
	for range d.count(1) {
		if i := d.index(len(strs)); d.err == nil {
			e.seen[strs[i]] = true
		}
	}
	for i := range commits {
		nc := d.count(6)
		if nc == 0 || d.err != nil {
			continue
		}
		chs := make([]Change, nc)
		for j := range chs {
			pi := d.index(len(strs))
			ctx := d.byte()
			if ctx > 1 {
				d.fail()
			}
			var sides [2]File
			for k := range sides {
				mode := d.uvarint()
				bi := d.index(len(blobs) + 1)
				if mode > 1<<32-1 {
					d.fail()
				}
				if d.err != nil {
					return nil, d.err
				}
				sides[k].Mode = uint32(mode)
				if bi > 0 {
					sides[k].Data = blobs[bi-1]
				}
			}
			if d.err != nil {
				return nil, d.err
			}
			chs[j] = Change{Path: strs[pi], Context: ctx == 1, Old: sides[0], New: sides[1]}
		}
		commits[i].Changes = chs
	}
	if d.err != nil || d.off != len(d.b) {
		return nil, errCorrupt
	}
	return e, nil
}

// decoder reads the numbers and slices of a cache entry; after the first error it reads zeros.
type decoder struct {
	b   []byte
	off int
	err error
}

func (d *decoder) fail() {
	d.err = errCorrupt
	d.off = len(d.b)
}

func (d *decoder) byte() byte {
	if d.off >= len(d.b) {
		d.fail()
		return 0xff
	}
	d.off++
	return d.b[d.off-1]
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b[d.off:])
	if n <= 0 {
		d.fail()
		return 0
	}
	d.off += n
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b[d.off:])
	if n <= 0 {
		d.fail()
		return 0
	}
	d.off += n
	return v
}

// count reads a number of elements of at least min bytes each, which the rest must hold.
func (d *decoder) count(min int) int {
	n := d.uvarint()
	if n > uint64(len(d.b)-d.off)/uint64(min) {
		d.fail()
		return 0
	}
	return int(n)
}

// index reads an index below n.
func (d *decoder) index(n int) int {
	i := d.uvarint()
	if i >= uint64(n) {
		d.fail()
		return 0
	}
	return int(i)
}

// bytes returns a slice of the input that cannot be appended to in place.
func (d *decoder) bytes() []byte {
	n := d.uvarint()
	if n > uint64(len(d.b)-d.off) {
		d.fail()
		return nil
	}
	s := d.b[d.off : d.off+int(n) : d.off+int(n)]
	d.off += int(n)
	return s
}

func (d *decoder) hash() plumbing.Hash {
	var h plumbing.Hash
	if len(d.b)-d.off < len(h) {
		d.fail()
		return h
	}
	copy(h[:], d.b[d.off:])
	d.off += len(h)
	return h
}
