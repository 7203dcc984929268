package quiz

import (
	"policysite/generator/diag"
	"slices"
	"strings"
	"testing"
)

// basicPolicySections are the section ids of basic-policy.md from the shared
// contract, in document order.
var basicPolicySections = []string{
	"purpose", "definitions", "def-information-assets", "def-network", "def-information-system",
	"def-information-security", "def-security-policy", "def-confidentiality", "def-integrity", "def-availability",
	"def-my-number-domain", "def-internet-domain", "threats", "scope", "scope-organisations", "scope-assets", "duties",
	"measures", "measures-organisation", "measures-classification", "measures-resilience", "measures-physical",
	"measures-human", "measures-technical", "measures-operation", "measures-outsourcing", "measures-evaluation",
	"audit", "review", "standards", "procedures",
}

// TestNewHire checks the real quiz against what the brief asks of it. The
// wording of each answer is checked by people against the policy text.
func TestNewHire(t *testing.T) {
	q := newHire(t)
	if n := len(q.Questions); n < 15 {
		t.Errorf("%d questions, want at least 15", n)
	}
	if q.PassMark != 80 || !q.Shuffle || (q.Draw != 0 && q.Draw < 15) {
		t.Errorf("pass_mark %d, shuffle %v, draw %d; want 80, true, and all questions or at least 15", q.PassMark, q.Shuffle, q.Draw)
	}
	types := map[Type]int{}
	for _, qu := range q.Questions {
		types[qu.Type]++
	}
	for _, ty := range []Type{Single, Multiple, TrueFalse} {
		if types[ty] < 3 {
			t.Errorf("%d %s questions, want a mix (at least 3 of each type)", types[ty], ty)
		}
	}

	errs := q.CheckRefs(func(doc, section string) RefStatus {
		if doc != "basic-policy.md" {
			return RefNoDocument
		}
		if !slices.Contains(basicPolicySections, section) {
			return RefNoSection
		}
		return RefOK
	})
	for _, e := range diag.Of(errs) {
		t.Error(e)
	}

	// The site warns about every heading no question refers to, parents included.
	if un := Uncovered("basic-policy.md", basicPolicySections, q); len(un) > 0 {
		t.Errorf("sections no question is about: %v", un)
	}
}

// TestNewHireTerms keeps the English consistent with the glossary of the
// translation.
func TestNewHireTerms(t *testing.T) {
	q := newHire(t)
	var en []string
	add := func(x Text) { en = append(en, x.EN) }
	add(q.Title)
	add(q.Description)
	for _, qu := range q.Questions {
		add(qu.Prompt)
		add(qu.Explanation)
		for _, c := range qu.Choices {
			add(c.Text)
		}
	}
	all := strings.Join(en, "\n")
	for _, term := range []string{
		"confidentiality", "integrity", "availability", "information assets",
		"My Number administration domain", "Internet-connected domain",
		"information security standards", "implementation procedures",
		"self-inspection", "incident response plan", "multi-factor authentication",
		// The English policy's renderings of terms the first quiz rendered
		// otherwise (issue 13).
		"personnel security", "fiscal-year appointed employees", "electromagnetic recording media",
		"training", "malware", "Internet email", "facilities", "common understanding",
	} {
		if !strings.Contains(strings.ToLower(all), strings.ToLower(term)) {
			t.Errorf("the English never uses the term %q", term)
		}
	}
	for _, wrong := range []string{
		"My Number domain", "My Number system", "internet-connected", "Internet connected",
		"self inspection", "emergency response plan", "implementation procedure ", "implementing procedures",
		"security measures standards", "information property", "two-factor",
		"human security", "fixed-term appointee", "electronic storage media", "education",
		"malicious program", "Internet mail", "share an understanding",
	} {
		if strings.Contains(all, wrong) {
			t.Errorf("the English uses %q; the glossary term differs", wrong)
		}
	}
}
