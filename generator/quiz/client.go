package quiz

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
)

// Meta is what the site knows about the quiz's and the policy's revisions,
// shown on the certificate; "" if unknown.
type Meta struct {
	QuizRevision   string // e.g. the short hash or date of the quiz file's last commit
	PolicyRevision string // e.g. the short hash or date of the last change to the referenced documents
}

// clientFormat is the version of the JSON shape, for quiz.js.
const clientFormat = 1

// client is the page data: everything in one language, answers sealed.
type client struct {
	Format         int              `json:"format"`
	Quiz           string           `json:"quiz"`
	Lang           string           `json:"lang"`
	Title          string           `json:"title"`
	Description    string           `json:"description"`
	PassMark       int              `json:"passMark"`
	Draw           int              `json:"draw"`
	Shuffle        bool             `json:"shuffle"`
	QuizRevision   string           `json:"quizRevision"`
	PolicyRevision string           `json:"policyRevision"`
	Salt           string           `json:"salt"`
	Questions      []clientQuestion `json:"questions"`
	UI             *ui              `json:"ui"`
}

type clientQuestion struct {
	ID      string         `json:"id"`
	Type    Type           `json:"type"`
	Prompt  string         `json:"prompt"`
	Choices []string       `json:"choices"`
	Section *clientSection `json:"section,omitempty"`
	Sealed  string         `json:"sealed"`
}

type clientSection struct {
	Href  string `json:"href"`
	Title string `json:"title"`
}

// sealedPart is the plaintext of clientQuestion.Sealed.
type sealedPart struct {
	Correct     []int  `json:"correct"`
	Explanation string `json:"explanation"`
}

// ClientJSON returns the data a quiz page embeds in
// <script type="application/json" id="quiz-data"> for lang ("ja" or "en").
// resolve maps a ref to the link from the quiz page (<lang>/quiz/<name>.html)
// to the section and the section's title in lang; nil, or an empty href,
// leaves the question without a link. The output is compact JSON with <, >
// and & escaped, so it can be placed in the script element as it is (in
// html/template, as template.JS).
func (q *Quiz) ClientJSON(lang string, resolve func(ref string) (href, sectionTitle string), meta Meta) ([]byte, error) {
	u, ok := uiStrings[lang]
	if !ok {
		return nil, fmt.Errorf("%s: no quiz page texts for language %q", q.Path, lang)
	}
	salt := q.salt(lang)
	c := client{
		Format:         clientFormat,
		Quiz:           q.Name,
		Lang:           lang,
		Title:          q.Title.In(lang),
		Description:    q.Description.In(lang),
		PassMark:       q.PassMark,
		Draw:           q.Draw,
		Shuffle:        q.Shuffle,
		QuizRevision:   meta.QuizRevision,
		PolicyRevision: meta.PolicyRevision,
		Salt:           base64.StdEncoding.EncodeToString(salt),
		Questions:      []clientQuestion{},
		UI:             u,
	}
	for _, qu := range q.Questions {
		cq := clientQuestion{ID: qu.ID, Type: qu.Type, Prompt: qu.Prompt.In(lang), Choices: []string{}}
		for _, ch := range qu.Choices {
			cq.Choices = append(cq.Choices, ch.Text.In(lang))
		}
		if resolve != nil && qu.Ref != "" {
			if href, title := resolve(qu.Ref); href != "" {
				if title == "" {
					title = qu.Ref
				}
				cq.Section = &clientSection{Href: href, Title: title}
			}
		}
		correct := qu.Correct()
		if correct == nil {
			correct = []int{}
		}
		plain, err := json.Marshal(sealedPart{Correct: correct, Explanation: qu.Explanation.In(lang)})
		if err != nil {
			return nil, err
		}
		cq.Sealed = base64.StdEncoding.EncodeToString(xorKeystream(salt, qu.ID, plain))
		c.Questions = append(c.Questions, cq)
	}
	return json.Marshal(c)
}

// salt is derived from the file so that builds are byte-identical, and
// differs per language so the two pages do not share a keystream.
func (q *Quiz) salt(lang string) []byte {
	h := sha256.New()
	h.Write([]byte("policysite/quiz\x00" + lang + "\x00"))
	h.Write(q.source[:])
	return h.Sum(nil)[:16]
}

// xorKeystream XORs data with SHA-256(salt ‖ id ‖ 0x00 ‖ uint32be(i))
// blocks; applied twice it gives data back.
func xorKeystream(salt []byte, id string, data []byte) []byte {
	out := make([]byte, len(data))
	var block [sha256.Size]byte
	for i := range data {
		if i%sha256.Size == 0 {
			in := make([]byte, 0, len(salt)+len(id)+5)
			in = append(in, salt...)
			in = append(in, id...)
			in = append(in, 0)
			in = binary.BigEndian.AppendUint32(in, uint32(i/sha256.Size))
			block = sha256.Sum256(in)
		}
		out[i] = data[i] ^ block[i%sha256.Size]
	}
	return out
}
