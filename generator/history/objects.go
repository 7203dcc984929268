package history

import (
	"bytes"
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
// outside go-git's budget for as long as the repository is open; every
// other object is go-git's LRU as before.
type objects struct {
	lru *cache.ObjectLRU

	mu   sync.Mutex
	held map[plumbing.Hash]*heldBlob
}

func newObjects(budget cache.FileSize) *objects {
	return &objects{lru: cache.NewObjectLRU(budget), held: map[plumbing.Hash]*heldBlob{}}
}

// hold serves the blob h from data from now on. data must not change.
func (c *objects) hold(h plumbing.Hash, data []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.held[h] = &heldBlob{hash: h, data: data}
}

// Put implements cache.Object.
func (c *objects) Put(o plumbing.EncodedObject) {
	c.mu.Lock()
	_, ok := c.held[o.Hash()]
	c.mu.Unlock()
	if !ok {
		c.lru.Put(o)
	}
}

// Get implements cache.Object.
func (c *objects) Get(h plumbing.Hash) (plumbing.EncodedObject, bool) {
	c.mu.Lock()
	b, ok := c.held[h]
	c.mu.Unlock()
	if ok {
		return b, true
	}
	return c.lru.Get(h)
}

// Clear implements cache.Object.
func (c *objects) Clear() {
	c.mu.Lock()
	clear(c.held)
	c.mu.Unlock()
	c.lru.Clear()
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
