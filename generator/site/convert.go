package site

import (
	"policysite/generator/content"
	"policysite/generator/diag"
	"policysite/generator/markdown"
	"policysite/generator/parallel"
	"policysite/generator/search"
	"sync"
	"sync/atomic"
)

// rendered is one public document in one language.
type rendered struct {
	doc *content.Document
	res *markdown.Result
	// covered lists the sections with text of their own (see covered), of
	// the current documents: their blocks are not kept.
	covered []string
}

func (b *builder) convert() {
	type job struct {
		lang string
		pair *content.Pair
		r    *rendered
		err  error
		secs []search.Section // for the search index, nil once indexed
		done chan struct{}    // closed when r and secs are set
		// both counts the languages of the pair converted; the second to
		// finish checks the pair's glossary use and makes its 対訳 pages
		// (see bothLanguages), the two languages' blocks in hand.
		both  *atomic.Int32
		other *job
		found []glossaryProblem // by the second of the pair to finish
	}
	var jobs []*job
	for _, p := range b.set.Public() {
		both := new(atomic.Int32)
		ja := &job{lang: "ja", pair: p, done: make(chan struct{}), both: both}
		en := &job{lang: "en", pair: p, done: make(chan struct{}), both: both, other: ja}
		ja.other = en
		jobs = append(jobs, ja, en)
	}
	// Each language's search index is built while the documents are
	// converted, from each document's sections in turn, which are then let
	// go: held for the whole site until the end, the text was a large share
	// of the build's memory (see search.Builder).
	var indexing sync.WaitGroup
	b.index = make([]searchIndex, len(content.Languages))
	for i, lang := range content.Languages {
		idx := &b.index[i]
		if idx.err = b.createIndex(idx, lang); idx.err != nil {
			continue
		}
		indexing.Go(func() {
			for _, j := range jobs {
				if j.lang != lang {
					continue
				}
				<-j.done
				for _, s := range j.secs {
					if idx.err == nil {
						idx.err = idx.b.Add(s)
					}
				}
				j.secs = nil
			}
		})
	}
	parallel.For(len(jobs), func(i int) {
		j := jobs[i]
		defer close(j.done)
		d := j.pair.In(j.lang)
		buf := bodies.Get().(*[]byte)
		defer bodies.Put(buf)
		body, err := b.set.ReadBody(d, buf)
		if err != nil {
			j.r, j.err = &rendered{doc: d, res: &markdown.Result{}}, err
			return
		}
		// Nothing in the result refers to body, which is reused.
		src := markdown.Source{File: d.File, Line: d.BodyLine, Path: d.Path, Lang: j.lang, Body: body}
		if j.lang == "en" {
			src.After = b.driftNotices(j.pair, "en/"+j.pair.Path+".html")
		}
		res, err := b.conv.Convert(src)
		j.r, j.err = &rendered{doc: d, res: res, covered: covered(res.Blocks)}, err
		// The page is made now, while its HTML is fresh in the cache, and
		// the HTML and text are let go: a large site would otherwise carry
		// them to the end, and memory costs page faults.
		if j.pair.Path == "index" {
			// not a document page
		} else if old, _, ok := b.inForce(j.lang, j.pair); ok {
			// While a revision is pending, the page and the search index
			// have the text in force; the page is made when every
			// document's sections are known (see inForcePages), as its
			// links are judged against them.
			if r := b.oldDocument(j.lang, j.pair.Path, old, "", false, nil); r != nil {
				j.secs = sections(j.pair.Path+".html", r)
			}
		} else {
			b.document(j.lang, j.pair, j.r)
			j.secs = sections(j.pair.Path+".html", j.r)
		}
		if j.both.Add(1) == 2 {
			ja, en := j.r, j.other.r
			if j.lang == "en" {
				ja, en = en, ja
			}
			j.found = b.bothLanguages(j.pair, ja, en)
			ja.res.Blocks, en.res.Blocks = nil, nil
		}
	})
	indexing.Wait()
	for _, j := range jobs {
		d := j.r.doc
		if j.err != nil {
			b.errs = append(b.errs, j.err)
		}
		b.report(j.found)
		for _, h := range j.r.res.Headings {
			if reservedIDs[h.ID] {
				b.errs = append(b.errs, diag.Errorf(d.File, h.Line, "heading ID %q is used by the page itself; choose another", h.ID))
			}
		}
		b.docs[j.lang+"/"+d.Path] = j.r
	}
}

// bodies are the buffers documents are read into for conversion.
var bodies = sync.Pool{New: func() any { return new([]byte) }}

// covered returns the IDs of the sections with text of their own, in
// order: the sections a quiz question can be asked about ("2 定義" is
// covered through its subsections).
func covered(blocks []markdown.Block) []string {
	var ids []string
	seen := map[string]bool{}
	for _, bl := range blocks {
		if !isHeading(bl.Kind) && bl.Section != "" && bl.Section != "footnotes" && !seen[bl.Section] {
			seen[bl.Section] = true
			ids = append(ids, bl.Section)
		}
	}
	return ids
}

// reservedIDs are element IDs the templates use on every page.
var reservedIDs = map[string]bool{"main": true, "toc-heading": true, "site-search-q": true, "search-q": true,
	"search-form": true, "search-status": true, "search-results": true, "quiz-app": true, "quiz-data": true,
	"home-documents": true, "home-quizzes": true, "home-updates": true}

func isHeading(kind string) bool {
	return len(kind) == 2 && kind[0] == 'h' && kind[1] >= '1' && kind[1] <= '6'
}
