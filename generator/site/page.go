package site

import (
	"strings"

	"policysite/generator/content"
	"policysite/generator/search"
)

// page is the data every template gets.
type page struct {
	Kind        string // names the template file: document, home, search, quiz, …
	Lang        string
	Root        string // from the page to the site root: "../"
	LangRoot    string // from the page to its language folder: "./", "../"; "" on the landing page
	Title       string
	Description string
	UI          *UI
	Org         content.Names // the organisation's and the site's names (content/organisation.yaml)
	Alt         *altLink
	Crumbs      []link

	Landing  *landingView
	Home     *homeView
	Doc      *docView
	Quiz     *quizView
	History  *historyView
	Diff     *diffView
	WhatsNew *whatsNewView
	Version  *versionView
	Glossary *glossaryView
	// HasGlossary: the site has a glossary (content/glossary.yaml) for
	// the footer to link to.
	HasGlossary bool
	// Bilingual is a 対訳 page, or the list of them.
	Bilingual *bilingualView
	Feed      bool // the language has an Atom feed to link to

	SearchUI *search.ScriptUI // the search page's script texts (generator/search)
}

type link struct{ Href, Title string }

// altLink is the language switch: the same page in the other language
// and, on every page with a language folder, the 対訳 view (the page's own
// document side by side, or the list of documents).
type altLink struct{ Href, Lang, Label, BiHref, BiLabel string }

// other returns the other language.
func other(lang string) string {
	if lang == "ja" {
		return "en"
	}
	return "ja"
}

// rel returns the path from the folder of out up to the site root.
func rel(out string) string {
	return strings.Repeat("../", strings.Count(out, "/"))
}

func newPage(kind, lang, out, title string) *page {
	root := rel(out)
	langRoot := ""
	if depth := strings.Count(out, "/"); depth > 0 {
		langRoot = strings.Repeat("../", depth-1)
		if langRoot == "" {
			langRoot = "./"
		}
	}
	return &page{Kind: kind, Lang: lang, Root: root, LangRoot: langRoot, Title: title, UI: uiStrings[lang]}
}

// altFor links a page to the same page in the other language.
func altFor(p *page, out string) *altLink {
	o := other(p.Lang)
	return &altLink{Href: p.Root + o + strings.TrimPrefix(out, p.Lang), Lang: o, Label: uiStrings[o].LangName,
		BiHref: p.LangRoot + "bilingual/index.html", BiLabel: p.UI.BilingualSwitch}
}
