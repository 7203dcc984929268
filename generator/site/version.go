package site

import (
	"sync"
	"unicode/utf8"

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
	file  string    // where it was

	// doc is the version's front matter (its Body nil) and kept its body,
	// as pieces its document's memo holds once for all its versions (see
	// markdown.Memo.Keep): a long law's versions share nearly every
	// article, and the history's bytes of every version can be let go
	// (see Options.ConsumeHistory). A version from the cache has its
	// bytes instead (data, shared with the history) until first needed.
	read sync.Once
	data []byte
	memo *markdown.Memo
	doc  *content.Document
	kept markdown.Kept

	// blocks are held as the memo's parts (see markdown.Blocks), and a
	// slice of them made for each caller: a long history's versions
	// each holding a copy of nearly the same blocks was most of its
	// memory.
	once   sync.Once
	parse  func() markdown.Blocks // makes blocks, when they were not made with the version
	blocks markdown.Blocks
}

// Blocks returns the version's blocks. A version read from the cache has
// none until its version page gives them (see useBlocks) or a comparison
// asks for them: the cache keeps where a comparison's marks go, not its
// text, so a rebuild parses again the versions its comparisons show.
func (v *version) Blocks() []markdown.Block {
	v.once.Do(func() {
		if v.parse != nil {
			v.blocks = v.parse()
			v.parse = nil
		}
	})
	return v.blocks.AppendTo(nil)
}

// useBlocks gives the version blocks made with its HTML (see versionPage),
// if it has none yet: converting a version is the same work with or
// without HTML, and a rebuild finds the versions in the cache and their
// blocks nowhere.
func (v *version) useBlocks(blocks []markdown.Block) {
	v.once.Do(func() {
		if v.parse != nil {
			v.blocks, v.parse = markdown.BlocksOf(blocks), nil
		}
	})
}

// source returns the version's front matter (nil when it was not public,
// or is a draft's) and body, reading them from its bytes the first time.
func (v *version) source() (*content.Document, markdown.Kept) {
	v.read.Do(func() {
		if v.data == nil {
			return
		}
		if d, err := content.Parse(v.file, v.data); err == nil && d.Visibility == content.Public {
			v.doc, v.kept = withoutBody(d), v.memo.Keep(d.Body)
		}
		v.data = nil
	})
	return v.doc, v.kept
}

func withoutBody(d *content.Document) *content.Document {
	c := *d
	c.Body = nil
	return &c
}

// renderVersion parses and renders one historical version of a document,
// or returns nil when it was not public then. Errors in old versions are
// not reported: they were the build errors of their day.
//
// Whether a version was public, its title and the hash of its text are
// kept in the cache (Options.Cache) between builds, under the hash of the
// version's bytes and where it was: parsing every version of a long
// history again would be most of what a rebuild costs. Nothing else of a
// version is cached, and nothing at all of one that was not public.
//
// memo is the document's in lang (see markdown.Memo): a version's sections
// that an earlier version had are not parsed again. only says data is the
// document's only version in lang.
func (b *builder) renderVersion(local map[cache.Key]*version, memo *markdown.Memo, lang, file, docPath string, data []byte, only bool) *version {
	if data == nil {
		return nil
	}
	key := cache.NewKey([]byte("version"), []byte(lang), []byte(file), []byte(docPath), data)
	if v, ok := local[key]; ok {
		return v
	}
	// blocks makes the blocks of a public version, or reports that its
	// internal notes would show as text: it then fails closed, as if the
	// version had not been public.
	blocks := func(d *content.Document, body []byte) (markdown.Blocks, bool) {
		bs, commented := b.conv.RememberBlocks(markdown.Source{File: file, Line: d.BodyLine, Path: docPath, Lang: lang, Body: body}, memo)
		return bs, !commented
	}
	again := func(v *version) func() markdown.Blocks {
		return func() markdown.Blocks {
			d, kept := v.source()
			if d == nil {
				return markdown.Blocks{}
			}
			if bs, ok := blocks(d, kept.AppendTo(nil)); ok {
				return bs
			}
			return markdown.Blocks{} // fail closed, as renderVersion would have
		}
	}
	if enc, ok := b.opt.Cache.Get(key); ok {
		if v, ok := decodeVersion(enc, key); ok {
			if v != nil {
				v.file, v.data, v.memo = file, data, memo
				v.parse = again(v)
			}
			local[key] = v
			return v
		}
	}
	var v *version
	if d, err := b.parsed.Parse(file, data); err == nil && d.Visibility == content.Public {
		// Kept first: the memo's parts then share its strings. A
		// document's only version shares nothing: its bytes are kept as
		// they are, not copied.
		kept := markdown.Whole(d.Body)
		if !only {
			kept = memo.Keep(d.Body)
		}
		if bs, ok := blocks(d, d.Body); ok {
			v = &version{key: key, title: d.Title, text: textHash(d.Title, bs), file: file, doc: withoutBody(d), kept: kept, blocks: bs}
		}
	}
	local[key] = v
	b.opt.Cache.Put(key, encodeVersion(v))
	return v
}

func textHash(title string, blocks markdown.Blocks) cache.Key {
	var h cache.Hasher
	h.AddString(title)
	for bl := range blocks.All() {
		h.AddString(bl.Kind)
		h.AddString(bl.Section)
		h.AddString(bl.Text)
	}
	return h.Key()
}

// encodeVersion writes 0 for a version that was not public, else 1, the
// text hash and the title.
func encodeVersion(v *version) []byte {
	if v == nil {
		return []byte{0}
	}
	buf := append([]byte{1}, v.text[:]...)
	return append(buf, v.title...)
}

// decodeVersion reads what encodeVersion wrote; ok is false for bytes it
// did not write.
func decodeVersion(enc []byte, key cache.Key) (v *version, ok bool) {
	if len(enc) == 1 && enc[0] == 0 {
		return nil, true
	}
	var text cache.Key
	if len(enc) < 1+len(text) || enc[0] != 1 || !utf8.Valid(enc[1+len(text):]) {
		return nil, false
	}
	copy(text[:], enc[1:])
	return &version{key: key, title: string(enc[1+len(text):]), text: text}, true
}
