package quiz

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
)

// Meta is what the site knows about the quiz's and the policy's revisions,
// shown on the certificate and in the saved result; "" if unknown.
type Meta struct {
	QuizRevision   string // e.g. the short hash or date of the quiz file's last commit
	PolicyRevision string // e.g. the short hash or date of the last change to the referenced documents
	// The same two revisions as a personnel officer files them: the
	// commit's short hash and its date, YYYY-MM-DD (the CSV has both).
	QuizCommit, QuizDate     string
	PolicyCommit, PolicyDate string
	// Revisions are the published revisions of the documents the quiz
	// cites, oldest first, the last being PolicyCommit. A learner's pass
	// is kept with the PolicyCommit it was made on; when that is an
	// earlier entry here, the page lists the cited sections changed since
	// and offers the questions that cite them (see the package doc).
	Revisions []Revision
}

// Revision is one published revision of the cited documents.
type Revision struct {
	Commit   string           `json:"commit"` // short hash
	Date     string           `json:"date"`   // as the page shows dates
	Sections []ChangedSection `json:"sections"`
}

// ChangedSection is a section a question cites whose text a revision
// changed.
type ChangedSection struct {
	Ref       string   `json:"-"`         // as in the quiz, "basic-policy.md#purpose"
	Title     string   `json:"title"`     // the section's heading
	Href      string   `json:"href"`      // its 新旧対照表, from the quiz page
	Questions []string `json:"questions"` // ids of the questions citing Ref, filled by ClientJSON
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
	QuizCommit     string           `json:"quizCommit"`
	QuizDate       string           `json:"quizDate"`
	PolicyCommit   string           `json:"policyCommit"`
	PolicyDate     string           `json:"policyDate"`
	Revisions      []Revision       `json:"revisions"`
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
	Href  string `json:"href,omitempty"` // none in a SCORM package: the site is outside it
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
// to the section and the section's title in lang; an empty href with a
// title names the section without a link (a SCORM package); nil, or
// neither, leaves the question without a section. The output is compact JSON with <, >
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
		QuizCommit:     meta.QuizCommit,
		QuizDate:       meta.QuizDate,
		PolicyCommit:   meta.PolicyCommit,
		PolicyDate:     meta.PolicyDate,
		Revisions:      q.revisions(meta.Revisions),
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
			if href, title := resolve(qu.Ref); href != "" || title != "" {
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

// revisions copies revs with the questions that cite each changed section,
// in file order; it is never nil, so the page data always has the list.
func (q *Quiz) revisions(revs []Revision) []Revision {
	out := make([]Revision, 0, len(revs))
	for _, r := range revs {
		c := Revision{Commit: r.Commit, Date: r.Date, Sections: []ChangedSection{}}
		for _, s := range r.Sections {
			s.Questions = []string{}
			for _, qu := range q.Questions {
				if qu.Ref == s.Ref {
					s.Questions = append(s.Questions, qu.ID)
				}
			}
			c.Sections = append(c.Sections, s)
		}
		out = append(out, c)
	}
	return out
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
