package history

import (
	"bytes"
	"container/list"
	"errors"
	"io"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
)

// objects is go-git's object cache, with the blobs the reader holds
// anyway. go-git keeps the objects it decodes, as the bases of the deltas
// read after them, and the reader copies each blob it reads into a
// History that holds every version: at go-git's 96 MiB the two held
// nearly every blob twice, the largest part of a first build's peak, and a
// smaller cache made go-git resolve the same deltas again and again. A
// blob the reader has taken (see hold) is served from its bytes and kept
// outside the budget for as long as the repository is open, and go-git's
// copy of it is dropped; every other object is kept while the objects
// used since it fit in the budget.
type objects struct {
	mu     sync.Mutex
	held   map[plumbing.Hash]*heldBlob
	budget int64
	size   int64
	lru    *list.List // of plumbing.EncodedObject, the most recently used first
	at     map[plumbing.Hash]*list.Element
}

func newObjects(budget cache.FileSize) *objects {
	return &objects{held: map[plumbing.Hash]*heldBlob{}, budget: int64(budget), lru: list.New(), at: map[plumbing.Hash]*list.Element{}}
}

// hold serves the blob h from data from now on. data must not change.
func (c *objects) hold(h plumbing.Hash, data []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.held[h] = &heldBlob{hash: h, data: data}
	if e, ok := c.at[h]; ok {
		c.drop(e)
	}
}

func (c *objects) drop(e *list.Element) {
	o := c.lru.Remove(e).(plumbing.EncodedObject)
	delete(c.at, o.Hash())
	c.size -= o.Size()
}

// Put implements cache.Object.
func (c *objects) Put(o plumbing.EncodedObject) {
	c.mu.Lock()
	defer c.mu.Unlock()
	h := o.Hash()
	if _, ok := c.held[h]; ok || o.Size() > c.budget {
		return
	}
	if e, ok := c.at[h]; ok {
		c.drop(e)
	}
	c.at[h] = c.lru.PushFront(o)
	c.size += o.Size()
	for c.size > c.budget {
		c.drop(c.lru.Back())
	}
}

// Get implements cache.Object.
func (c *objects) Get(h plumbing.Hash) (plumbing.EncodedObject, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if b, ok := c.held[h]; ok {
		return b, true
	}
	e, ok := c.at[h]
	if !ok {
		return nil, false
	}
	c.lru.MoveToFront(e)
	return e.Value.(plumbing.EncodedObject), true
}

// Clear implements cache.Object.
func (c *objects) Clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.held)
	clear(c.at)
	c.lru.Init()
	c.size = 0
}

// heldBlob is a blob whose bytes the reader holds: read-only.
type heldBlob struct {
	hash plumbing.Hash
	data []byte
}

var errHeld = errors.New("history: a held blob is read-only")

func (b *heldBlob) Hash() plumbing.Hash             { return b.hash }
func (b *heldBlob) Type() plumbing.ObjectType       { return plumbing.BlobObject }
func (b *heldBlob) SetType(plumbing.ObjectType)     {}
func (b *heldBlob) Size() int64                     { return int64(len(b.data)) }
func (b *heldBlob) SetSize(int64)                   {}
func (b *heldBlob) Writer() (io.WriteCloser, error) { return nil, errHeld }
func (b *heldBlob) Reader() (io.ReadCloser, error) {
	return io.NopCloser(bytes.NewReader(b.data)), nil
}
