package site

import (
	"fmt"
	"path"
	"strings"

	"policysite/generator/content"
	"policysite/generator/history"
)

// Publishable are the files, besides public documents, that the policy
// owner declares public: a commit that changed only these and public
// documents may have its message published. Patterns are path.Match
// patterns relative to the site folder. The quizzes and the templates are
// published whole (the quiz pages, the look of every page), so nothing a
// message says of them is news to a reader. Everything else (notes, drafts
// in _folders, files the build ignores, the program, anything outside the
// site folder) is not: a message beside it may speak of it.
//
// This list is the one place where that is declared; the README repeats it.
var Publishable = []string{
	"content/organisation.yaml", // the names on every page
	"quizzes/*.yaml",
	"templates/*.html",
	"templates/*.go",
	"templates/assets/*",
}

// message is what may be shown of a commit's message.
type message struct {
	// Subject and Body are the commit's, or the withheld note and "".
	Subject, Body string
	// Effective is the commit's Effective date (YYYY-MM-DD), "" when it has
	// none or its message is withheld: a trailer is part of the message.
	Effective string
	// Withheld reports that the message is not shown.
	Withheld bool
}

// message returns what lang's pages may show of commit c's message. Every
// page that shows a commit's subject, body or Effective date (history,
// comparison, what's new, feeds, home page) takes it from here.
func (b *builder) message(lang string, c *history.Commit) message {
	if b.withheld[c.Hash] {
		return message{Subject: uiStrings[lang].WithheldMessage, Withheld: true}
	}
	return message{Subject: c.Subject, Body: c.Body, Effective: c.Effective}
}

// judgeMessages decides, once per build, which commits shown on the site
// have their messages withheld (warning for each, by short hash only: the
// subject may be what must not be shown), and reports a malformed Effective
// trailer of a commit whose message is shown, which would otherwise be
// silently read as an editorial change.
func (b *builder) judgeMessages() {
	b.withheld = map[string]bool{}
	done := map[string]bool{}
	for _, pair := range b.set.Public() {
		dh := b.hist[pair.Path]
		if dh == nil {
			continue
		}
		for _, r := range dh.revs {
			c := r.commit
			if done[c.Hash] {
				continue
			}
			done[c.Hash] = true
			if !b.publishable[c.Hash] {
				b.withheld[c.Hash] = true
				b.warns = append(b.warns, fmt.Sprintf("commit %s: its message is not published: it changed files that are not public documents or declared public (see Publishable); commit those separately", c.Short))
				continue
			}
			if hasComment(c.Subject) || hasComment(c.Body) {
				// Owners keep notes in comments; on a page the message is
				// text, so the note would be shown. A commit cannot be
				// mended, so the build goes on without the message.
				b.withheld[c.Hash] = true
				b.warns = append(b.warns, fmt.Sprintf("commit %s: its message is not published: it holds an HTML comment marker (<!-- or -->), which a page would show as text", c.Short))
				continue
			}
			if c.TrailerError != "" {
				b.errs = append(b.errs, fmt.Errorf("commit %s: %s", c.Short, c.TrailerError))
			}
		}
	}
}

// judgeCommits returns, by hash, the commits of h whose messages may be
// published (see messagePublishable).
func judgeCommits(h *history.History, pm *content.ParseMemo) map[string]bool {
	ok := map[string]bool{}
	memo := map[*byte]bool{}
	for _, c := range h.Commits {
		if messagePublishable(c, memo, pm) {
			ok[c.Hash] = true
		}
	}
	return ok
}

// messagePublishable reports whether commit c's message may be published:
// only when every path the commit changed, anywhere in the repository, is on
// both sides of the change (before and after; a side where there is no file
// does not count) either a public document as the commit itself had it (both
// languages public by their front matter on that side) or a file matching
// Publishable. Anything else, a symbolic link or a submodule included,
// withholds it. It is an allow-list: what it does not know is not public.
// memo keeps the verdict on each version of a document, by its bytes.
func messagePublishable(c *history.Commit, memo map[*byte]bool, pm *content.ParseMemo) bool {
	if len(c.Changes) == 0 {
		return false // nothing known of what it changed
	}
	at := map[string]history.Change{}
	for _, ch := range c.Changes {
		at[ch.Path] = ch
	}
	for _, ch := range c.Changes {
		if ch.Context {
			continue
		}
		for _, side := range []func(history.Change) history.File{oldSide, newSide} {
			f := side(ch)
			if f.Mode == 0 {
				continue // no file on this side
			}
			if !f.Regular() {
				return false
			}
			if declaredPublic(ch.Path) {
				continue
			}
			rel, ok := documentPath(ch.Path)
			if !ok {
				return false
			}
			for _, lang := range content.Languages {
				if !publicVersion(side(at["content/"+lang+"/"+rel+".md"]), memo, pm) {
					return false
				}
			}
		}
	}
	return true
}

// hasComment reports whether s holds an HTML comment marker.
func hasComment(s string) bool {
	return strings.Contains(s, "<!--") || strings.Contains(s, "-->")
}

func oldSide(ch history.Change) history.File { return ch.Old }
func newSide(ch history.Change) history.File { return ch.New }

// declaredPublic reports whether p matches a pattern of Publishable.
func declaredPublic(p string) bool {
	for _, pat := range Publishable {
		if ok, _ := path.Match(pat, p); ok {
			return true
		}
	}
	return false
}

// documentPath returns the document path of a file of the site ("x" for
// content/ja/x.md) when it is one that content.Load reads as a document.
func documentPath(p string) (string, bool) {
	for _, lang := range content.Languages {
		if rel, ok := strings.CutPrefix(p, "content/"+lang+"/"); ok {
			return content.DocumentPath(rel)
		}
	}
	return "", false
}

// publicVersion reports whether f is a file whose front matter says
// visibility: public and passes every check of content.Parse.
func publicVersion(f history.File, memo map[*byte]bool, pm *content.ParseMemo) bool {
	if !f.Regular() || len(f.Data) == 0 {
		return false
	}
	if v, ok := memo[&f.Data[0]]; ok {
		return v
	}
	d, err := pm.Parse("version", f.Data)
	v := err == nil && d.Visibility == content.Public
	memo[&f.Data[0]] = v
	return v
}
