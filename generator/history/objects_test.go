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
	if _, ok := c.lru.Get(held.Hash()); ok {
		t.Error("go-git's copy of a held blob is in the LRU")
	}
	c.Clear()
	for _, h := range []plumbing.Hash{held.Hash(), other.Hash()} {
		if _, ok := c.Get(h); ok {
			t.Errorf("%s after Clear", h)
		}
	}
}
