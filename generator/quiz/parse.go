package quiz

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"path"
	"policysite/generator/diag"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

var (
	idPattern  = regexp.MustCompile(`^[a-z0-9-]+$`)
	refPattern = regexp.MustCompile(`^(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*\.md#[A-Za-z0-9_-]+$`)
	// yaml.v3 reports syntax errors as "yaml: line N: message".
	yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
)

// Generated choices of a truefalse question written with "answer:".
var (
	trueText  = Text{JA: "正しい", EN: "True"}
	falseText = Text{JA: "誤り", EN: "False"}
)

// parser walks the yaml.Node tree itself instead of decoding into structs so
// that every error, including a missing key or a wrong type, has a line, and
// so that it can go on after an error and report the rest.
type parser struct {
	path  string
	lines []string
	errs  diag.List
}

func (p *parser) errorf(line int, format string, args ...any) {
	p.errs.Add(p.path, line, format, args...)
}

func (p *parser) yamlError(err error) {
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		p.errorf(n, "yaml: %s", m[2])
		return
	}
	p.errorf(0, "%s", err.Error())
}

func (p *parser) file(data []byte) *Quiz {
	name := strings.TrimSuffix(path.Base(p.path), ".yaml")
	q := &Quiz{Path: p.path, Name: name, source: sha256.Sum256(data)}
	if !idPattern.MatchString(name) {
		p.errorf(0, "quiz file name %q may use only a-z, 0-9 and - (it becomes the page address)", name)
	}
	p.lines = strings.Split(string(data), "\n")

	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			p.errorf(0, "empty file")
		} else {
			p.yamlError(err)
		}
		return q
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		p.errorf(extra.Line, "a quiz file holds one YAML document; remove the second ---")
	} else if !errors.Is(err, io.EOF) {
		p.yamlError(err)
	}
	if p.aliases(&doc) {
		return q
	}
	p.commentMarkers(&doc)
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		p.errorf(root.Line, "a quiz file is a mapping with title, pass_mark and questions")
		return q
	}
	f := p.fields(root, "", "title", "description", "pass_mark", "draw", "shuffle", "questions")

	if t, ok := f.need(p, root, "", "title"); ok {
		q.Title = p.text(t.val, "", "title")
	}
	if d, ok := f["description"]; ok {
		q.Description = p.text(d.val, "", "description")
	}
	if pm, ok := f.need(p, root, "", "pass_mark"); ok {
		if n, ok := p.integer(pm.val, "", "pass_mark"); ok {
			if n < 0 || n > 100 {
				p.errorf(pm.val.Line, "pass_mark must be a whole number from 0 to 100 (is %d)", n)
			}
			q.PassMark = n
		}
	}
	if s, ok := f["shuffle"]; ok {
		q.Shuffle, _ = p.boolean(s.val, "", "shuffle")
	}
	if qs, ok := f.need(p, root, "", "questions"); ok {
		q.Questions = p.questions(qs.val)
		p.endLines(root, q.Questions)
	}
	if d, ok := f["draw"]; ok {
		if n, ok := p.integer(d.val, "", "draw"); ok {
			switch {
			case n < 0:
				p.errorf(d.val.Line, "draw must not be negative (is %d); leave it out to ask every question", n)
			case n > len(q.Questions) && f["questions"].val != nil:
				p.errorf(d.val.Line, "draw is %d but the quiz has only %d questions", n, len(q.Questions))
			}
			q.Draw = n
		}
	}
	return q
}

// commentMarkers reports every value holding "<!--" or "-->": quiz text is
// published as written, so an HTML comment in it is no comment and its note
// would be shown (internal notes in a quiz file are YAML comments, # note).
func (p *parser) commentMarkers(n *yaml.Node) {
	if strings.Contains(n.Value, "<!--") || strings.Contains(n.Value, "-->") {
		p.errorf(n.Line, "HTML comment markers (<!-- or -->) in quiz text are not comments: the text would be published; write internal notes as YAML comments (# note)")
	}
	for _, c := range n.Content {
		p.commentMarkers(c)
	}
}

// aliases reports every alias: the tree is then not what the author sees
// once expanded, and expanding could multiply its size.
func (p *parser) aliases(n *yaml.Node) bool {
	found := false
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.AliasNode {
			p.errorf(n.Line, "YAML aliases (*%s) are not allowed; write the text out", n.Value)
			found = true
			return
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
	return found
}

type field struct{ key, val *yaml.Node }

type fields map[string]field

// need returns the field key of mapping n, reporting it if missing.
func (f fields) need(p *parser, n *yaml.Node, prefix, key string) (field, bool) {
	v, ok := f[key]
	if !ok {
		p.errorf(n.Line, "%smissing %s", prefix, key)
	}
	return v, ok
}

// fields returns the pairs of mapping n by key, reporting unknown,
// duplicate and non-text keys. prefix starts every message.
func (p *parser) fields(n *yaml.Node, prefix string, known ...string) fields {
	f := fields{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			p.errorf(k.Line, "%skeys must be plain words", prefix)
			continue
		}
		if prev, dup := f[k.Value]; dup {
			p.errorf(k.Line, "%s%s given twice (first on line %d)", prefix, k.Value, prev.key.Line)
			continue
		}
		isKnown := false
		for _, kn := range known {
			isKnown = isKnown || k.Value == kn
		}
		if !isKnown {
			p.errorf(k.Line, "%sunknown key %q (expected one of: %s)", prefix, k.Value, strings.Join(known, ", "))
			continue
		}
		f[k.Value] = field{k, v}
	}
	return f
}

func (p *parser) integer(n *yaml.Node, prefix, key string) (int, bool) {
	var v int
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" || n.Decode(&v) != nil {
		p.errorf(n.Line, "%s%s must be a whole number (is %s)", prefix, key, describe(n))
		return 0, false
	}
	return v, true
}

func (p *parser) boolean(n *yaml.Node, prefix, key string) (bool, bool) {
	var v bool
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" || n.Decode(&v) != nil {
		p.errorf(n.Line, "%s%s must be true or false (is %s)", prefix, key, describe(n))
		return false, false
	}
	return v, true
}

// describe shows a wrong value in an error briefly.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	if n.ShortTag() == "!!null" {
		return "empty"
	}
	v := n.Value
	if r := []rune(v); len(r) > 30 {
		v = string(r[:30]) + "…"
	}
	return strconv.Quote(v)
}

// text reads a {ja: …, en: …} pair.
func (p *parser) text(n *yaml.Node, prefix, key string) Text {
	t := Text{Line: n.Line}
	if n.Kind != yaml.MappingNode {
		p.errorf(n.Line, "%s%s must be a pair {ja: …, en: …} (is %s)", prefix, key, describe(n))
		return t
	}
	f := p.fields(n, prefix+key+": ", "ja", "en")
	for _, lang := range []string{"ja", "en"} {
		v, ok := f[lang]
		if !ok {
			p.errorf(n.Line, "%s%s: missing %s text", prefix, key, lang)
			continue
		}
		var s string
		switch {
		case v.val.Kind != yaml.ScalarNode:
			p.errorf(v.val.Line, "%s%s: %s must be text (is %s)", prefix, key, lang, describe(v.val))
			continue
		case v.val.ShortTag() != "!!null":
			s = strings.TrimSpace(v.val.Value)
		}
		if s == "" {
			p.errorf(v.val.Line, "%s%s: empty %s text", prefix, key, lang)
			continue
		}
		if lang == "ja" {
			t.JA = s
		} else {
			t.EN, t.ENLine = s, v.val.Line
		}
	}
	return t
}

func (p *parser) questions(n *yaml.Node) []*Question {
	if n.Kind != yaml.SequenceNode {
		p.errorf(n.Line, "questions must be a list (is %s)", describe(n))
		return nil
	}
	if len(n.Content) == 0 {
		p.errorf(n.Line, "questions: the quiz has no questions")
	}
	ids := map[string]int{}
	var qs []*Question
	for i, qn := range n.Content {
		if q := p.question(qn, i, ids); q != nil {
			qs = append(qs, q)
		}
	}
	return qs
}

func (p *parser) question(n *yaml.Node, i int, ids map[string]int) *Question {
	q := &Question{Line: n.Line, EndLine: maxLine(n)}
	prefix := fmt.Sprintf("question %d: ", i+1)
	if n.Kind != yaml.MappingNode {
		p.errorf(n.Line, "%sa question is a mapping with id, type, ref, prompt, choices and explanation (is %s)", prefix, describe(n))
		return nil
	}
	// The id names the question in every later message, so read it first.
	if k := keyIndex(n, "id"); k >= 0 && n.Content[k+1].Kind == yaml.ScalarNode && idPattern.MatchString(n.Content[k+1].Value) {
		prefix = fmt.Sprintf("question %q: ", n.Content[k+1].Value)
	}
	f := p.fields(n, prefix, "id", "type", "ref", "prompt", "choices", "answer", "explanation")

	if id, ok := f.need(p, n, prefix, "id"); ok {
		v := id.val
		switch {
		case v.Kind != yaml.ScalarNode || !idPattern.MatchString(v.Value):
			p.errorf(v.Line, "%sid must use only a-z, 0-9 and - (is %s)", prefix, describe(v))
		case ids[v.Value] != 0:
			p.errorf(v.Line, "%sid %q already used on line %d", prefix, v.Value, ids[v.Value])
		default:
			ids[v.Value] = v.Line
		}
		q.ID = v.Value
	}
	if t, ok := f.need(p, n, prefix, "type"); ok {
		switch typ := Type(t.val.Value); {
		case t.val.Kind == yaml.ScalarNode && (typ == Single || typ == Multiple || typ == TrueFalse):
			q.Type = typ
		default:
			p.errorf(t.val.Line, "%sunknown type %s (expected single, multiple or truefalse)", prefix, describe(t.val))
		}
	}
	if r, ok := f.need(p, n, prefix, "ref"); ok {
		q.RefLine = r.val.Line
		if r.val.Kind != yaml.ScalarNode || !refPattern.MatchString(r.val.Value) {
			p.errorf(r.val.Line, "%sref must look like <document>.md#<section-id>, e.g. basic-policy.md#purpose (is %s)", prefix, describe(r.val))
		} else {
			q.Ref = r.val.Value
		}
	}
	if pr, ok := f.need(p, n, prefix, "prompt"); ok {
		q.Prompt = p.text(pr.val, prefix, "prompt")
	}
	if ex, ok := f.need(p, n, prefix, "explanation"); ok {
		q.Explanation = p.text(ex.val, prefix, "explanation")
	}

	ch, hasChoices := f["choices"]
	ans, hasAnswer := f["answer"]
	switch {
	case hasAnswer && q.Type != TrueFalse && q.Type != "":
		p.errorf(ans.key.Line, "%sanswer is only for truefalse questions; mark the right choices with correct: true", prefix)
	case hasAnswer && hasChoices:
		p.errorf(ans.key.Line, "%sgive either answer or choices, not both", prefix)
	case hasAnswer:
		if v, ok := p.boolean(ans.val, prefix, "answer"); ok {
			q.Choices = []Choice{
				{Text: trueText, Correct: v, Line: ans.val.Line},
				{Text: falseText, Correct: !v, Line: ans.val.Line},
			}
		}
	case !hasChoices && q.Type == TrueFalse:
		p.errorf(n.Line, "%struefalse question needs answer: true or answer: false (or two choices)", prefix)
	case !hasChoices:
		p.errorf(n.Line, "%smissing choices", prefix)
	}
	if hasChoices {
		q.Choices = p.choices(ch.val, prefix)
		p.checkChoices(q, ch.key.Line, prefix)
	}
	return q
}

func keyIndex(n *yaml.Node, key string) int {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Kind == yaml.ScalarNode && n.Content[i].Value == key {
			return i
		}
	}
	return -1
}

func (p *parser) choices(n *yaml.Node, prefix string) []Choice {
	if n.Kind != yaml.SequenceNode {
		p.errorf(n.Line, "%schoices must be a list (is %s)", prefix, describe(n))
		return nil
	}
	var cs []Choice
	for i, cn := range n.Content {
		cp := fmt.Sprintf("%schoice %d: ", prefix, i+1)
		c := Choice{Line: cn.Line}
		if cn.Kind != yaml.MappingNode {
			p.errorf(cn.Line, "%sa choice is a mapping with text and, if right, correct: true (is %s)", cp, describe(cn))
			continue
		}
		f := p.fields(cn, cp, "text", "correct")
		if t, ok := f.need(p, cn, cp, "text"); ok {
			c.Text = p.text(t.val, cp, "text")
		}
		if v, ok := f["correct"]; ok {
			c.Correct, _ = p.boolean(v.val, cp, "correct")
		}
		cs = append(cs, c)
	}
	return cs
}

// checkChoices applies the rules of q.Type to the choices given in the file;
// line is that of the choices key.
func (p *parser) checkChoices(q *Question, line int, prefix string) {
	if len(q.Choices) < 2 {
		p.errorf(line, "%sneeds at least two choices (has %d)", prefix, len(q.Choices))
	}
	correct := len(q.Correct())
	switch q.Type {
	case Single:
		if correct != 1 {
			p.errorf(line, "%ssingle choice needs exactly one correct choice (has %d)", prefix, correct)
		}
	case TrueFalse:
		if len(q.Choices) > 2 {
			p.errorf(line, "%struefalse question needs exactly two choices (has %d)", prefix, len(q.Choices))
		}
		if correct != 1 {
			p.errorf(line, "%struefalse question needs exactly one correct choice (has %d)", prefix, correct)
		}
	case Multiple:
		if correct == 0 {
			p.errorf(line, "%smultiple choice needs at least one correct choice (has 0)", prefix)
		}
	}
	for _, lang := range []string{"ja", "en"} {
		seen := map[string]int{}
		for i, c := range q.Choices {
			s := c.Text.In(lang)
			if s == "" {
				continue
			}
			if j, dup := seen[s]; dup {
				p.errorf(c.Line, "%schoice %d repeats the %s text of choice %d", prefix, i+1, lang, j+1)
			}
			seen[s] = i
		}
	}
}

// endLines sets EndLine of each question: the line before the next question
// or top-level key, less trailing blank and comment lines, but never before
// the last line the YAML parser saw in the question.
func (p *parser) endLines(root *yaml.Node, qs []*Question) {
	var starts []int
	for i := 0; i < len(root.Content); i += 2 {
		starts = append(starts, root.Content[i].Line)
	}
	for _, q := range qs {
		starts = append(starts, q.Line)
	}
	for _, q := range qs {
		end := len(p.lines)
		for _, s := range starts {
			if s > q.Line && s-1 < end {
				end = s - 1
			}
		}
		for end > q.Line {
			l := strings.TrimSpace(p.lines[end-1])
			if l != "" && !strings.HasPrefix(l, "#") {
				break
			}
			end--
		}
		q.EndLine = max(q.EndLine, end)
	}
}

func maxLine(n *yaml.Node) int {
	m := n.Line
	for _, c := range n.Content {
		m = max(m, maxLine(c))
	}
	return m
}
