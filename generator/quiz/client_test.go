package quiz

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"policysite/generator/diag"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// resolveForTest links refs the way the site does from <lang>/quiz/<name>.html,
// and knows nothing about gone.md.
func resolveForTest(ref string) (string, string) {
	doc, sec, _ := strings.Cut(ref, "#")
	if doc == "gone.md" {
		return "", ""
	}
	return "../" + strings.TrimSuffix(doc, ".md") + ".html#" + sec, "Section " + sec
}

func mustParseFile(t testing.TB, file, name string) *Quiz {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	q, errs := Parse(name, data)
	for _, e := range diag.Of(errs) {
		t.Error(e)
	}
	if errs != nil {
		t.FailNow()
	}
	return q
}

func newHire(t testing.TB) *Quiz {
	return mustParseFile(t, "../../quizzes/new-hire.yaml", "quizzes/new-hire.yaml")
}

// goldenMeta has two revisions, the second changing a section one
// question cites.
var goldenMeta = Meta{
	QuizRevision: "abc1234", PolicyRevision: "def5678 (2026-04-02)",
	QuizCommit: "abc1234", QuizDate: "2026-03-31", PolicyCommit: "def5678", PolicyDate: "2026-04-02",
	Revisions: []Revision{
		{Commit: "1234abc", Date: "2026-03-30"},
		{Commit: "def5678", Date: "2026-04-02", Sections: []ChangedSection{
			{Ref: "basic-policy.md#purpose", Title: "1 目的", Href: "../revisions/def5678.html#doc-basic-policy"},
		}},
	},
}

func TestClientJSONGolden(t *testing.T) {
	q := mustParseFile(t, "testdata/client/basic.yaml", "quizzes/basic.yaml")
	for _, lang := range []string{"ja", "en"} {
		t.Run(lang, func(t *testing.T) {
			got, err := q.ClientJSON(lang, resolveForTest, goldenMeta)
			if err != nil {
				t.Fatal(err)
			}
			var indented bytes.Buffer
			if err := json.Indent(&indented, got, "", "  "); err != nil {
				t.Fatal(err)
			}
			indented.WriteByte('\n')
			golden := filepath.Join("testdata", "client", "basic."+lang+".json")
			if *update {
				if err := os.WriteFile(golden, indented.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(indented.Bytes(), want) {
				t.Errorf("ClientJSON(%s) differs from %s (run go test -update and review the diff):\n%s", lang, golden, indented.Bytes())
			}
		})
	}
	if _, err := q.ClientJSON("fr", nil, Meta{}); err == nil {
		t.Error("ClientJSON(fr) succeeded, want an error")
	}
}

func TestClientJSONDeterministic(t *testing.T) {
	data, err := os.ReadFile("testdata/client/basic.yaml")
	if err != nil {
		t.Fatal(err)
	}
	build := func(src []byte, lang string) client {
		t.Helper()
		q, errs := Parse("quizzes/basic.yaml", src)
		if errs != nil {
			t.Fatal(errs)
		}
		b, err := q.ClientJSON(lang, resolveForTest, Meta{})
		if err != nil {
			t.Fatal(err)
		}
		b2, _ := q.ClientJSON(lang, resolveForTest, Meta{})
		if !bytes.Equal(b, b2) {
			t.Fatal("two calls gave different bytes")
		}
		var c client
		if err := json.Unmarshal(b, &c); err != nil {
			t.Fatal(err)
		}
		return c
	}
	ja, en := build(data, "ja"), build(data, "en")
	if ja.Salt == en.Salt {
		t.Error("ja and en share a salt, so their pages would share a keystream")
	}
	changed := build(append(slices.Clone(data), "\n# edited\n"...), "ja")
	if changed.Salt == ja.Salt {
		t.Error("editing the file did not change the salt")
	}
	if again := build(data, "ja"); again.Salt != ja.Salt || again.Questions[0].Sealed != ja.Questions[0].Sealed {
		t.Error("the same file gave a different salt or seal")
	}
}

// TestNoAnswersInPlainSight checks the real quiz's page data: nothing marks a
// choice as correct, and no explanation appears except sealed.
func TestNoAnswersInPlainSight(t *testing.T) {
	q := newHire(t)
	for _, lang := range []string{"ja", "en"} {
		b, err := q.ClientJSON(lang, resolveForTest, Meta{})
		if err != nil {
			t.Fatal(err)
		}
		if bytes.ContainsAny(b, "<>&") {
			t.Errorf("%s: JSON holds <, > or & unescaped; it must be safe inside <script>", lang)
		}
		var tree any
		if err := json.Unmarshal(b, &tree); err != nil {
			t.Fatal(err)
		}
		var texts []string
		walkJSON(tree, "", func(path, key string, v any) {
			if strings.HasPrefix(path, "/questions") && (key == "correct" || key == "answer" || key == "explanation" || key == "key") {
				t.Errorf("%s: %s/%s: an answer key in plain sight", lang, path, key)
			}
			if s, ok := v.(string); ok {
				texts = append(texts, s)
			}
		})
		var c client
		if err := json.Unmarshal(b, &c); err != nil {
			t.Fatal(err)
		}
		for i, qu := range q.Questions {
			exp := qu.Explanation.In(lang)
			// Explanations are long; their first 20 characters would not appear by chance.
			head := string([]rune(exp)[:min(20, len([]rune(exp)))])
			if bytes.Contains(b, []byte(exp)) || bytes.Contains(b, []byte(head)) {
				t.Errorf("%s: the explanation of %q is in plain text", lang, qu.ID)
			}
			for _, s := range texts {
				if strings.Contains(s, head) {
					t.Errorf("%s: the explanation of %q is in a JSON string: %q", lang, qu.ID, s)
				}
			}
			cq := c.Questions[i]
			if cq.ID != qu.ID || len(cq.Choices) != len(qu.Choices) {
				t.Fatalf("%s: question %d is %q with %d choices, want %q with %d", lang, i, cq.ID, len(cq.Choices), qu.ID, len(qu.Choices))
			}
			for j, ch := range qu.Choices {
				if cq.Choices[j] != ch.Text.In(lang) {
					t.Errorf("%s: %s choice %d = %q, want the file's text in file order", lang, qu.ID, j, cq.Choices[j])
				}
			}
		}
	}
}

func walkJSON(v any, path string, f func(path, key string, v any)) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			f(path, k, x)
			walkJSON(x, path+"/"+k, f)
		}
	case []any:
		for _, x := range v {
			f(path, "", x)
			walkJSON(x, path, f)
		}
	}
}

// unsealLikeQuizJS is quiz.js's unsealText, step by step: base64 salt and
// sealed bytes, keystream SHA-256(salt ‖ id ‖ 0x00 ‖ uint32be(k)), XOR,
// UTF-8 JSON. It shares no code with the sealing side.
func unsealLikeQuizJS(t *testing.T, saltB64, id, sealedB64 string) sealedPart {
	t.Helper()
	salt, err := base64.StdEncoding.DecodeString(saltB64)
	if err != nil {
		t.Fatal(err)
	}
	data, err := base64.StdEncoding.DecodeString(sealedB64)
	if err != nil {
		t.Fatal(err)
	}
	input := make([]byte, len(salt)+len(id)+5)
	copy(input, salt)
	copy(input[len(salt):], id)
	ctr := len(salt) + len(id) + 1
	out := make([]byte, len(data))
	var block [32]byte
	for i := range data {
		if i%32 == 0 {
			binary.BigEndian.PutUint32(input[ctr:], uint32(i/32))
			block = sha256.Sum256(input)
		}
		out[i] = data[i] ^ block[i%32]
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.DisallowUnknownFields()
	var p sealedPart
	if err := dec.Decode(&p); err != nil {
		t.Fatalf("unsealed %q is not the sealed JSON: %v", out, err)
	}
	return p
}

func TestUnsealLikeQuizJS(t *testing.T) {
	checkSealed(t, newHire(t))
}

// checkSealed unseals every question of q's page data in both languages,
// as quiz.js does, and compares it with the answer key and explanation.
func checkSealed(t *testing.T, q *Quiz) {
	t.Helper()
	for _, lang := range []string{"ja", "en"} {
		b, err := q.ClientJSON(lang, nil, Meta{})
		if err != nil {
			t.Fatal(err)
		}
		var c client
		if err := json.Unmarshal(b, &c); err != nil {
			t.Fatal(err)
		}
		for i, cq := range c.Questions {
			got := unsealLikeQuizJS(t, c.Salt, cq.ID, cq.Sealed)
			want := q.Questions[i]
			if !slices.Equal(got.Correct, want.Correct()) || got.Explanation != want.Explanation.In(lang) {
				t.Fatalf("%s %s: unsealed %+v, want correct %v and the explanation", lang, cq.ID, got, want.Correct())
			}
		}
	}
}

// nodeAndQuizJS returns the node command and the path of quiz.js, for the
// tests that run the script against Go; it skips without Node.
func nodeAndQuizJS(t *testing.T) (node, script string) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not on PATH")
	}
	script, err = filepath.Abs("../../templates/assets/quiz.js")
	if err != nil {
		t.Fatal(err)
	}
	return node, script
}

// TestQuizJSUnderNode runs quiz.js's own SHA-256, unseal, storage key and
// date functions under Node against Go.
func TestQuizJSUnderNode(t *testing.T) {
	node, script := nodeAndQuizJS(t)
	q := newHire(t)
	data, err := q.ClientJSON("ja", resolveForTest, Meta{QuizRevision: "abc1234"})
	if err != nil {
		t.Fatal(err)
	}
	dataEN, err := q.ClientJSON("en", resolveForTest, Meta{})
	if err != nil {
		t.Fatal(err)
	}
	// SHA-256 inputs around the padding boundaries (55, 56, 64 bytes) and
	// across several blocks.
	var inputs []string
	for _, n := range []int{0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000} {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(i*7 + n)
		}
		inputs = append(inputs, hex.EncodeToString(b))
	}
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	in, _ := json.Marshal(inputs)
	harness := write("harness.js", []byte(`
const fs = require('fs');
const q = require(process.argv[2]);
const hex = (b) => Buffer.from(b).toString('hex');
const inputs = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
const text = fs.readFileSync(process.argv[4], 'utf8');
const data = JSON.parse(text);
const en = JSON.parse(fs.readFileSync(process.argv[5], 'utf8'));
process.stdout.write(JSON.stringify({
  hashes: inputs.map((h) => hex(q.sha256(Uint8Array.from(Buffer.from(h, 'hex'))))),
  unsealed: data.questions.map((x) => q.unseal(data.salt, x.id, x.sealed)),
  storageKey: q.storageKey('policysite:quiz:new-hire:ja', text),
  dates: [q.formatDate(data.ui, '2026-11-26'), q.formatDate(data.ui, '2019-05-01'), q.formatDate(data.ui, '2019-04-30'), q.formatDate(en.ui, '2026-11-26')],
}));
`))
	cmd := exec.Command(node, harness, script, write("inputs.json", in), write("data.json", data), write("en.json", dataEN))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.Bytes())
	}
	var got struct {
		Hashes     []string
		Unsealed   []sealedPart
		StorageKey string
		Dates      []string
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("node output %s: %v", out, err)
	}
	for i, h := range inputs {
		b, _ := hex.DecodeString(h)
		if want := sha256.Sum256(b); got.Hashes[i] != hex.EncodeToString(want[:]) {
			t.Errorf("quiz.js sha256 of %d bytes = %s, want %x", len(b), got.Hashes[i], want)
		}
	}
	for i, qu := range q.Questions {
		u := got.Unsealed[i]
		if !slices.Equal(u.Correct, qu.Correct()) || u.Explanation != qu.Explanation.JA {
			t.Errorf("quiz.js unsealed %s as %+v, want correct %v and the explanation", qu.ID, u, qu.Correct())
		}
	}
	sum := sha256.Sum256(data)
	if want := "policysite:quiz:new-hire:ja:" + hex.EncodeToString(sum[:])[:16]; got.StorageKey != want {
		t.Errorf("quiz.js storage key = %q, want %q", got.StorageKey, want)
	}
	wantDates := []string{"令和8年（2026年）11月26日", "令和元年（2019年）5月1日", "平成31年（2019年）4月30日", "26 November 2026"}
	if !slices.Equal(got.Dates, wantDates) {
		t.Errorf("quiz.js dates = %q, want %q", got.Dates, wantDates)
	}
}
