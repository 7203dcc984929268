package main

// Re-training after a revision, in Chromium: a learner passes a quiz on one
// revision of the policy; the next revision changes a section two of its
// questions cite; the quiz page then says so, links the 新旧対照表 and
// offers those two questions. Built from a hermetic repository of two
// commits, each revision's site under its own folder of one local server,
// so that the two share the learner's browser storage as two builds of a
// site at one address do.

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"policysite/generator/quiz"
	"policysite/internal/browsertest"
)

const retrainQuiz = `title: {ja: 研修, en: Training}
pass_mark: 60
questions:
  - id: purpose
    type: truefalse
    ref: policy.md#purpose
    answer: true
    prompt: {ja: 方針には目的がある。, en: The policy has a purpose.}
    explanation: {ja: 第1条のとおり。, en: As section 1 says.}
  - id: removal
    type: single
    ref: policy.md#rules
    prompt: {ja: "情報資産を「持ち出す」とき、\"USB\" メモリは？", en: "When you \"take out\" information assets, a USB stick is, by the rules:"}
    choices:
      - text: {ja: 許可を得て使う, en: used with permission}
        correct: true
      - text: {ja: 自由に使う, en: used freely}
    explanation: {ja: 第2条のとおり。, en: As section 2 says.}
  - id: software
    type: truefalse
    ref: policy.md#rules
    answer: false
    prompt: {ja: 許可のないソフトウェアを使ってよい。, en: You may use software nobody approved.}
    explanation: {ja: 第2条のとおり。, en: As section 2 says.}
`

func retrainPolicy(lang, rules string) string {
	if lang == "ja" {
		return mdPage("基本方針", "public", "## 1 目的 {#purpose}\n\n目的の本文。\n\n## 2 規則 {#rules}\n\n"+rules+"\n")
	}
	return mdPage("Basic policy", "public", "## 1 Purpose {#purpose}\n\nThe purpose.\n\n## 2 Rules {#rules}\n\n"+rules+"\n")
}

// retrainSites builds the two revisions into dir/r1 and dir/r2 and returns
// the short hashes of the two commits.
func retrainSites(t *testing.T, dir string) (string, string) {
	t.Helper()
	files := minimalSite()
	files["quizzes/training.yaml"] = retrainQuiz
	files["content/ja/policy.md"] = retrainPolicy("ja", "持ち出しには許可が要る。")
	files["content/en/policy.md"] = retrainPolicy("en", "Taking assets out needs permission.")
	g := newRepo(t, files)
	g.commit("基本方針を制定\n\nEffective: 2026-04-01", nil)
	if code, _, stderr := build(t, g.dir, "-cache=false", "-date", "2026-12-01", "-out", filepath.Join(dir, "r1")); code != 0 {
		t.Fatalf("build of revision 1 failed:\n%s", stderr)
	}
	g.commit("第2条を改定\n\nソフトウェアの規定を加える。\n\nEffective: 2026-11-01", map[string]string{
		"content/ja/policy.md": retrainPolicy("ja", "持ち出しには許可が要る。許可のないソフトウェアは使わない。"),
		"content/en/policy.md": retrainPolicy("en", "Taking assets out needs permission. Software must be approved."),
	})
	for _, out := range []string{"r2", "r2-again"} {
		if code, _, stderr := build(t, g.dir, "-cache=false", "-date", "2026-12-01", "-out", filepath.Join(dir, out)); code != 0 {
			t.Fatalf("build of revision 2 failed:\n%s", stderr)
		}
	}
	h := g.hashes()
	return h[0], h[1]
}

func TestBrowserRetraining(t *testing.T) {
	t.Parallel()
	browser := browsertest.Shared(t)
	dir := t.TempDir()
	rev1, rev2 := retrainSites(t, dir)
	// Two builds of one revision: the same package, byte for byte.
	for _, lang := range []string{"ja", "en"} {
		zip := filepath.Join(lang, "quiz", "training-scorm12.zip")
		a, errA := os.ReadFile(filepath.Join(dir, "r2", zip))
		b, errB := os.ReadFile(filepath.Join(dir, "r2-again", zip))
		if errA != nil || errB != nil || string(a) != string(b) {
			t.Errorf("%s: two builds give different packages (%v, %v)", zip, errA, errB)
		}
	}
	qz, err := quiz.Parse("quizzes/training.yaml", []byte(retrainQuiz))
	if err != nil {
		t.Fatal(err)
	}
	base := browsertest.Serve(t, dir, "/policy/")
	tab, w := browsertest.NewTab(t, browser)

	// Revision 1: the whole quiz, passed.
	l := newLearner(t, tab, base+"r1/", "ja", qz)
	l.open()
	if browsertest.Get(t, tab, chromedp.Evaluate[bool](`!!document.getElementById('quiz-retrain')`)) {
		t.Error("revision 1, nothing passed yet: the page offers re-training")
	}
	browsertest.Do(t, tab, chromedp.Click(css("#quiz-start")), chromedp.WaitVisible(css(".quiz-question")))
	l.qz.Draw = len(qz.Questions) // for the progress line: all are asked
	for i := 1; i <= len(qz.Questions); i++ {
		l.answer(i, true)
		l.next()
	}
	if r := l.result(); r.Passed != "true" {
		t.Fatalf("revision 1: %+v", r)
	}
	kept := browsertest.Get(t, tab, chromedp.Evaluate[string](`localStorage.getItem('policysite:quiz-passed:training') || ''`))
	if !strings.Contains(kept, `"policy":"`+rev1+`"`) {
		t.Fatalf("after the pass the browser keeps %q, want the policy revision %s", kept, rev1)
	}
	w.Check(t, base)

	// Revision 2: the notice, the changed section and its comparison.
	r2 := base + "r2/ja/quiz/training.html"
	browsertest.Do(t, tab, chromedp.Navigate(r2), chromedp.WaitVisible(css("#quiz-retrain")))
	type notice struct {
		Text  string   `json:"text"`
		Items []string `json:"items"`
		Hrefs []string `json:"hrefs"`
		Start string   `json:"start"`
	}
	n := browsertest.Get(t, tab, chromedp.Evaluate[notice](`(() => {
		const r = document.getElementById('quiz-retrain');
		return {text: r.textContent, items: Array.from(r.querySelectorAll('.quiz-retrain-section'), e => e.textContent),
			hrefs: Array.from(r.querySelectorAll('.quiz-retrain-changes a'), a => a.href), start: document.getElementById('quiz-retrain-start').textContent};
	})()`))
	t.Logf("notice: %s", n.Text)
	wantHref := base + "r2/ja/revisions/" + rev2 + ".html#doc-policy"
	if !slices.Equal(n.Items, []string{"2 規則"}) || !slices.Equal(n.Hrefs, []string{wantHref}) || !strings.Contains(n.Text, rev1) ||
		n.Start != l.text("retrainStart", map[string]any{"n": 2}) {
		t.Errorf("re-training notice %+v; want the section 2 規則 linked to %s, the revision %s and two questions", n, wantHref, rev1)
	}
	if cmp, err := os.ReadFile(filepath.Join(dir, "r2", "ja", "revisions", rev2+".html")); err != nil || !strings.Contains(string(cmp), `id="doc-policy"`) {
		t.Errorf("the comparison linked from the notice: %v", err)
	}
	t.Run("axe", func(t *testing.T) { browsertest.Axe(t, tab, browsertest.AxeJS(t, ".")) })

	// The short attempt: only the two questions citing section 2.
	browsertest.Do(t, tab, chromedp.Click(css("#quiz-retrain-start")), chromedp.WaitVisible(css(".quiz-question")))
	l = newLearner(t, tab, base+"r2/", "ja", qz)
	l.ui = browsertest.Get(t, tab, chromedp.Evaluate[map[string]any](`JSON.parse(document.getElementById('quiz-data').textContent).ui`))
	l.qz = &quiz.Quiz{Draw: 2, Questions: qz.Questions, Path: qz.Path}
	// On a phone a prompt of several lines stays inside its box: below
	// the fieldset's border and padding (a legend as browsers lay it out
	// stands on the border, its top the box's top).
	browsertest.Do(t, tab, chromedp.EmulateViewport(375, 800))
	inside := browsertest.Get(t, tab, chromedp.Evaluate[[]float64](`(() => {
		const f = document.querySelector('.quiz-fieldset').getBoundingClientRect(), p = document.querySelector('.quiz-prompt').getBoundingClientRect();
		return [p.top - f.top, f.right - p.right, p.height, document.documentElement.scrollWidth - innerWidth];
	})()`))
	if inside[0] < 8 || inside[1] < 0 || inside[2] < 40 || inside[3] > 0 {
		t.Errorf("at 375 px the prompt is not inside its box: top %v, right %v, height %v, sideways scroll %v", inside[0], inside[1], inside[2], inside[3])
	}
	browsertest.Do(t, tab, chromedp.EmulateReset())
	l.answer(1, false)

	// 最初からやり直す asks first: Escape keeps the attempt, and the focus
	// goes back to the button; the dialog's own button discards it.
	browsertest.Do(t, tab, chromedp.Click(css("#quiz-restart")), chromedp.WaitVisible(css("#quiz-confirm")))
	if f := browsertest.Get(t, tab, chromedp.Evaluate[focused](focusedJS)); f.ID != "quiz-confirm-no" {
		t.Errorf("the confirmation opens with the focus on %+v, want the button that keeps the answers", f)
	}
	t.Run("axe-dialog", func(t *testing.T) { browsertest.Axe(t, tab, browsertest.AxeJS(t, ".")) })
	browsertest.Do(t, tab, chromedp.KeyEvent(kb.Escape))
	waitFor(t, tab, `!document.getElementById('quiz-confirm')`)
	if f := browsertest.Get(t, tab, chromedp.Evaluate[focused](focusedJS)); f.ID != "quiz-restart" || l.state() != "feedback" {
		t.Errorf("after Escape: focus %+v, state %q; want the restart button and the answer kept", f, l.state())
	}
	browsertest.Do(t, tab, chromedp.Click(css("#quiz-restart")), chromedp.WaitVisible(css("#quiz-confirm")),
		chromedp.Click(css("#quiz-confirm-yes")), chromedp.WaitVisible(css("#quiz-retrain-start")))
	if l.state() != "start" {
		t.Errorf("after confirming, state %q, want start", l.state())
	}

	// Failed, then taken again and passed.
	browsertest.Do(t, tab, chromedp.Click(css("#quiz-retrain-start")), chromedp.WaitVisible(css(".quiz-question")))
	l.seen = map[string]bool{}
	var asked []string
	for i := 1; i <= 2; i++ {
		_, q := l.answer(i, false)
		asked = append(asked, q.ID)
		l.next()
	}
	slices.Sort(asked)
	if !slices.Equal(asked, []string{"removal", "software"}) {
		t.Errorf("the short attempt asked %q, want the questions citing section 2", asked)
	}
	if r := l.result(); r.Passed != "false" || r.Total != "2" {
		t.Errorf("short attempt, all wrong: %+v", r)
	}
	// The CSV names the scope and the questions by their prompts, one a
	// line in one quoted cell (the prompt has a comma's worth of quotes).
	browsertest.Do(t, tab, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.SetBypassCSP, page.SetBypassCSPParams{Enabled: true})
		return err
	}), chromedp.Reload(), chromedp.WaitVisible(css("#quiz-result")))
	csv := browsertest.Get(t, tab, chromedp.Evaluate[string](`new Promise((resolve, reject) => {
		const x = new XMLHttpRequest();
		x.open('GET', document.getElementById('download-csv').href);
		x.onload = () => resolve(x.responseText);
		x.onerror = () => reject(new Error('cannot read the CSV'));
		x.send();
	})`, chromedp.EvalAwaitPromise))
	t.Logf("CSV of the failed short attempt: %q", csv)
	scope := l.text("scopeRetrain", map[string]any{"n": 2})
	if !strings.Contains(csv, ","+scope+",0,2,0,60,") || !strings.Contains(csv, strings.ReplaceAll(qz.Questions[1].Prompt.JA, `"`, `""`)) ||
		!strings.Contains(csv, qz.Questions[2].Prompt.JA) || !strings.Contains(csv, rev2) || strings.Contains(csv, ",removal") {
		t.Errorf("CSV of the short attempt:\n%s", csv)
	}
	browsertest.Do(t, tab, chromedp.Click(css("#quiz-retake")), chromedp.WaitVisible(css(".quiz-question")))
	l.seen = map[string]bool{}
	for i := 1; i <= 2; i++ {
		l.answer(i, true)
		l.next()
	}
	if r := l.result(); r.Passed != "true" || r.Total != "2" || !r.Cert {
		t.Errorf("short attempt taken again, all right: %+v", r)
	}
	if got := browsertest.Get(t, tab, chromedp.Text(css("#quiz-certificate .cert-scope"))); got != scope {
		t.Errorf("certificate scope %q, want %q", got, scope)
	}
	kept = browsertest.Get(t, tab, chromedp.Evaluate[string](`localStorage.getItem('policysite:quiz-passed:training') || ''`))
	if !strings.Contains(kept, `"policy":"`+rev2+`"`) {
		t.Errorf("after the re-training the browser keeps %q, want %s", kept, rev2)
	}
	// The pass holds in the other language too: nothing left to re-train.
	browsertest.Do(t, tab, chromedp.Navigate(base+"r2/en/quiz/training.html"), chromedp.WaitVisible(css("#quiz-start")))
	if browsertest.Get(t, tab, chromedp.Evaluate[bool](`!!document.getElementById('quiz-retrain')`)) {
		t.Error("after the re-training the English page still offers it")
	}
	w.Check(t, base)
}
