package site

import (
	"policysite/generator/diag"
	"policysite/generator/markdown"
)

// checkLinks resolves every link of every public document.
func (b *builder) checkLinks() {
	for _, key := range sortedKeys(b.docs) {
		r := b.docs[key]
		for _, l := range r.res.Links {
			target := r
			if l.Doc != "" {
				pair := b.set.Lookup(l.Doc)
				switch {
				case pair == nil:
					b.errs = append(b.errs, diag.Errorf(r.doc.File, l.Line, "link %q: no document content/%s/%s.md", l.Dest, r.doc.Lang, l.Doc))
					continue
				case !pair.Public():
					// Say nothing about the target: not even whether it exists.
					b.errs = append(b.errs, diag.Errorf(r.doc.File, l.Line, "link %q points to a document that is not public; a public page may not link to it", l.Dest))
					continue
				}
				target = b.docs[r.doc.Lang+"/"+l.Doc]
			}
			if l.Fragment != "" && !hasHeading(target.res, l.Fragment) {
				b.errs = append(b.errs, diag.Errorf(r.doc.File, l.Line, "link %q: no section {#%s} in %s", l.Dest, l.Fragment, target.doc.File))
			}
		}
	}
}

func hasHeading(r *markdown.Result, id string) bool {
	for _, h := range r.Headings {
		if h.ID == id {
			return true
		}
	}
	return false
}

// checkTranslations requires the same sections, in the same order, in both
// languages, so the language switch and quiz links land where they should.
func (b *builder) checkTranslations() {
	for _, p := range b.set.Public() {
		ja, en := b.docs["ja/"+p.Path], b.docs["en/"+p.Path]
		jh, eh := ja.res.Headings, en.res.Headings
		for i := 0; i < len(jh) || i < len(eh); i++ {
			switch {
			case i >= len(eh):
				b.errs = append(b.errs, diag.Errorf(en.doc.File, en.doc.BodyLine, "translation lacks section {#%s} (%s:%d)", jh[i].ID, ja.doc.File, jh[i].Line))
			case i >= len(jh):
				b.errs = append(b.errs, diag.Errorf(en.doc.File, eh[i].Line, "section {#%s} is not in the Japanese source %s", eh[i].ID, ja.doc.File))
			case jh[i].ID != eh[i].ID || jh[i].Level != eh[i].Level:
				b.errs = append(b.errs, diag.Errorf(en.doc.File, eh[i].Line, "section {#%s} (level %d) does not match the Japanese source's {#%s} (level %d) at %s:%d",
					eh[i].ID, eh[i].Level, jh[i].ID, jh[i].Level, ja.doc.File, jh[i].Line))
			default:
				continue
			}
			break
		}
	}
}
