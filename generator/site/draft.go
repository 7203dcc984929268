package site

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"sort"
	"strings"
	"time"

	"policysite/generator/content"
	"policysite/generator/history"
	"policysite/generator/markdown"
)

// DraftOptions configure a draft comparison: the 新旧対照表（案） of saved,
// uncommitted edits (改正案) against a committed revision (現行), for
// approval before the amendment is committed.
type DraftOptions struct {
	// FS is the project folder; content/ in it, as saved, is the proposal.
	FS fs.FS
	// Against is the revision the proposal is compared with (its content/).
	Against *history.Snapshot
	// Templates holds draft.html and assets/.
	Templates fs.FS
	// DiffOrder orders the Japanese columns as Options.DiffOrder does:
	// "new-old" (改正案 | 現行, the default) or "old-new".
	DiffOrder string
	// IncludeInternal compares internal documents too; every page then says
	// 内部資料 in its header, on screen and on every printed page.
	IncludeInternal bool
	// Date is the day the draft is dated, shown on it. The caller chooses
	// it so that output depends on its inputs only.
	Date time.Time
	// Prefix is prepended to every output path ("draft/" in serve).
	Prefix string
}

// Draft is a built draft comparison.
type Draft struct {
	// Files are the output files by slash path: ja.html, en.html and the
	// assets they need, so that the folder can be mailed, printed or put on
	// a file share as it is.
	Files map[string][]byte
	// Changed lists the paths of the documents compared, by language.
	Changed map[string][]string
}

// draftUI is the wording of the draft pages; generic, so it stays in Go.
type draftUI struct {
	Suffix, Mark, Proposed, Current, Internal, Legend string
	DatedFormat, AgainstFormat, NoChanges, Other      string
	PageFormat                                        string // the printed page number: "%s / %s" of CSS counters
}

var draftStrings = map[string]*draftUI{
	"ja": {
		Suffix:        "新旧対照表（案）",
		Mark:          "案",
		Proposed:      "改正案",
		Current:       "現行",
		Internal:      "内部資料",
		Legend:        "傍線（下線）を付した部分は改正部分です（改正案・現行の両欄とも）。改正案の欄では改められ又は加えられる字句、現行の欄では改められ又は削られる字句を示します。変更のない部分は（略）としています。",
		DatedFormat:   "%s 作成",
		AgainstFormat: "現行: %s 時点の版（%s）",
		NoChanges:     "現行から変更された文書はありません。",
		Other:         "English",
	},
	"en": {
		Suffix:        "comparison table (draft)",
		Mark:          "DRAFT",
		Proposed:      "Proposed",
		Current:       "Current",
		Internal:      "INTERNAL",
		Legend:        "Underlined text is what the amendment changes, in both columns: in Proposed, the words put in place or added; in Current, the words replaced or removed. Unchanged passages are shown as (unchanged).",
		DatedFormat:   "Prepared %s",
		AgainstFormat: "Current: the version of %s (%s)",
		NoChanges:     "No document differs from the current version.",
		Other:         "日本語",
	},
}

// draftView is the data draft.html gets.
type draftView struct {
	Lang, Title, Dated, Against, CSS string
	Internal                         bool
	UI                               *UI
	Org                              content.Names
	D                                *draftUI
	OtherHref                        string
	Sections                         []draftSection
}

type draftSection struct {
	ID, Title, Left, Right string
	Internal, New, Removed bool
	Body                   template.HTML
}

// BuildDraft compares the saved documents with opt.Against by the rules of
// the published 新旧対照表 (compareBlocks, tableRows): the same rows,
// marks and （略）, headed 改正案 | 現行.
//
// Only public documents are compared unless IncludeInternal is set: a
// document counts on a side if both its languages were public there, as
// on published pages, so text from a time a document was internal is
// never shown without it. The proposal must pass the same checks as a
// build of content/ (errors are path:line: message).
func BuildDraft(opt DraftOptions) (*Draft, error) {
	if o := opt.DiffOrder; o != "" && o != "new-old" && o != "old-new" {
		return nil, fmt.Errorf("diff order %q: want new-old or old-new", o)
	}
	if opt.Against == nil {
		return nil, errors.New("draft: no revision to compare with")
	}
	org, orgErr := content.LoadOrganisation(opt.FS)
	if errors.Is(orgErr, content.ErrNoOrganisation) {
		orgErr = nil
	}
	set, err := content.Load(opt.FS, "content")
	if err != nil || orgErr != nil {
		return nil, errors.Join(orgErr, err)
	}
	tmpl, err := loadDraftTemplate(opt.Templates)
	if err != nil {
		return nil, err
	}
	conv := markdown.New()
	// Every document path on either side.
	paths := map[string]bool{}
	for _, p := range set.Pairs {
		paths[p.Path] = true
	}
	for name := range opt.Against.Files {
		if p, ok := docPath(name); ok {
			paths[p] = true
		}
	}
	ordered := make([]string, 0, len(paths))
	for p := range paths {
		ordered = append(ordered, p)
	}
	rank := map[string]int{}
	for i, p := range set.Pairs {
		rank[p.Path] = i
	}
	sort.SliceStable(ordered, func(i, j int) bool {
		ri, iok := rank[ordered[i]]
		rj, jok := rank[ordered[j]]
		if iok != jok {
			return iok // documents of the proposal first, in its order
		}
		if iok && ri != rj {
			return ri < rj
		}
		return ordered[i] < ordered[j]
	})
	d := &Draft{Files: map[string][]byte{}, Changed: map[string][]string{}}
	var errs []error
	for _, lang := range content.Languages {
		ui, du := uiStrings[lang], draftStrings[lang]
		newFirst := lang == "ja" && opt.DiffOrder != "old-new"
		v := &draftView{Lang: lang, UI: ui, Org: org[lang], D: du, Internal: opt.IncludeInternal,
			Dated:   fmt.Sprintf(du.DatedFormat, formatDate(lang, opt.Date)),
			Against: fmt.Sprintf(du.AgainstFormat, formatDate(lang, opt.Against.Commit.Time), opt.Against.Commit.Short),
			CSS:     "assets/draft-" + lang + ".css", OtherHref: other(lang) + ".html"}
		var tables [][]byte
		for _, p := range ordered {
			file := "content/" + lang + "/" + p + ".md"
			cur, curInternal, err := draftSide(conv, file, p, lang, func(l string) ([]byte, bool) {
				data, err := fs.ReadFile(opt.FS, "content/"+l+"/"+p+".md")
				return data, err == nil
			}, opt.IncludeInternal)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			old, oldInternal, _ := draftSide(conv, file, p, lang, func(l string) ([]byte, bool) {
				data, ok := opt.Against.Files["content/"+l+"/"+p+".md"]
				return data, ok
			}, opt.IncludeInternal)
			if cur == nil && old == nil || cur != nil && old != nil && cur.text == old.text {
				continue
			}
			sec := draftSection{ID: docAnchor(p), Internal: curInternal || oldInternal, New: old == nil, Removed: cur == nil,
				Left: du.Current, Right: du.Proposed}
			if newFirst {
				sec.Left, sec.Right = du.Proposed, du.Current
			}
			if cur != nil {
				sec.Title = cur.title
			} else {
				sec.Title = old.title
			}
			// A document withdrawn (deleted, or no longer public) has no
			// proposed side: it is shown as wholly removed.
			rows := compareBlocks(lang, old, cur)
			if newFirst {
				for i := range rows {
					flip(&rows[i])
				}
			}
			sec.Body = tablePlaceholder(len(tables))
			tables = append(tables, tableRows(ui, rows, "")) // no page of the full text
			v.Sections = append(v.Sections, sec)
			d.Changed[lang] = append(d.Changed[lang], p)
		}
		switch n := len(v.Sections); {
		case n == 0:
			v.Title = du.Suffix
		case n == 1:
			v.Title = v.Sections[0].Title + "　" + du.Suffix
		default:
			v.Title = fmt.Sprintf(ui.AndMoreFormat, v.Sections[0].Title, n-1) + "　" + du.Suffix
		}
		if lang == "en" && len(v.Sections) > 0 {
			v.Title = strings.Replace(v.Title, "　", ": ", 1)
		}
		var buf bytes.Buffer
		if err := tmpl.Execute(&buf, v); err != nil {
			return nil, templateError(err)
		}
		d.Files[opt.Prefix+lang+".html"] = splice(buf.Bytes(), tables)
		d.Files[opt.Prefix+v.CSS] = []byte(draftPageCSS(du, opt.IncludeInternal))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	for _, name := range []string{"assets/style.css", "assets/draft.css"} {
		data, err := fs.ReadFile(opt.Templates, name)
		if err != nil {
			return nil, fmt.Errorf("templates/%s: %w", name, err)
		}
		d.Files[opt.Prefix+name] = data
	}
	return d, nil
}

// draftSide reads one side of a document in lang: nil when the document
// is absent there or may not be shown. internal reports that it is shown
// only because internal documents were asked for.
func draftSide(conv *markdown.Converter, file, docPath, lang string, read func(lang string) ([]byte, bool), includeInternal bool) (v *version, internal bool, err error) {
	data, ok := read(lang)
	if !ok {
		return nil, false, nil
	}
	d, err := content.Parse(file, data)
	if err != nil {
		return nil, false, err
	}
	// Public means public in both languages, judged on this side's files.
	public := d.Visibility == content.Public
	if o, ok := read(other(lang)); public && ok {
		od, err := content.Parse(file, o)
		public = err == nil && od.Visibility == content.Public
	} else {
		public = false
	}
	if !public && !includeInternal {
		return nil, false, nil
	}
	res, _ := conv.Text(markdown.Source{File: file, Line: d.BodyLine, Path: docPath, Lang: lang, Body: d.Body})
	bs := markdown.BlocksOf(res.Blocks)
	return &version{title: d.Title, text: textHash(d.Title, bs), blocks: bs}, !public, nil
}

// docPath returns the document path of a file under content/<lang>/, as
// content.Load finds documents.
func docPath(name string) (string, bool) {
	for _, lang := range content.Languages {
		rest, ok := strings.CutPrefix(name, "content/"+lang+"/")
		if !ok || !strings.HasSuffix(rest, ".md") {
			continue
		}
		for _, part := range strings.Split(rest, "/") {
			if strings.HasPrefix(part, ".") || strings.HasPrefix(part, "_") {
				return "", false
			}
		}
		return strings.TrimSuffix(rest, ".md"), true
	}
	return "", false
}

func loadDraftTemplate(fsys fs.FS) (*template.Template, error) {
	src, err := fs.ReadFile(fsys, "draft.html")
	if err != nil {
		return nil, fmt.Errorf("templates/draft.html: %w", err)
	}
	t, err := template.New("draft.html").Funcs(template.FuncMap{"csp": func() string { return CSP }}).Parse(string(src))
	if err != nil {
		return nil, templateError(err)
	}
	return t, nil
}

// draftPageCSS is the printed page of a draft in one language: A4, 「案」
// in the top corner of every page, 内部資料 at the top centre when
// internal documents are included, and page numbers. It is made here,
// not in draft.css, because it carries wording of the language, and the
// pages allow no inline style.
func draftPageCSS(du *draftUI, internal bool) string {
	var b strings.Builder
	b.WriteString("@page {\n  size: A4;\n  margin: 20mm 15mm 18mm;\n")
	fmt.Fprintf(&b, "  @top-left { content: %s; font-size: 9pt; }\n", cssString(du.Suffix))
	fmt.Fprintf(&b, "  @top-right { content: %s; font-size: 14pt; font-weight: 700; border: 2px solid #000; width: 14mm; height: 9mm; margin-top: 6mm; text-align: center; }\n", cssString(du.Mark))
	if internal {
		fmt.Fprintf(&b, "  @top-center { content: %s; font-size: 12pt; font-weight: 700; color: #b00020; }\n", cssString(du.Internal))
	}
	b.WriteString("  @bottom-center { content: counter(page) \" / \" counter(pages); font-size: 9pt; }\n}\n")
	return b.String()
}

// cssString quotes s as a CSS string; the wording above has no quotes or
// backslashes, but a translation might.
func cssString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\a `).Replace(s) + `"`
}
