package content

import (
	"errors"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"policysite/generator/diag"
)

// OrganisationFile is the file that names the organisation the site belongs
// to, relative to the project folder. See Organisation.
const OrganisationFile = "content/organisation.yaml"

// Names are what the pages in one language call the organisation and the
// site: everything that names the organisation outside the documents.
type Names struct {
	// Organisation is the organisation's name: the author of the Atom
	// feeds. "山鹿植木広域行政事務組合".
	Organisation string
	// Site is the site's name: in every page's header and title, and the
	// title of the feeds and of the top page. "情報セキュリティポリシー".
	Site string
	// Footer is the line at the foot of every page.
	Footer string
	// Tag is the organisation's tagging entity (RFC 4151), under which the
	// Atom feeds' ids are minted: a domain name or e-mail address it holds,
	// a comma and a date on which it held it, "example.lg.jp,2026". It is
	// the same in every language, from the file's top-level tag: key, and
	// "" without one. Set it once: the ids change with it.
	Tag string
}

// Organisation is content/organisation.yaml: for each language, the names
// of the organisation and of its site. The generator's own wording (「改定
// 履歴」, "Search") is not in it: that is the same for every organisation.
//
//	# Who this site belongs to. Every key is required in both languages.
//	ja:
//	  organisation: 山鹿植木広域行政事務組合
//	  site: 情報セキュリティポリシー
//	  footer: 山鹿植木広域行政事務組合　情報セキュリティポリシー（日本語が原文です）
//	en:
//	  organisation: Yamaga-Ueki Wide-Area Administrative Association
//	  site: Information Security Policy
//	  footer: Yamaga-Ueki Wide-Area Administrative Association — Information Security Policy. …
//	tag: example.lg.jp,2026   # optional: the feeds' ids (see Names.Tag)
//
// Each value is one line of plain text (no Markdown or HTML). Unknown
// keys and languages are errors, as in front matter.
type Organisation map[string]Names

// Generic are the names used when there is no organisation file: the
// generator's own words, naming no one, so that a new site builds before
// its owner has written the file (the build warns).
var Generic = Organisation{
	"ja": {Organisation: "情報セキュリティポリシー", Site: "情報セキュリティポリシー", Footer: "情報セキュリティポリシー"},
	"en": {Organisation: "Information Security Policy", Site: "Information Security Policy", Footer: "Information Security Policy"},
}

// ErrNoOrganisation is returned (wrapped) with Generic by LoadOrganisation
// when the project has no organisation file.
var ErrNoOrganisation = errors.New(OrganisationFile + " is missing: the pages use generic names (see go doc ./generator/content Organisation)")

// LoadOrganisation reads OrganisationFile from the project folder fsys. A
// non-nil error is a diag.List (path:line: message),
// or ErrNoOrganisation with Generic when there is no such file.
func LoadOrganisation(fsys fs.FS) (Organisation, error) {
	for _, p := range []string{path.Dir(OrganisationFile), OrganisationFile} {
		if st, err := fs.Lstat(fsys, p); err == nil && st.Mode()&fs.ModeSymlink != 0 {
			return nil, diag.Errorf(p, 1, "symbolic link: the organisation file must be a file (git keeps the link, not the text; copy it here, or remove the link)")
		}
	}
	data, err := fs.ReadFile(fsys, OrganisationFile)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return Generic, ErrNoOrganisation
		}
		return nil, diag.Errorf(OrganisationFile, 0, "%v", err)
	}
	return ParseOrganisation(OrganisationFile, data)
}

// ParseOrganisation parses the contents of an organisation file named file.
func ParseOrganisation(file string, data []byte) (Organisation, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		line, _ := yamlErrorLine(err)
		return nil, diag.Errorf(file, max(line, 1), "%s", yamlMessage(err))
	}
	var errs diag.List
	fail := func(n *yaml.Node, format string, args ...any) {
		errs.Add(file, max(n.Line, 1), format, args...)
	}
	// The names are on every page as written, so an HTML comment in them
	// is no comment: its note would be shown (notes here are # comments).
	var comments func(n *yaml.Node)
	comments = func(n *yaml.Node) {
		if strings.Contains(n.Value, "<!--") || strings.Contains(n.Value, "-->") {
			fail(n, "HTML comment markers (<!-- or -->) here are not comments: the text would be published on every page; write internal notes as YAML comments (# note)")
		}
		for _, c := range n.Content {
			comments(c)
		}
	}
	comments(&root)
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	top := &root
	if top.Kind == yaml.DocumentNode && len(top.Content) == 1 {
		top = top.Content[0]
	}
	if top.Kind != yaml.MappingNode {
		fail(top, "want a mapping of languages (%s), each with organisation, site and footer", strings.Join(Languages, ", "))
		return nil, errs.Err()
	}
	org := Organisation{}
	tag := ""
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		if k.Value == "tag" {
			if s, ok := scalar(v); !ok || !tagPattern.MatchString(s) {
				fail(v, "tag: want a domain name or e-mail address the organisation holds, a comma and a date it held it on (RFC 4151), such as example.lg.jp,2026 or soumu@example.lg.jp,2026-04-01")
			} else {
				tag = s
			}
			continue
		}
		if !isLanguage(k.Value) {
			fail(k, "unknown language %q (want %s)", k.Value, strings.Join(Languages, " or "))
			continue
		}
		if _, dup := org[k.Value]; dup {
			fail(k, "language %q given twice", k.Value)
			continue
		}
		if v.Kind != yaml.MappingNode {
			fail(v, "%s: want organisation, site and footer", k.Value)
			continue
		}
		var names Names
		fields := map[string]*string{"organisation": &names.Organisation, "site": &names.Site, "footer": &names.Footer}
		seen := map[string]bool{}
		for j := 0; j+1 < len(v.Content); j += 2 {
			fk, fv := v.Content[j], v.Content[j+1]
			dst, ok := fields[fk.Value]
			switch s, isScalar := scalar(fv); {
			case !ok:
				fail(fk, "%s: unknown key %q (want organisation, site or footer)", k.Value, fk.Value)
			case seen[fk.Value]:
				fail(fk, "%s: %s given twice", k.Value, fk.Value)
			case !isScalar || strings.TrimSpace(s) == "":
				fail(fv, "%s: %s must be a line of text", k.Value, fk.Value)
			case strings.ContainsAny(s, "\n\r"):
				fail(fv, "%s: %s must be one line", k.Value, fk.Value)
			default:
				*dst = strings.TrimSpace(s)
			}
			seen[fk.Value] = true
		}
		for _, key := range []string{"organisation", "site", "footer"} {
			if !seen[key] {
				fail(k, "%s: %s is missing", k.Value, key)
			}
		}
		org[k.Value] = names
	}
	for _, lang := range Languages {
		if _, ok := org[lang]; !ok {
			fail(top, "language %s is missing (every page in it needs the names)", lang)
		}
	}
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs.Err()
	}
	for lang, names := range org {
		names.Tag = tag
		org[lang] = names
	}
	return org, nil
}

// tagPattern is RFC 4151's taggingEntity: a DNS name of two labels or more,
// or an e-mail address, then a comma and a date (year, month or day), in
// lower case as the RFC recommends so that ids compare equal.
var tagPattern = regexp.MustCompile(`^(?:[a-z0-9._%+-]+@)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+,[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?$`)

func isLanguage(s string) bool {
	for _, l := range Languages {
		if l == s {
			return true
		}
	}
	return false
}
