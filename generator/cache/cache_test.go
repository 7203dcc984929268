package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"hash/crc32"
	"os"
	"path/filepath"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	file := filepath.Join(t.TempDir(), "sub", "c")
	s := Open(file, []byte("v1"))
	a, b := NewKey([]byte("a")), NewKey([]byte("b"))
	if _, ok := s.Get(a); ok || s.Len() != 0 {
		t.Fatalf("empty store has a value (Len %d)", s.Len())
	}
	s.Put(a, []byte("alpha"))
	s.Put(b, nil)
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	first, _ := os.ReadFile(file)

	s = Open(file, []byte("v1"))
	if s.Len() != 2 {
		t.Errorf("Len = %d, want 2", s.Len())
	}
	if v, ok := s.Get(a); !ok || string(v) != "alpha" {
		t.Errorf("Get(a) = %q, %v", v, ok)
	}
	if v, ok := s.Get(b); !ok || len(v) != 0 {
		t.Errorf("Get(b) = %q, %v", v, ok)
	}
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	if again, _ := os.ReadFile(file); !bytes.Equal(first, again) {
		t.Error("saving the same entries changed the file")
	}

	// Only what a build used is kept.
	s = Open(file, []byte("v1"))
	s.Get(a)
	s.Save()
	s = Open(file, []byte("v1"))
	if _, ok := s.Get(b); ok {
		t.Error("an entry no build used survived")
	}
	if _, ok := s.Get(a); !ok {
		t.Error("a used entry was dropped")
	}
}

func TestKeyParts(t *testing.T) {
	if NewKey([]byte("ab"), []byte("c")) == NewKey([]byte("a"), []byte("bc")) {
		t.Error("parts are not delimited")
	}
	a, b := NewKey([]byte("a")), NewKey([]byte("a"))
	if a != b {
		t.Error("keys are not deterministic")
	}
}

// Anything that is not a whole file of this program is ignored.
func TestDamage(t *testing.T) {
	file := filepath.Join(t.TempDir(), "c")
	s := Open(file, []byte("v1"))
	k := NewKey([]byte("k"))
	s.Put(k, []byte("value"))
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	good, _ := os.ReadFile(file)
	tests := []struct {
		name string
		data []byte
		salt string
	}{
		{"other program", good, "v2"},
		{"truncated", good[:len(good)-1], "v1"},
		{"empty", nil, "v1"},
		{"flipped byte", func() []byte { b := bytes.Clone(good); b[len(magic)+40] ^= 1; return b }(), "v1"},
		{"not a cache", []byte("hello, world: this is not a cache file at all, not at all"), "v1"},
	}
	for _, tt := range tests {
		os.WriteFile(file, tt.data, 0o644)
		s := Open(file, []byte(tt.salt))
		if _, ok := s.Get(k); ok || s.Len() != 0 {
			t.Errorf("%s: value read (Len %d)", tt.name, s.Len())
		}
	}
}

// Values stay readable until Close, also after Save replaced the file.
func TestSaveWhileMapped(t *testing.T) {
	file := filepath.Join(t.TempDir(), "c")
	k := NewKey([]byte("k"))
	s := Open(file, []byte("v1"))
	s.Put(k, []byte("first"))
	s.Save()
	s = Open(file, []byte("v1"))
	v, _ := s.Get(k)
	s.Put(NewKey([]byte("other")), []byte("second"))
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	if string(v) != "first" {
		t.Errorf("value after Save = %q", v)
	}
	s.Close()
	if _, ok := s.Get(k); ok {
		t.Error("a closed store has values")
	}
	s = Open(file, []byte("v1"))
	defer s.Close()
	for _, key := range []string{"k", "other"} {
		if _, ok := s.Get(NewKey([]byte(key))); !ok {
			t.Errorf("%s lost", key)
		}
	}
}

func TestNilStore(t *testing.T) {
	var s *Store
	s.Put(NewKey(), []byte("x"))
	if _, ok := s.Get(NewKey()); ok {
		t.Error("nil store has a value")
	}
	if err := s.Save(); err != nil {
		t.Error(err)
	}
	if s.Len() != 0 {
		t.Error("nil store has values")
	}
	s.Close()
}

func FuzzDecode(f *testing.F) {
	file := filepath.Join(f.TempDir(), "c")
	s := Open(file, []byte("v1"))
	s.Put(NewKey([]byte("k")), []byte("value"))
	s.Save()
	good, _ := os.ReadFile(file)
	f.Add(good)
	f.Add([]byte(magic))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := decode(data, NewKey([]byte("v1")))
		if err != nil {
			return
		}
		for _, v := range m {
			if cap(v) > len(data) {
				t.Fatal("value beyond the file")
			}
		}
	})
}

// TestCompressed checks that a large value is stored compressed and read back whole, and that a
// value whose compressed form is damaged (under a valid checksum) is absent.
func TestCompressed(t *testing.T) {
	file := filepath.Join(t.TempDir(), "c")
	s := Open(file, []byte("v1"))
	k := NewKey([]byte("table"))
	big := bytes.Repeat([]byte("<tr><td>第一条　この規程は、情報資産を守る。</td></tr>\n"), 2000)
	s.Put(k, big)
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(file)
	if len(data) > len(big)/10 {
		t.Errorf("file of %d bytes for a value of %d: not compressed", len(data), len(big))
	}
	s.Close()
	s = Open(file, []byte("v1"))
	if v, ok := s.Get(k); !ok || !bytes.Equal(v, big) {
		t.Errorf("Get = %d bytes, %v; want the value", len(v), ok)
	}
	s.Close()

	// Damage the compressed bytes and give the file a valid checksum again.
	body := bytes.Clone(data[:len(data)-4])
	body[len(body)-3] ^= 0xff
	body = binary.LittleEndian.AppendUint32(body, crc32.Checksum(body, table))
	if err := os.WriteFile(file, body, 0o644); err != nil {
		t.Fatal(err)
	}
	s = Open(file, []byte("v1"))
	if v, ok := s.Get(k); ok && !bytes.Equal(v, big) {
		t.Errorf("a damaged value was returned changed")
	}
	s.Close()
}

// TestHasherIsNewKey checks that parts added one at a time, as bytes or
// strings, small or larger than the Hasher's buffer, make the key NewKey
// promises: the SHA-256 of the parts, each after its length.
func TestHasherIsNewKey(t *testing.T) {
	big := bytes.Repeat([]byte("情報"), 40<<10)
	for _, parts := range [][][]byte{
		nil,
		{nil},
		{[]byte("ab"), []byte("c")},
		{[]byte("a"), big, []byte(""), big[:5000], []byte("z")},
	} {
		var bs, ss Hasher
		for _, p := range parts {
			bs.Add(p)
			ss.AddString(string(p))
		}
		ref := sha256.New()
		for _, p := range parts {
			ref.Write(binary.AppendUvarint(nil, uint64(len(p))))
			ref.Write(p)
		}
		var want Key
		ref.Sum(want[:0])
		if bs.Key() != want || ss.Key() != want || NewKey(parts...) != want {
			t.Errorf("%d parts: Hasher's key differs from NewKey's", len(parts))
		}
	}
	// A Hasher whose key was taken starts again.
	var h Hasher
	h.AddString("first")
	h.Key()
	h.AddString("second")
	if h.Key() != NewKey([]byte("second")) {
		t.Error("a Hasher used again keeps its earlier parts")
	}
}

// TestAll checks that All gives every value held, from the file and put
// since, decompressed, in key order.
func TestAll(t *testing.T) {
	file := filepath.Join(t.TempDir(), "c")
	s := Open(file, []byte("v1"))
	long := bytes.Repeat([]byte("compressed "), 100)
	want := map[Key][]byte{NewKey([]byte("a")): []byte("alpha"), NewKey([]byte("b")): long}
	for k, v := range want {
		s.Put(k, v)
	}
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = Open(file, []byte("v1"))
	defer s.Close()
	c := NewKey([]byte("c"))
	s.Put(c, []byte("gamma"))
	want[c] = []byte("gamma")
	var last Key
	n := 0
	for k, v := range s.All() {
		if n > 0 && bytes.Compare(last[:], k[:]) >= 0 {
			t.Errorf("keys out of order")
		}
		last, n = k, n+1
		if !bytes.Equal(v, want[k]) {
			t.Errorf("value of %x = %q, want %q", k[:4], v, want[k])
		}
	}
	if n != len(want) {
		t.Errorf("All gave %d values, want %d", n, len(want))
	}
	var none *Store
	for range none.All() {
		t.Error("a nil store holds a value")
	}
}
