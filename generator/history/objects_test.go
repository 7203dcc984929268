package history

import (
	"io"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

func memoryBlob(t *testing.T, data string) plumbing.EncodedObject {
	t.Helper()
	o := &plumbing.MemoryObject{}
	o.SetType(plumbing.BlobObject)
	w, _ := o.Writer()
	w.Write([]byte(data))
	w.Close()
	return o
}

func content(t *testing.T, o plumbing.EncodedObject) string {
	t.Helper()
	r, err := o.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestObjects checks the object cache: a blob the reader holds is served
// from its bytes, whatever go-git puts for it, and is read-only; any other
// object is go-git's LRU's.
func TestObjects(t *testing.T) {
	c := newObjects(1 << 20)
	held := memoryBlob(t, "第一条 本文")
	other := memoryBlob(t, "other")
	c.hold(held.Hash(), []byte("第一条 本文"))
	c.Put(held) // go-git's copy: not kept
	c.Put(other)
	if o, ok := c.Get(held.Hash()); !ok || o.Type() != plumbing.BlobObject || o.Size() != int64(len("第一条 本文")) || content(t, o) != "第一条 本文" {
		t.Errorf("held blob: %v, %v", o, ok)
	} else if _, isHeld := o.(*heldBlob); !isHeld {
		t.Errorf("held blob served as %T, want *heldBlob", o)
	} else if _, err := o.Writer(); err == nil {
		t.Error("a held blob is writable")
	}
	if o, ok := c.Get(other.Hash()); !ok || o != other {
		t.Errorf("other object: %v, %v; want what was put", o, ok)
	}
	if _, ok := c.at[held.Hash()]; ok {
		t.Error("go-git's copy of a held blob is kept")
	}
	// go-git's copy put before the reader takes the blob is dropped.
	late := memoryBlob(t, "第二条")
	c.Put(late)
	c.hold(late.Hash(), []byte("第二条"))
	if _, ok := c.at[late.Hash()]; ok || c.size != other.Size() {
		t.Errorf("go-git's copy of a blob held later is kept (%d bytes in the budget, want %d)", c.size, other.Size())
	}
	c.Clear()
	for _, h := range []plumbing.Hash{held.Hash(), other.Hash(), late.Hash()} {
		if _, ok := c.Get(h); ok {
			t.Errorf("%s after Clear", h)
		}
	}
}

// TestObjectsBudget checks that objects not held are kept while the most
// recently used fit in the budget.
func TestObjectsBudget(t *testing.T) {
	c := newObjects(10)
	a, b, d := memoryBlob(t, "aaaa"), memoryBlob(t, "bbbb"), memoryBlob(t, "dddd")
	big := memoryBlob(t, "more than ten bytes")
	c.Put(a)
	c.Put(b)
	c.Get(a.Hash()) // a is now the most recently used
	c.Put(d)        // 12 bytes: b goes
	c.Put(big)
	for _, tt := range []struct {
		o    plumbing.EncodedObject
		kept bool
	}{{a, true}, {b, false}, {d, true}, {big, false}} {
		if _, ok := c.Get(tt.o.Hash()); ok != tt.kept {
			t.Errorf("%q kept: %v, want %v", content(t, tt.o), ok, tt.kept)
		}
	}
	if c.size != 8 {
		t.Errorf("size %d, want 8", c.size)
	}
}
