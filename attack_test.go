package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The routes of issue 11's attack beyond the five it names, each planting
// the marker ATKMARK where it must not be published. Each case builds a
// small site (no git) and greps every byte of the output and of the
// terminal: the build either fails, writing nothing, or succeeds without the
// marker. Which of the two is part of the case: a route the build rejects
// today must not quietly start to pass.

const atk = "ATKMARK"

// internalDoc is an internal document whose title and body carry the
// marker, with front matter head (the lines between the --- lines).
func withFrontMatter(head, body string) string {
	return "---\n" + head + "\n---\n\n" + body
}

// policyBody is the Japanese policy with body after its first heading.
func policyBody(body string) map[string]string {
	return map[string]string{"content/ja/policy.md": policyJA("public", body)}
}

type attackCase struct {
	name  string
	files map[string]string // written over minimalSite
	fails bool              // the build must fail (else succeed)
	// terminal is true when the terminal may show the marker: an error
	// quoting what the owner wrote in a public file at its line.
	terminal bool
}

func runAttacks(t *testing.T, cases []attackCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			files := minimalSite()
			files["quizzes/training.yaml"] = staleQuiz
			for k, v := range tt.files {
				files[k] = v
			}
			dir := writeTree(t, files)
			code, stdout, stderr := build(t, dir)
			checkAttack(t, dir, tt.fails, tt.terminal, code, stdout, stderr)
		})
	}
}

// checkAttack asserts the outcome of one attack: exit code as wanted, no
// marker in the terminal (unless allowed) nor in any byte of public/.
func checkAttack(t *testing.T, dir string, fails, terminal bool, code int, stdout, stderr string) {
	t.Helper()
	switch {
	case fails && code != 1:
		t.Errorf("exit %d, want 1 (the build must refuse this); stderr:\n%s", code, stderr)
	case !fails && code != 0:
		t.Errorf("exit %d, want 0; stderr:\n%s", code, stderr)
	}
	if !terminal && strings.Contains(stdout+stderr, atk) {
		t.Errorf("the terminal shows the marker:\n%s%s", stdout, stderr)
	}
	out := filepath.Join(dir, "public")
	if _, err := os.Stat(out); err != nil {
		if !fails {
			t.Errorf("no public/: %v", err)
		}
		return
	}
	if fails {
		t.Error("a failed build wrote public/")
	}
	got := readTree(t, out)
	if len(got) < 10 {
		t.Errorf("only %d files built", len(got))
	}
	assertNoMarkers(t, got, []string{atk})
}

// TestAttackMarkdown: a note in an HTML comment of a public document, in
// every place of the Markdown a comment can be written, is never published.
func TestAttackMarkdown(t *testing.T) {
	t.Parallel()
	runAttacks(t, []attackCase{
		{name: "comment in a link destination", files: policyBody("[外部](https://example.com/<!--ATKMARK-->)を見よ。"), fails: true, terminal: true},
		{name: "comment in an angle-bracket link destination", files: policyBody("[外部](<https://example.com/<!--ATKMARK-->>)を見よ。")},
		{name: "comment in a link title", files: policyBody("[外部](https://example.com \"<!-- ATKMARK -->\")を見よ。"), fails: true, terminal: true},
		{name: "comment in a link title, written with references", files: policyBody("[外部](https://example.com \"&lt;!-- ATKMARK --&gt;\")を見よ。"), fails: true, terminal: true},
		{name: "comment in a link destination, escaped", files: policyBody("[外部](https://example.com/\\<!--ATKMARK-->)を見よ。"), fails: true, terminal: true},
		{name: "comment in a used reference definition's title", files: policyBody("[外部][r]を見よ。\n\n[r]: https://example.com \"<!-- ATKMARK -->\""), fails: true, terminal: true},
		{name: "comment in a used reference definition's destination", files: policyBody("[外部][r]を見よ。\n\n[r]: https://example.com/<!--ATKMARK-->"), fails: true, terminal: true},
		{name: "unused reference definition holding a comment", files: policyBody("本文。\n\n[r]: https://example.com/x \"<!-- ATKMARK -->\"")},
		{name: "comment in a heading", files: map[string]string{"content/ja/policy.md": mdPage("基本方針", "public", "## 1 目的<!-- ATKMARK --> {#purpose}\n\n本文。\n")}},
		{name: "comment in a heading ID", files: map[string]string{"content/ja/policy.md": mdPage("基本方針", "public", "## 1 目的 {#purpose<!-- ATKMARK -->}\n\n本文。\n")}, fails: true},
		{name: "comment in a footnote", files: policyBody("本文[^1]。\n\n[^1]: 注<!-- ATKMARK -->の本文。")},
		{name: "comment in a table cell", files: policyBody("| 区分 | 内容 |\n| --- | --- |\n| 甲 | 乙<!-- ATKMARK --> |")},
		{name: "comment in a definition list", files: policyBody("用語\n: 定義<!-- ATKMARK -->の本文")},
		{name: "comment in link text", files: policyBody("[基本<!-- ATKMARK -->方針](#purpose)を見よ。")},
		{name: "comment in a block quote", files: policyBody("> 引用<!-- ATKMARK -->の本文")},
		{name: "comment in a list item, over lines", files: policyBody("- 項目\n  <!--\n  ATKMARK\n  -->\n- 次の項目")},
		{name: "comment over lines inside a paragraph", files: policyBody("本文<!--\nATKMARK\n-->の続き。")},
		{name: "comment holding --", files: policyBody("本文<!-- a -- ATKMARK -->の続き。")},
		{name: "comment in image alt text", files: policyBody("![<!-- ATKMARK -->](x.png)"), fails: true},
		{name: "escaped comment opener", files: policyBody("本文 <\\!-- ATKMARK -->。"), fails: true, terminal: true},
		{name: "comment written with character references", files: policyBody("本文 &#60;!-- ATKMARK --&#62;。"), fails: true, terminal: true},
		{name: "CDATA block", files: policyBody("本文。\n\n<![CDATA[ ATKMARK ]]>")},
		{name: "processing instruction", files: policyBody("本文。\n\n<?note ATKMARK ?>")},
		{name: "declaration", files: policyBody("本文。\n\n<!NOTE ATKMARK>")},
		{name: "script block", files: policyBody("本文。\n\n<script>ATKMARK</script>")},
		{name: "raw HTML attribute", files: policyBody("本文<span data-note=\"ATKMARK\">。</span>")},
		{name: "setext heading comment", files: map[string]string{"content/ja/policy.md": mdPage("基本方針", "public", "1 目的<!-- ATKMARK --> {#purpose}\n---\n\n本文。\n")}},
		{name: "YAML comment in front matter", files: map[string]string{"content/ja/policy.md": "---\ntitle: 基本方針 # ATKMARK\nvisibility: public\n# ATKMARK\n---\n\n## 1 目的 {#purpose}\n\n本文。\n"}},
	})
}

// TestAttackFrontMatter: an internal document (its title and body carry the
// marker) is published under no spelling of its front matter that a reader
// could take for public; every doubtful spelling fails the build.
func TestAttackFrontMatter(t *testing.T) {
	t.Parallel()
	body := "## 手順 {#steps}\n\nATKMARK の本文。\n"
	doc := func(ja, en string) map[string]string {
		return map[string]string{"content/ja/atk.md": ja, "content/en/atk.md": en}
	}
	both := func(data string) map[string]string { return doc(data, data) }
	fm := func(head string) map[string]string { return both(withFrontMatter(head, body)) }
	runAttacks(t, []attackCase{
		{name: "visibility in capitals", files: fm("title: ATKMARK\nvisibility: Public"), fails: true},
		{name: "visibility missing", files: fm("title: ATKMARK"), fails: true},
		{name: "visibility empty", files: fm("title: ATKMARK\nvisibility:"), fails: true},
		{name: "visibility with a space", files: fm("title: ATKMARK\nvisibility: 'public '"), fails: true},
		{name: "key in capitals", files: fm("title: ATKMARK\nVisibility: public"), fails: true},
		{name: "duplicate key, internal first", files: fm("title: ATKMARK\nvisibility: internal\nvisibility: public"), fails: true},
		{name: "duplicate key, public first", files: fm("title: ATKMARK\nvisibility: public\nvisibility: internal"), fails: true},
		{name: "public inside a multi-line summary", files: fm("title: ATKMARK\nvisibility: internal\nsummary: |\n  visibility: public")},
		{name: "public inside a flow mapping", files: fm("title: ATKMARK\nvisibility: {public: true}"), fails: true},
		{name: "public in a list", files: fm("title: ATKMARK\nvisibility: [public]"), fails: true},
		{name: "alias of a public anchor", files: fm("title: &v public\nvisibility: *v"), fails: true},
		{name: "merge key", files: fm("title: ATKMARK\n<<: {visibility: public}"), fails: true},
		{name: "custom tag", files: fm("title: ATKMARK\nvisibility: !public internal"), fails: true},
		{name: "binary tag", files: fm("title: ATKMARK\nvisibility: !!binary cHVibGlj"), fails: true},
		{name: "TOML front matter", files: both("+++\ntitle = \"ATKMARK\"\nvisibility = \"public\"\n+++\n\n" + body), fails: true},
		{name: "JSON front matter", files: both("{\"title\": \"ATKMARK\", \"visibility\": \"public\"}\n\n" + body), fails: true},
		{name: "byte order mark", files: both("\ufeff" + withFrontMatter("title: ATKMARK\nvisibility: public", body)), fails: true},
		{name: "not UTF-8", files: both(withFrontMatter("title: \x82\xa0ATKMARK\nvisibility: public", body)), fails: true},
		{name: "second YAML document", files: both("---\ntitle: ATKMARK\nvisibility: internal\n---\nvisibility: public\n---\n\n" + body)},
		{name: "public in Japanese, internal in English", files: doc(withFrontMatter("title: ATKMARK\nvisibility: public", body), withFrontMatter("title: ATKMARK\nvisibility: internal", body)), fails: true},
		{name: "internal in Japanese, public in English", files: doc(withFrontMatter("title: ATKMARK\nvisibility: internal", body), withFrontMatter("title: ATKMARK\nvisibility: public", body)), fails: true},
		{name: "public in English, no Japanese", files: map[string]string{"content/en/atk.md": withFrontMatter("title: ATKMARK\nvisibility: public", body)}, fails: true},
		{name: "internal summary", files: fm("title: x\nvisibility: internal\nsummary: ATKMARK")},
		{name: "internal, heading ID linked from a public document", files: map[string]string{
			"content/ja/atk.md":    withFrontMatter("title: 手順\nvisibility: internal", "## 手順 {#atkmark-steps}\n\n本文。\n"),
			"content/ja/policy.md": policyJA("public", "[手順](atk.md#atkmark-steps)を見よ。"),
		}, fails: true, terminal: true},
		{name: "internal, path linked from a public document", files: map[string]string{
			"content/ja/atkmark-plan.md": withFrontMatter("title: 手順\nvisibility: internal", body),
			"content/ja/policy.md":       policyJA("public", "[手順](atkmark-plan.md)を見よ。"),
		}, fails: true, terminal: true},
		{name: "internal, same path as a public document in a sub-folder", files: map[string]string{
			"content/ja/sub/policy.md": withFrontMatter("title: ATKMARK\nvisibility: internal", body),
		}},
	})
}

// TestAttackFiles: files in the project that are not public documents are
// never published: other kinds of file in content/, names the build ignores,
// and symbolic links where the build reads declared files.
func TestAttackFiles(t *testing.T) {
	t.Parallel()
	pub := withFrontMatter("title: ATKMARK\nvisibility: public", "## x {#x}\n\nATKMARK\n")
	runAttacks(t, []attackCase{
		{name: "text file", files: map[string]string{"content/ja/atk.txt": "ATKMARK", "content/en/atk.txt": "ATKMARK"}},
		{name: "upper-case suffix", files: map[string]string{"content/ja/atk.MD": pub, "content/en/atk.MD": pub}},
		{name: "markdown suffix", files: map[string]string{"content/ja/atk.markdown": pub, "content/en/atk.markdown": pub}},
		{name: "draft folder", files: map[string]string{"content/ja/_drafts/atk.md": pub, "content/en/_drafts/atk.md": pub}},
		{name: "dot file", files: map[string]string{"content/ja/.atk.md": pub, "content/en/.atk.md": pub}},
		{name: "image in content", files: map[string]string{"content/ja/atk.png": "ATKMARK"}},
		{name: "file at the top of content", files: map[string]string{"content/atk.md": pub}},
		{name: "other language folder", files: map[string]string{"content/fr/atk.md": pub}},
		{name: "link to a draft", files: map[string]string{"content/ja/_drafts/atk.md": pub, "content/en/_drafts/atk.md": pub,
			"content/ja/policy.md": policyJA("public", "[下書き](_drafts/atk.md)")}, fails: true},
		{name: "other file in quizzes", files: map[string]string{"quizzes/atk.txt": "ATKMARK", "quizzes/atk.yml.bak": "ATKMARK"}},
		{name: "YAML comment in a quiz", files: map[string]string{"quizzes/training.yaml": "# ATKMARK\n" + staleQuiz}},
		{name: "YAML comment in the glossary", files: map[string]string{"content/glossary.yaml": "# ATKMARK\nterms:\n  - ja: 目的\n    en: purpose\n    defined: policy.md#purpose\n"}},
		{name: "glossary note with a comment", files: map[string]string{"content/glossary.yaml": "terms:\n  - ja: 目的\n    en: purpose\n    defined: policy.md#purpose\n    note: {ja: 注<!-- ATKMARK -->, en: note}\n"}, fails: true, terminal: true},
		{name: "organisation footer with a comment", files: map[string]string{"content/organisation.yaml": "ja:\n  organisation: 組合\n  site: 方針\n  footer: 組合<!-- ATKMARK -->\nen:\n  organisation: Union\n  site: Policy\n  footer: Union\n"}, fails: true, terminal: true},
		{name: "YAML comment in the organisation file", files: map[string]string{"content/organisation.yaml": "# ATKMARK\nja:\n  organisation: 組合\n  site: 方針\n  footer: 組合\nen:\n  organisation: Union\n  site: Policy\n  footer: Union # ATKMARK\n"}},
		{name: "glossary term defined in an internal document", files: map[string]string{
			"content/ja/atk.md":     withFrontMatter("title: ATKMARK\nvisibility: internal", "## 手順 {#steps}\n\nATKMARK\n"),
			"content/glossary.yaml": "terms:\n  - ja: 手順\n    en: procedure\n    defined: atk.md#steps\n"}, fails: true},
	})
}

// TestAttackSymlinks: a symbolic link where the build reads a file it
// publishes (a quiz, the glossary, the organisation's names, an asset of a
// -templates folder) is refused: git keeps the link, not the text, and the
// target may be anything, an internal document included.
func TestAttackSymlinks(t *testing.T) {
	t.Parallel()
	secret := "title: {ja: ATKMARK, en: ATKMARK}\npass_mark: 80\nquestions:\n  - id: purpose\n    type: truefalse\n    ref: policy.md#purpose\n    answer: true\n    prompt: {ja: ATKMARK, en: ATKMARK}\n    explanation: {ja: ATKMARK, en: ATKMARK}\n"
	pub := withFrontMatter("title: ATKMARK\nvisibility: public", "## x {#x}\n\nATKMARK\n")
	for _, tt := range []struct {
		name, link, target string
		folder             map[string]string // the target is a folder of these files
	}{
		{name: "quiz", link: "quizzes/atk.yaml", target: secret},
		{name: "quizzes folder", link: "quizzes", folder: map[string]string{"training.yaml": staleQuiz, "atk.yaml": secret}},
		{name: "language folder", link: "content/ja", folder: map[string]string{"index.md": mdPage("ホーム", "public", "ようこそ。\n"), "policy.md": policyJA("public", "本文。"), "atk.md": pub}},
		{name: "glossary", link: "content/glossary.yaml", target: "terms:\n  - ja: 目的\n    en: purpose ATKMARK\n    defined: policy.md#purpose\n"},
		{name: "organisation", link: "content/organisation.yaml", target: "ja:\n  organisation: ATKMARK\n  site: ATKMARK\n  footer: ATKMARK\nen:\n  organisation: ATKMARK\n  site: ATKMARK\n  footer: ATKMARK\n"},
		{name: "template asset", link: "mytemplates/assets/style.css", target: "/* ATKMARK */"},
		{name: "template", link: "mytemplates/search.html", target: "{{define \"main\"}}ATKMARK{{end}}"},
		{name: "template folder", link: "mytemplates/assets", folder: map[string]string{"style.css": "/* ATKMARK */"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			files := minimalSite()
			files["quizzes/training.yaml"] = staleQuiz
			if tt.link == "content/ja" {
				files["content/en/atk.md"] = pub
			}
			dir := writeTree(t, files)
			target := filepath.Join(t.TempDir(), "secret")
			if err := os.WriteFile(target, []byte(tt.target), 0o644); err != nil {
				t.Fatal(err)
			}
			if tt.folder != nil {
				target = writeTree(t, tt.folder)
			}
			link := filepath.Join(dir, filepath.FromSlash(tt.link))
			os.RemoveAll(link)
			os.MkdirAll(filepath.Dir(link), 0o755)
			if err := os.Symlink(target, link); err != nil {
				t.Skip("no symbolic links:", err)
			}
			code, stdout, stderr := build(t, dir, "-templates", filepath.Join(dir, "mytemplates"))
			checkAttack(t, dir, true, false, code, stdout, stderr)
			if !strings.Contains(stderr, tt.link+":") || !strings.Contains(stderr, "symbolic link") {
				t.Errorf("the error does not name the link as path: message:\n%s", stderr)
			}
		})
	}
}

// TestAttackOutput: a previous output whose files are hard links to the
// sources, or whose folders are symbolic links into them, is replaced
// without touching a byte of the sources; and a mark planted in a source
// folder does not make it a previous output.
func TestAttackOutput(t *testing.T) {
	t.Parallel()
	files := minimalSite()
	files["quizzes/training.yaml"] = staleQuiz
	dir := writeTree(t, files)
	if code, _, stderr := build(t, dir); code != 0 {
		t.Fatal(stderr)
	}
	pub := filepath.Join(dir, "public")
	page := filepath.Join(pub, "ja", "policy.html")
	os.Remove(page)
	if err := os.Link(filepath.Join(dir, "content", "ja", "policy.md"), page); err != nil {
		t.Skip("no hard links:", err)
	}
	os.RemoveAll(filepath.Join(pub, "en"))
	if err := os.Symlink(filepath.Join(dir, "content", "en"), filepath.Join(pub, "en")); err != nil {
		t.Skip("no symbolic links:", err)
	}
	if code, _, stderr := build(t, dir); code != 0 {
		t.Fatal(stderr)
	}
	for _, name := range []string{"content", "quizzes"} {
		if err := os.WriteFile(filepath.Join(dir, name, ".policysite-output"), nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if code, _, stderr := build(t, dir, "-out", name); code != 1 || !strings.Contains(stderr, "replaced by the site") {
			t.Errorf("-out %s with a planted mark: exit %d, stderr %q", name, code, stderr)
		}
		os.Remove(filepath.Join(dir, name, ".policysite-output"))
	}
	for name, data := range files {
		if b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name))); err != nil || string(b) != data {
			t.Errorf("%s: gone or changed (%v)", name, err)
		}
	}
	out := readTree(t, pub)
	if !strings.Contains(string(out["ja/policy.html"]), "<html") || !strings.Contains(string(out["en/policy.html"]), "<html") {
		t.Error("the pages were not rebuilt")
	}
}
