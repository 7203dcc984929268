package site

import (
	"encoding/binary"
	"sync"

	"policysite/generator/cache"
	"policysite/generator/content"
	"policysite/generator/markdown"
)

// version is one public version of a document in one language, as a
// commit left it: what its history and comparison pages need of it.
type version struct {
	key   cache.Key // the version's bytes and place, see renderVersion
	title string
	text  cache.Key // the hash of title and blocks: versions with equal text have equal hashes

	once   sync.Once
	raw    []byte // the blocks, encoded (see encodeVersion), until first asked for
	blocks []markdown.Block
}

// Blocks returns the version's blocks, decoding them on first use: a
// rebuild whose comparison tables come from the cache never needs them.
func (v *version) Blocks() []markdown.Block {
	v.once.Do(func() {
		if v.raw != nil {
			v.blocks = decodeBlocks(v.raw)
			v.raw = nil
		}
	})
	return v.blocks
}

// renderVersion parses and renders one historical version of a document,
// or returns nil when it was not public then. Errors in old versions are
// not reported: they were the build errors of their day.
//
// A version is kept in the cache (Options.Cache) between builds, under the
// hash of its bytes and where it was: parsing every version of a long
// history again is most of what a rebuild would cost. Of a version that
// was not public the cache keeps only that it was not.
func (b *builder) renderVersion(local map[cache.Key]*version, lang, file, docPath string, data []byte) *version {
	if data == nil {
		return nil
	}
	key := cache.NewKey([]byte("version"), []byte(lang), []byte(file), []byte(docPath), data)
	if v, ok := local[key]; ok {
		return v
	}
	if enc, ok := b.opt.Cache.Get(key); ok {
		if v, ok := decodeVersion(enc, key); ok {
			local[key] = v
			return v
		}
	}
	d, err := content.Parse(file, data)
	var v *version
	if err == nil && d.Visibility == content.Public {
		res, _ := b.conv.Text(markdown.Source{File: file, Line: d.BodyLine, Path: docPath, Lang: lang, Body: d.Body})
		v = &version{key: key, title: d.Title, blocks: res.Blocks}
		v.once.Do(func() {})
		v.text = textHash(v.title, v.blocks)
	}
	local[key] = v
	b.opt.Cache.Put(key, encodeVersion(v))
	return v
}

func textHash(title string, blocks []markdown.Block) cache.Key {
	parts := make([][]byte, 0, 1+3*len(blocks))
	parts = append(parts, []byte(title))
	for _, bl := range blocks {
		parts = append(parts, []byte(bl.Kind), []byte(bl.Section), []byte(bl.Text))
	}
	return cache.NewKey(parts...)
}

// encodeVersion writes 0 for a version that was not public, else 1, the
// text hash, the title and the blocks, strings length-prefixed.
func encodeVersion(v *version) []byte {
	if v == nil {
		return []byte{0}
	}
	buf := append([]byte{1}, v.text[:]...)
	buf = appendString(buf, v.title)
	buf = binary.AppendUvarint(buf, uint64(len(v.blocks)))
	for _, bl := range v.blocks {
		buf = appendString(buf, bl.Kind)
		buf = appendString(buf, bl.Section)
		buf = appendString(buf, bl.Text)
	}
	return buf
}

func appendString(buf []byte, s string) []byte {
	buf = binary.AppendUvarint(buf, uint64(len(s)))
	return append(buf, s...)
}

// decodeVersion reads what encodeVersion wrote; ok is false for bytes it
// did not write. The blocks are checked now and decoded when first used.
func decodeVersion(enc []byte, key cache.Key) (v *version, ok bool) {
	if len(enc) == 1 && enc[0] == 0 {
		return nil, true
	}
	var text cache.Key
	if len(enc) < 1+len(text) || enc[0] != 1 {
		return nil, false
	}
	copy(text[:], enc[1:])
	r := reader{buf: enc[1+len(text):]}
	title := r.str()
	raw := r.buf
	for n := r.num(); n > 0 && !r.bad; n-- {
		r.skip()
		r.skip()
		r.skip()
	}
	if r.bad || len(r.buf) != 0 {
		return nil, false
	}
	return &version{key: key, title: title, text: text, raw: raw}, true
}

func decodeBlocks(raw []byte) []markdown.Block {
	r := reader{buf: raw}
	blocks := make([]markdown.Block, r.num())
	for i := range blocks {
		blocks[i] = markdown.Block{Kind: r.str(), Section: r.str(), Text: r.str()}
	}
	return blocks
}

// reader reads length-prefixed values; bad records a value that ran past
// the end.
type reader struct {
	buf []byte
	bad bool
}

func (r *reader) num() int {
	n, w := binary.Uvarint(r.buf)
	if w <= 0 || n > uint64(len(r.buf)) && n > 1<<20 {
		r.bad = true
		return 0
	}
	r.buf = r.buf[w:]
	return int(n)
}

func (r *reader) bytes() []byte {
	n := r.num()
	if r.bad || n > len(r.buf) {
		r.bad = true
		return nil
	}
	b := r.buf[:n]
	r.buf = r.buf[n:]
	return b
}

func (r *reader) str() string { return string(r.bytes()) }
func (r *reader) skip()       { r.bytes() }
