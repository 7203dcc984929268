package content

import "sync"

// A ParseMemo parses documents as Parse does, and reads each distinct
// front matter of a file once: a document's versions in a long history
// nearly all have the front matter of the version before them, and
// reading the same YAML again for each was a twentieth of a first build.
// It is safe for concurrent use.
type ParseMemo struct {
	mu   sync.Mutex
	docs map[string]map[string]*Document // by file, then front matter
}

// Parse returns what Parse(file, data) returns. The Document shares all
// but its Body with others of the memo: callers must not change it.
func (m *ParseMemo) Parse(file string, data []byte) (*Document, error) {
	end := frontMatterEnd(data)
	m.mu.Lock()
	d, ok := m.docs[file][string(data[:end])]
	m.mu.Unlock()
	if ok {
		c := *d
		c.Body = data[end:]
		return &c, nil
	}
	d, err := Parse(file, data)
	// Only a document whose body is what follows its front matter, as
	// parse finds it when the front matter alone parses, is remembered:
	// its fields then depend on data[:end] alone.
	if err == nil && len(d.Body) == len(data)-end && (len(d.Body) == 0 || &d.Body[0] == &data[end]) {
		m.mu.Lock()
		if m.docs == nil {
			m.docs = map[string]map[string]*Document{}
		}
		if m.docs[file] == nil {
			m.docs[file] = map[string]*Document{}
		}
		m.docs[file][string(data[:end])] = d
		m.mu.Unlock()
	}
	return d, err
}
