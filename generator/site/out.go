package site

import (
	"bytes"
	"io"
	"sync"
)

// A Writer takes the site's files as they are made: every page leaves
// through it. generator/output's Tree (public/ on disk) and the preview's
// in-memory site implement it; without one (Options.Out nil) Build keeps
// the files in Site.Files.
//
// Both methods are called from several goroutines at once.
type Writer interface {
	// Add takes the file name (a slash path under the site root) with
	// data, which it may not keep: the caller reuses it. minimal reports
	// that the file is about as small as minifying would make it, so
	// minifying it again is work for nothing: generated data such as the
	// search index, and every page (see Options.Out).
	Add(name string, data []byte, minimal bool) error
	// Create creates the file name for the caller to write and close: a
	// large generated file (the search indexes) is then never held whole.
	// It is as small as minifying would make it.
	Create(name string) (io.WriteCloser, error)
}

// memory is the Writer of a build without Options.Out: Site.Files.
type memory struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memory) Add(name string, data []byte, minimal bool) error {
	// The page keeps an exact copy: a grown buffer is up to twice the page,
	// and a site's worth of that is memory the build pays for in page faults.
	data = bytes.Clone(data)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[name] = data
	return nil
}

func (m *memory) Create(name string) (io.WriteCloser, error) {
	return &memoryFile{m: m, name: name}, nil
}

type memoryFile struct {
	bytes.Buffer
	m    *memory
	name string
}

func (f *memoryFile) Close() error {
	return f.m.Add(f.name, f.Bytes(), true)
}
