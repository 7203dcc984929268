package main

// Browser tests of the training quiz (templates/assets/quiz.js) on the real
// site: the test reads the answers from quizzes/new-hire.yaml through
// generator/quiz, then takes the quiz as a learner would, in both languages,
// over HTTP under a sub-path and over file://.

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"policysite/generator/quiz"
	"policysite/internal/browsertest"
)

// newHire loads the quiz the tests take, with its answers.
func newHire(t *testing.T) *quiz.Quiz {
	t.Helper()
	quizzes, err := quiz.Load(os.DirFS("."), "quizzes")
	if err != nil {
		t.Error(err)
	}
	for _, q := range quizzes {
		if q.Name == "new-hire" {
			return q
		}
	}
	t.Fatal("quizzes/new-hire.yaml not loaded")
	return nil
}

// shown is the question on screen.
type shown struct {
	QID      string `json:"qid"`
	Progress string `json:"progress"`
	Input    string `json:"input"`   // "radio" or "checkbox"
	Choices  []int  `json:"choices"` // data-choice of each choice, top to bottom
}

const shownJS = `(() => {
	const q = document.querySelector('.quiz-question');
	if (!q) return null;
	const inputs = Array.from(q.querySelectorAll('.quiz-choice input'));
	return {
		qid: q.dataset.qid,
		progress: document.getElementById('quiz-progress').textContent,
		input: inputs.length ? inputs[0].type : '',
		choices: Array.from(q.querySelectorAll('.quiz-choice')).map(c => +c.dataset.choice)
	};
})()`

// learner takes one quiz in one tab.
type learner struct {
	t    *testing.T
	tab  context.Context
	base string // the site root URL, ending in "/"
	lang string
	qz   *quiz.Quiz
	ui   map[string]any // the page data's ui table
	seen map[string]bool
}

func newLearner(t *testing.T, tab context.Context, base, lang string, qz *quiz.Quiz) *learner {
	return &learner{t: t, tab: tab, base: base, lang: lang, qz: qz, seen: map[string]bool{}}
}

func (l *learner) pageURL() string { return l.base + l.lang + "/quiz/" + l.qz.Name + ".html" }

// open loads the quiz page with nothing saved, at the start screen.
func (l *learner) open() {
	l.t.Helper()
	browsertest.Do(l.t, l.tab,
		chromedp.Navigate(l.pageURL()),
		chromedp.WaitReady(css("#quiz-app")),
		chromedp.Evaluate[chromedp.Void](`localStorage.clear()`),
		chromedp.Reload(),
		chromedp.WaitVisible(css("#quiz-start")),
	)
	l.ui = browsertest.Get(l.t, l.tab, chromedp.Evaluate[map[string]any](`JSON.parse(document.getElementById('quiz-data').textContent).ui`))
	if off := browsertest.Get(l.t, l.tab, chromedp.Evaluate[bool](`!!document.querySelector('.quiz-storage-off')`)); off {
		l.t.Errorf("%s: the start screen says progress cannot be saved", l.pageURL())
	}
}

// text fills a text of the ui table as quiz.js does.
func (l *learner) text(key string, vars map[string]any) string {
	l.t.Helper()
	s, ok := l.ui[key].(string)
	if !ok {
		l.t.Fatalf("ui.%s missing", key)
	}
	return regexp.MustCompile(`\{(\w+)\}`).ReplaceAllStringFunc(s, func(m string) string {
		if v, ok := vars[m[1:len(m)-1]]; ok {
			return fmt.Sprint(v)
		}
		return m
	})
}

// waitFor polls a JavaScript predicate until it holds.
func waitFor(t *testing.T, tab context.Context, js string) {
	t.Helper()
	if _, err := chromedp.Run(tab, chromedp.Poll[chromedp.Void](js, chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("waiting for %s: %v", js, err)
	}
}

func (l *learner) state() string {
	return browsertest.Get(l.t, l.tab, chromedp.Evaluate[string](`document.getElementById('quiz-app').dataset.state || ''`))
}

// current returns the question on screen, checking its progress heading.
func (l *learner) current(pos int) (shown, *quiz.Question) {
	l.t.Helper()
	s := browsertest.Get(l.t, l.tab, chromedp.Evaluate[shown](shownJS))
	if want := l.text("progress", map[string]any{"i": pos, "n": l.qz.Draw}); s.Progress != want {
		l.t.Errorf("progress %q, want %q", s.Progress, want)
	}
	for _, q := range l.qz.Questions {
		if q.ID == s.QID {
			return s, q
		}
	}
	l.t.Fatalf("question %q on screen is not in %s", s.QID, l.qz.Path)
	return s, nil
}

// choose returns the choices (indices in the file) a learner who wants to
// be right, or wrong, ticks.
func choose(q *quiz.Question, right bool) []int {
	correct := q.Correct()
	if right {
		return correct
	}
	for i, c := range q.Choices {
		if !c.Correct {
			return []int{i}
		}
	}
	return correct[:len(correct)-1] // every choice is correct: tick too few
}

// sectionURL is where a question's ref leads from the quiz page.
func (l *learner) sectionURL(q *quiz.Question) string {
	return l.base + l.lang + "/" + strings.TrimSuffix(q.Doc(), ".md") + ".html#" + q.Section()
}

// answer answers the question at position pos (1-based) by clicking and
// checks the feedback: verdict, explanation and link to the clause.
func (l *learner) answer(pos int, right bool) (shown, *quiz.Question) {
	l.t.Helper()
	s, q := l.current(pos)
	if l.seen[s.QID] {
		l.t.Errorf("question %q asked twice in one attempt", s.QID)
	}
	l.seen[s.QID] = true
	if want := map[bool]string{true: "checkbox", false: "radio"}[q.Type == quiz.Multiple]; s.Input != want {
		l.t.Errorf("question %q (%s) has %s inputs", q.ID, q.Type, s.Input)
	}
	for _, c := range choose(q, right) {
		browsertest.Do(l.t, l.tab, chromedp.Click(css(fmt.Sprintf(`.quiz-choice[data-choice="%d"] input`, c))))
	}
	browsertest.Do(l.t, l.tab, chromedp.Click(css("#quiz-submit")), chromedp.WaitVisible(css("#quiz-feedback")))
	l.checkFeedback(q, right, true)
	return s, q
}

type feedback struct {
	Correct     string `json:"correct"`
	Explanation string `json:"explanation"`
	Href        string `json:"href"`
	Focused     bool   `json:"focused"`
	Correctly   []int  `json:"marked"` // choices marked .is-correct
}

// checkFeedback checks the feedback on a question answered right or wrong;
// an answer just given moves the focus to it, a reloaded page does not.
func (l *learner) checkFeedback(q *quiz.Question, right, focus bool) {
	l.t.Helper()
	fb := browsertest.Get(l.t, l.tab, chromedp.Evaluate[feedback](`(() => {
		const f = document.getElementById('quiz-feedback');
		const a = f.querySelector('.quiz-ref a');
		return {
			correct: f.dataset.correct,
			explanation: f.querySelector('.quiz-explanation').textContent,
			href: a ? a.href : '',
			focused: document.activeElement === f,
			marked: Array.from(document.querySelectorAll('.quiz-choice.is-correct')).map(c => +c.dataset.choice).sort((a, b) => a - b)
		};
	})()`))
	if fb.Correct != fmt.Sprint(right) {
		l.t.Errorf("question %q: feedback data-correct=%q, want %v", q.ID, fb.Correct, right)
	}
	if want := q.Explanation.In(l.lang); fb.Explanation != want {
		l.t.Errorf("question %q: explanation %q, want %q", q.ID, fb.Explanation, want)
	}
	if want := l.sectionURL(q); fb.Href != want {
		l.t.Errorf("question %q: section link %q, want %q", q.ID, fb.Href, want)
	}
	if !slices.Equal(fb.Correctly, q.Correct()) {
		l.t.Errorf("question %q: choices marked correct %v, want %v", q.ID, fb.Correctly, q.Correct())
	}
	if focus && !fb.Focused {
		l.t.Errorf("question %q: feedback not focused", q.ID)
	}
}

// next leaves the feedback for the next question or the result.
func (l *learner) next() {
	l.t.Helper()
	browsertest.Do(l.t, l.tab, chromedp.Click(css("#quiz-next")))
	waitFor(l.t, l.tab, `['question', 'result'].includes(document.getElementById('quiz-app').dataset.state)`)
}

type result struct {
	Passed  string `json:"passed"`
	Correct string `json:"correct"`
	Total   string `json:"total"`
	Score   string `json:"score"`
	Cert    bool   `json:"cert"`
	Review  []bool `json:"review"` // right or wrong, per question
}

func (l *learner) result() result {
	l.t.Helper()
	browsertest.Do(l.t, l.tab, chromedp.WaitVisible(css("#quiz-result")))
	return browsertest.Get(l.t, l.tab, chromedp.Evaluate[result](`(() => {
		const r = document.getElementById('quiz-result');
		return {
			passed: r.dataset.passed, correct: r.dataset.correct, total: r.dataset.total,
			score: r.querySelector('.quiz-score').textContent,
			cert: !!document.getElementById('quiz-certificate'),
			review: Array.from(r.querySelectorAll('.quiz-review-item')).map(li => li.classList.contains('is-right'))
		};
	})()`))
}

// langsAndServers lists the runs of a test: each language once, from
// different places (file:// and HTTP), and with swap the other way round.
// A whole quiz taken is the slowest thing these tests do, so the pass and
// the fail test share the four combinations of language and place between
// them rather than each taking the quiz four times.
func langsAndServers(t *testing.T, public string, swap bool) [][3]string {
	srv := servers(t, public)
	places := []string{"http", "file"}
	if swap {
		places[0], places[1] = places[1], places[0]
	}
	return [][3]string{
		{"ja-" + places[0], "ja", srv[places[0]]},
		{"en-" + places[1], "en", srv[places[1]]},
	}
}

func TestBrowserQuizPass(t *testing.T) {
	t.Parallel()
	public := realSite(t)
	qz := newHire(t)
	browser := browsertest.Shared(t)
	for _, run := range langsAndServers(t, public, false) {
		t.Run(run[0], func(t *testing.T) {
			t.Parallel()
			lang, base := run[1], run[2]
			tab, w := browsertest.NewTab(t, browser)
			l := newLearner(t, tab, base, lang, qz)
			l.open()
			browsertest.Do(t, tab, chromedp.Click(css("#quiz-start")), chromedp.WaitVisible(css(".quiz-question")))
			for i := 1; i <= qz.Draw; i++ {
				l.answer(i, true)
				l.next()
			}
			r := l.result()
			n := qz.Draw
			if r.Passed != "true" || r.Correct != fmt.Sprint(n) || r.Total != fmt.Sprint(n) || !r.Cert || len(r.Review) != n || slices.Contains(r.Review, false) {
				t.Errorf("all right: result %+v", r)
			}
			if want := l.text("score", map[string]any{"c": n, "n": n, "p": 100}); r.Score != want {
				t.Errorf("score %q, want %q", r.Score, want)
			}

			name := map[string]string{"ja": "山鹿 花子", "en": "Hanako Yamaga"}[lang]
			browsertest.Do(t, tab, chromedp.SendKeys(css("#cert-name"), name))
			certJS := `(() => {
				const c = document.getElementById('quiz-certificate');
				const p = document.querySelector('#quiz-print .quiz-certificate');
				return [c.querySelector('.cert-name-value').textContent, c.querySelector('.cert-quiz').textContent,
					c.querySelector('.cert-score').textContent, p ? p.querySelector('.cert-name-value').textContent : ''];
			})()`
			cert := browsertest.Get(t, tab, chromedp.Evaluate[[]string](certJS))
			score := l.text("certScoreValue", map[string]any{"c": n, "n": n, "p": 100})
			if want := []string{name, qz.Title.In(lang), score, name}; !slices.Equal(cert, want) {
				t.Errorf("certificate (name, quiz, score, printed name) %q, want %q", cert, want)
			}
			links := browsertest.Get(t, tab, chromedp.Evaluate[[]string](`['download-json', 'download-csv'].flatMap(id => {
				const a = document.getElementById(id);
				return a ? [a.getAttribute('href') || '', a.getAttribute('download') || ''] : ['', ''];
			})`))
			if !strings.HasPrefix(links[0], "blob:") || !strings.HasSuffix(links[1], ".json") ||
				!strings.HasPrefix(links[2], "blob:") || !strings.HasSuffix(links[3], ".csv") {
				t.Errorf("download links (href, download): %q", links)
			}
			w.Check(t, base)

			// The page's CSP (rightly) forbids fetch, so only now, for
			// reading the downloads, bypass it. The reload also shows
			// that the result and the name are kept.
			browsertest.Do(t, tab, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				_, err := cdp.Call(ctx, tg, page.SetBypassCSP, page.SetBypassCSPParams{Enabled: true})
				return err
			}), chromedp.Reload(), chromedp.WaitVisible(css("#quiz-certificate")))
			if got := browsertest.Get(t, tab, chromedp.Evaluate[[]string](certJS)); !slices.Equal(got, cert) {
				t.Errorf("after a reload the certificate says %q, want %q", got, cert)
			}
			files := browsertest.Get(t, tab, chromedp.Evaluate[[]string](`Promise.all(['download-json', 'download-csv'].map(id =>
				new Promise((resolve, reject) => {
					const x = new XMLHttpRequest();
					x.open('GET', document.getElementById(id).href);
					x.responseType = 'arraybuffer';
					// Keep a byte order mark: Excel needs it in the CSV.
					x.onload = () => resolve(new TextDecoder('utf-8', {ignoreBOM: true}).decode(x.response));
					x.onerror = () => reject(new Error('cannot read ' + id));
					x.send();
				})))`, chromedp.EvalAwaitPromise))
			var res struct {
				Quiz, Lang, Title, Name, Date string
				Correct, Questions, Percent   int
				Passed                        bool
				Answers                       []struct {
					ID      string
					Correct bool
				}
			}
			if err := json.Unmarshal([]byte(files[0]), &res); err != nil {
				t.Fatalf("JSON download: %v\n%s", err, files[0])
			}
			if res.Quiz != qz.Name || res.Lang != lang || res.Title != qz.Title.In(lang) || res.Name != name ||
				res.Correct != n || res.Questions != n || res.Percent != 100 || !res.Passed || len(res.Answers) != n ||
				!regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`).MatchString(res.Date) {
				t.Errorf("JSON download: %s", files[0])
			}
			// One header and one row, CRLF, the revisions as a date and a
			// commit each, so that Excel shows them as they are.
			csv := files[1]
			row := regexp.QuoteMeta(fmt.Sprintf("%s,%s,%s,%s,%s,%d,%d,100,%d,%s,", qz.Title.In(lang), lang, name, res.Date, l.text("scopeFull", nil), n, n, qz.PassMark, l.text("resultPass", nil))) +
				`\d{4}-\d{2}-\d{2},[0-9a-f]{7,},\d{4}-\d{2}-\d{2},[0-9a-f]{7,},\r\n$`
			if !strings.HasPrefix(csv, "\ufeff") || strings.Count(csv, "\r\n") != 2 || !regexp.MustCompile(`\r\n`+row).MatchString(csv) {
				t.Errorf("CSV download lacks the row %s:\n%s", row, csv)
			}
			w.Check(t, base)
		})
	}
}

func TestBrowserQuizFail(t *testing.T) {
	t.Parallel()
	public := realSite(t)
	qz := newHire(t)
	// The shared browser has no back/forward cache (see TestMain): going
	// back reloads the quiz page, so it must resume from what it saved.
	browser := browsertest.Shared(t)
	for _, run := range langsAndServers(t, public, true) {
		t.Run(run[0], func(t *testing.T) {
			t.Parallel()
			lang, base := run[1], run[2]
			tab, w := browsertest.NewTab(t, browser)
			l := newLearner(t, tab, base, lang, qz)
			l.open()
			browsertest.Do(t, tab, chromedp.Click(css("#quiz-start")), chromedp.WaitVisible(css(".quiz-question")))
			var last *quiz.Question
			var sections []string
			for i := 1; i <= qz.Draw; i++ {
				_, last = l.answer(i, false)
				sections = append(sections, last.Section())
				if i < qz.Draw {
					l.next()
				}
			}
			// Follow the last feedback's link to the clause, then come
			// back to the quiz where it was left.
			browsertest.Do(t, tab,
				chromedp.Click(css("#quiz-feedback .quiz-ref a")),
				chromedp.WaitVisible(css("article.doc #"+last.Section())),
			)
			at := browsertest.Get(t, tab, chromedp.Evaluate[[]string](`[location.href, location.hash, document.documentElement.lang]`))
			if want := l.sectionURL(last); at[0] != want || at[1] != "#"+last.Section() || at[2] != lang {
				t.Errorf("section link of %q landed on %q (hash %q, lang %q), want %s", last.ID, at[0], at[1], at[2], want)
			}
			ids, _ := json.Marshal(sections)
			if missing := browsertest.Get(t, tab, chromedp.Evaluate[[]string](string(ids)+`.filter(id => !document.getElementById(id))`)); len(missing) > 0 {
				t.Errorf("sections linked from the feedback missing on the page: %q", missing)
			}
			browsertest.Do(t, tab, chromedp.NavigateBack(), chromedp.WaitVisible(css("#quiz-next")))
			if !browsertest.Get(t, tab, chromedp.Evaluate[bool](`!!document.querySelector('.quiz-resumed')`)) {
				t.Error("back from the clause, the quiz does not say it resumed")
			}
			if s := browsertest.Get(t, tab, chromedp.Evaluate[shown](shownJS)); s.QID != last.ID {
				t.Errorf("back from the clause: question %q on screen, want %q", s.QID, last.ID)
			}
			l.next()
			r := l.result()
			if r.Passed != "false" || r.Correct != "0" || r.Cert || len(r.Review) != qz.Draw || slices.Contains(r.Review, true) {
				t.Errorf("all wrong: result %+v", r)
			}
			w.Check(t, base)
		})
	}
}

func TestBrowserQuizResume(t *testing.T) {
	t.Parallel()
	public := realSite(t)
	qz := newHire(t)
	browser := browsertest.Shared(t)
	for name, base := range servers(t, public) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			tab, w := browsertest.NewTab(t, browser)
			l := newLearner(t, tab, base, "ja", qz)
			l.open()
			browsertest.Do(t, tab, chromedp.Click(css("#quiz-start")), chromedp.WaitVisible(css(".quiz-question")))
			for i := 1; i <= 3; i++ {
				l.answer(i, i != 2)
				l.next()
			}
			// Mid-question: the same question comes back.
			before, _ := l.current(4)
			browsertest.Do(t, tab, chromedp.Reload(), chromedp.WaitVisible(css(".quiz-question")))
			after, _ := l.current(4)
			if before.QID != after.QID || before.Progress != after.Progress || !slices.Equal(before.Choices, after.Choices) {
				t.Errorf("reload mid-question: before %+v, after %+v", before, after)
			}
			if !browsertest.Get(t, tab, chromedp.Evaluate[bool](`!!document.querySelector('.quiz-resumed')`)) {
				t.Error("a resumed question does not say so")
			}
			// After answering: the feedback comes back, then the quiz goes on.
			l.answer(4, false)
			browsertest.Do(t, tab, chromedp.Reload(), chromedp.WaitVisible(css("#quiz-feedback")))
			again, q := l.current(4)
			if again.QID != before.QID || l.state() != "feedback" {
				t.Errorf("reload after answering: %+v in state %q", again, l.state())
			}
			l.checkFeedback(q, false, false)
			l.next()
			l.current(5)
			w.Check(t, base)
		})
	}
}

// focused describes document.activeElement.
type focused struct {
	ID      string `json:"id"`
	Type    string `json:"type"`
	Choice  int    `json:"choice"`
	Checked bool   `json:"checked"`
}

const focusedJS = `(() => {
	const e = document.activeElement || document.body;
	const c = e.closest && e.closest('.quiz-choice');
	return {id: e.id, type: e.type || '', choice: c ? +c.dataset.choice : -1, checked: !!e.checked};
})()`

// press sends keys to the page, as from the keyboard.
func press(t *testing.T, tab context.Context, keys string) focused {
	t.Helper()
	browsertest.Do(t, tab, chromedp.KeyEvent(keys))
	return browsertest.Get(t, tab, chromedp.Evaluate[focused](focusedJS))
}

// tabTo presses Tab until the element with the id has the focus.
func tabTo(t *testing.T, tab context.Context, id string) {
	t.Helper()
	for range 60 {
		if f := press(t, tab, kb.Tab); f.ID == id {
			return
		}
	}
	t.Fatalf("Tab never reaches #%s", id)
}

// TestBrowserQuizKeyboard takes the quiz with the keyboard alone, in each
// language, and checks each of its screens with axe-core on the way: the
// start, a question, the feedback on a wrong answer and the result with a
// certificate (19 of 20 right: the first question is answered wrong). A
// whole quiz taken is the slowest thing these tests do, so the
// accessibility checks ride on this attempt rather than take one of their
// own.
func TestBrowserQuizKeyboard(t *testing.T) {
	t.Parallel()
	public := realSite(t)
	axeJS := browsertest.AxeJS(t, ".")
	qz := newHire(t)
	browser := browsertest.Shared(t)
	srv := servers(t, public)
	for _, run := range [][2]string{{"ja", srv["http"]}, {"en", srv["file"]}} {
		lang, base := run[0], run[1]
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			tab, w := browsertest.NewTab(t, browser)
			l := newLearner(t, tab, base, lang, qz)
			axe := func(state string) {
				t.Helper()
				if got := l.state(); got != state {
					t.Fatalf("state %q, want %q", got, state)
				}
				t.Run(state, func(t *testing.T) { browsertest.Axe(t, tab, axeJS) })
			}
			l.open()
			axe("start")
			tabTo(t, tab, "quiz-start")
			if f := press(t, tab, " "); f.ID != "quiz-progress" {
				t.Fatalf("after Space on start, focus on %+v, want the progress heading", f)
			}
			axe("question")
			for i := 1; i <= qz.Draw; i++ {
				right := i != 1
				s, q := l.current(i)
				want := choose(q, right)
				f := press(t, tab, kb.Tab)
				for f.ID != "quiz-submit" {
					switch {
					case f.Choice < 0:
						t.Fatalf("question %q: Tab went to %+v before the submit button", q.ID, f)
					case f.Type == "radio":
						// Arrows move through a radio group, checking as they go.
						for k := 0; f.Choice != want[0]; k++ {
							if k > len(s.Choices) {
								t.Fatalf("question %q: arrows never reach choice %d", q.ID, want[0])
							}
							f = press(t, tab, kb.ArrowDown)
						}
						if !f.Checked {
							f = press(t, tab, " ")
						}
					case slices.Contains(want, f.Choice) && !f.Checked:
						f = press(t, tab, " ")
					}
					f = press(t, tab, kb.Tab)
				}
				if f = press(t, tab, kb.Enter); f.ID != "quiz-feedback" {
					t.Fatalf("question %q: after Enter on submit, focus on %+v", q.ID, f)
				}
				l.checkFeedback(q, right, true)
				if !right {
					axe("feedback")
				}
				tabTo(t, tab, "quiz-next")
				key := kb.Enter
				if i%2 == 0 {
					key = " "
				}
				f = press(t, tab, key)
				if want := map[bool]string{true: "quiz-result", false: "quiz-progress"}[i == qz.Draw]; f.ID != want {
					t.Fatalf("after next on question %d, focus on %+v, want #%s", i, f, want)
				}
			}
			if r := l.result(); r.Passed != "true" || !r.Cert || r.Correct != fmt.Sprint(qz.Draw-1) {
				t.Errorf("keyboard attempt, all right but the first: %+v", r)
			}
			tabTo(t, tab, "cert-name")
			name := "Keyboard Learner"
			browsertest.Do(t, tab, chromedp.KeyEvent(name))
			if got := browsertest.Get(t, tab, chromedp.Text(css("#quiz-certificate .cert-name-value"))); got != name {
				t.Errorf("certificate name %q, want %q", got, name)
			}
			if !browsertest.Get(t, tab, chromedp.Evaluate[bool](`!!document.getElementById('quiz-certificate')`)) {
				t.Fatal("19 of 20 right and no certificate")
			}
			axe("result")
			for _, id := range []string{"cert-print", "download-json", "download-csv", "quiz-retake"} {
				tabTo(t, tab, id)
			}
			if f := press(t, tab, kb.Enter); f.ID != "quiz-progress" || l.state() != "question" {
				t.Errorf("Enter on retake: focus %+v, state %q", f, l.state())
			}
			w.Check(t, base)
		})
	}
}

// TestBrowserQuizInsecureContext takes the quiz from a plain-http host name,
// as on an intranet: no secure context, so no crypto.subtle.
func TestBrowserQuizInsecureContext(t *testing.T) {
	t.Parallel()
	public := realSite(t)
	qz := newHire(t)
	browser := browsertest.Shared(t) // maps intranet.example to 127.0.0.1, see TestMain
	u, err := url.Parse(servers(t, public)["http"])
	if err != nil {
		t.Fatal(err)
	}
	base := "http://intranet.example:" + u.Port() + "/intranet/policy/"
	tab, w := browsertest.NewTab(t, browser)
	l := newLearner(t, tab, base, "ja", qz)
	l.open()
	if secure := browsertest.Get(t, tab, chromedp.Evaluate[bool](`window.isSecureContext || !!(window.crypto && crypto.subtle)`)); secure {
		t.Fatalf("%s is a secure context: the test proves nothing", l.pageURL())
	}
	browsertest.Do(t, tab, chromedp.Click(css("#quiz-start")), chromedp.WaitVisible(css(".quiz-question")))
	l.answer(1, true)
	l.next()
	l.answer(2, false)
	w.Check(t, base)
}

// TestBrowserQuizNoPlainAnswers needs no browser (it is named with the
// quiz's browser tests to run with them): the built site must not give the
// answers away in plain text. The explanations state the answers, so none
// may appear in any built file, in any escaping; and the quiz pages carry
// no "correct" key.
func TestBrowserQuizNoPlainAnswers(t *testing.T) {
	t.Parallel()
	public := realSite(t)
	qz := newHire(t)
	forms := func(s string) []string {
		plain, _ := json.Marshal(s) // escapes <, >, & as \u003c… like the page data
		var b strings.Builder
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.Encode(s)
		raw := strings.TrimSpace(b.String())
		return []string{s, html.EscapeString(s), string(plain[1 : len(plain)-1]), raw[1 : len(raw)-1]}
	}
	type secret struct{ id, text string }
	var secrets []secret
	for _, q := range qz.Questions {
		for _, lang := range []string{"ja", "en"} {
			for _, f := range forms(q.Explanation.In(lang)) {
				secrets = append(secrets, secret{q.ID + " explanation (" + lang + ")", f})
			}
		}
	}
	files := 0
	err := filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		body := string(b)
		rel, _ := filepath.Rel(public, p)
		for _, s := range secrets {
			if strings.Contains(body, s.text) {
				t.Errorf("%s: %s in plain text", rel, s.id)
			}
		}
		if strings.HasSuffix(rel, ".zip") {
			// A SCORM package: its page is checked as the site's are
			// (its entries are stored, so the search above saw them).
			zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
			if err != nil {
				return fmt.Errorf("%s: %w", rel, err)
			}
			rc, err := zr.Open(quiz.SCORMLaunch)
			if err != nil {
				return fmt.Errorf("%s: %w", rel, err)
			}
			page, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				return err
			}
			rel, body = rel+"/"+quiz.SCORMLaunch, string(page)
		}
		if strings.Contains(filepath.ToSlash(rel), "/quiz/") {
			if strings.Contains(body, `"correct"`) {
				t.Errorf(`%s: a "correct" key`, rel)
			}
			checkQuizData(t, rel, body)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files == 0 {
		t.Fatal("nothing built")
	}
}

// checkQuizData checks that each question in a quiz page's data has only
// the keys that say nothing about the answer.
func checkQuizData(t *testing.T, rel, body string) {
	t.Helper()
	m := regexp.MustCompile(`(?s)<script type="application/json" id="quiz-data">(.*?)</script>`).FindStringSubmatch(body)
	if m == nil {
		t.Errorf("%s: no quiz data", rel)
		return
	}
	var data struct {
		Questions []map[string]json.RawMessage `json:"questions"`
	}
	if err := json.Unmarshal([]byte(m[1]), &data); err != nil {
		t.Errorf("%s: quiz data: %v", rel, err)
		return
	}
	allowed := []string{"id", "type", "prompt", "choices", "section", "sealed"}
	for _, q := range data.Questions {
		for k := range q {
			if !slices.Contains(allowed, k) {
				t.Errorf("%s: question %s has the key %q", rel, q["id"], k)
			}
		}
	}
}
