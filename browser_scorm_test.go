package main

// Tests of the SCORM 1.2 packages (generator/quiz's Manifest and SCORMZip,
// generator/site's scorm.go): the manifest against the package, and the
// SCO in Chromium inside a frame of a page that provides a real SCORM 1.2
// runtime, scorm-again (installed by .ci/run with npm, like axe-core).

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"policysite/generator/quiz"
	"policysite/internal/browsertest"
)

// scormPackage reads the built package of the new-hire quiz in lang and
// checks it.
func scormPackage(t *testing.T, public, lang string) map[string][]byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(public, lang, "quiz", "new-hire-scorm12.zip"))
	if err != nil {
		t.Fatal(err)
	}
	return checkSCORMPackage(t, data)
}

func TestSCORMPackages(t *testing.T) {
	t.Parallel()
	public := realSite(t)
	for _, lang := range []string{"ja", "en"} {
		files := scormPackage(t, public, lang)
		page := string(files[quiz.SCORMLaunch])
		// Nothing outside the package: no link or script out of it, no
		// network (the CSP allows only the package's own files).
		for _, bad := range []string{`href="../`, `src="../`, `href="/`, `src="/`, "http://", "https://"} {
			if strings.Contains(page, bad) {
				t.Errorf("%s package: %s has %q", lang, quiz.SCORMLaunch, bad)
			}
		}
		for _, m := range regexp.MustCompile(`(?:href|src)="([^"]+)"`).FindAllStringSubmatch(page, -1) {
			if _, ok := files[m[1]]; !ok && !strings.HasPrefix(m[1], "data:") {
				t.Errorf("%s package: %s refers to %q, not in the package", lang, quiz.SCORMLaunch, m[1])
			}
		}
		if !strings.Contains(page, `data-scorm="1.2"`) || !strings.Contains(page, `http-equiv="Content-Security-Policy"`) {
			t.Errorf("%s package: the launch page is not the SCO page", lang)
		}
		if quizPage, err := os.ReadFile(filepath.Join(public, lang, "quiz", "new-hire.html")); err != nil || !strings.Contains(string(quizPage), `href="new-hire-scorm12.zip"`) {
			t.Errorf("%s quiz page does not link its package (%v)", lang, err)
		}
	}
}

// scormAgainJS returns scorm-again's SCORM 1.2 runtime, installed by
// .ci/run, or skips the test without it (fails it under CI, like
// browsertest.AxeJS).
func scormAgainJS(t *testing.T) []byte {
	t.Helper()
	p := filepath.Join(".ci", "node_modules", "scorm-again", "dist", "scorm12.min.js")
	src, err := os.ReadFile(p)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("scorm-again missing: .ci/run must install it (npm ci --prefix .ci): %v", err)
		}
		t.Skip("SCORM test skipped: scorm-again not installed (npm ci --prefix .ci)")
	}
	return src
}

// lmsPage is the LMS: scorm-again's runtime as window.API, every call to
// it recorded in window.calls as [name, arguments…, result, last error],
// and the SCO in a frame, or (nested) in a frame of a frame, which the
// SCO must find by walking up its parents.
const lmsPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>LMS</title><link rel="icon" href="data:,">
<script src="scorm12.min.js"></script>
<script>
window.calls = [];
window.API = new Scorm12API({logLevel: 5, autocommit: false});
['LMSInitialize', 'LMSGetValue', 'LMSSetValue', 'LMSCommit', 'LMSFinish'].forEach(function (name) {
	const f = window.API[name].bind(window.API);
	window.API[name] = function () {
		const r = f.apply(null, arguments);
		calls.push([name].concat(Array.from(arguments, String), [String(r), String(window.API.LMSGetLastError())]));
		return r;
	};
});
window.sco = function () {
	const w = document.getElementById('frame').contentWindow;
	return w.document.getElementById('inner') ? w.document.getElementById('inner').contentWindow : w;
};
</script></head>
<body><iframe id="frame" title="SCO" src="%s" width="1100" height="800"></iframe></body></html>
`

const nestedPage = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>frame</title><link rel="icon" href="data:,"></head>
<body><iframe id="inner" title="SCO" src="sco/index.html" width="1000" height="700"></iframe></body></html>
`

// lmsRecord is what the runtime holds after the attempt.
type lmsRecord struct {
	Status       string     `json:"status"`
	Raw          string     `json:"raw"`
	Min          string     `json:"min"`
	Max          string     `json:"max"`
	Interactions []lmsInter `json:"interactions"`
	Calls        [][]string `json:"calls"`
	Initialized  bool       `json:"initialized"`
	Terminated   bool       `json:"terminated"`
}

type lmsInter struct {
	ID       string `json:"id"`
	Type     string `json:"type"`
	Response string `json:"student_response"`
	Result   string `json:"result"`
}

const lmsRecordJS = `(() => {
	const c = API.renderCMIToJSONObject().cmi;
	const inter = c.interactions || {};
	return {
		status: c.core.lesson_status, raw: String(c.core.score.raw), min: String(c.core.score.min), max: String(c.core.score.max),
		interactions: Object.keys(inter).sort((a, b) => a - b).map(k => inter[k]).map(i => ({id: i.id, type: i.type, student_response: i.student_response, result: i.result})),
		calls: calls, initialized: API.isInitialized(), terminated: API.isTerminated()
	};
})()`

// scoAnswerJS answers the question on screen in the SCO: ticks the
// choices given (indices in the file), submits and goes on.
const scoAnswerJS = `((choices) => {
	const d = sco().document;
	for (const c of choices) d.querySelector('.quiz-choice[data-choice="' + c + '"] input').click();
	d.getElementById('quiz-submit').click();
	const id = d.querySelector('.quiz-question').dataset.qid;
	d.getElementById('quiz-next').click();
	return id;
})`

func TestBrowserSCORM(t *testing.T) {
	t.Parallel()
	public := realSite(t)
	runtime := scormAgainJS(t)
	qz := newHire(t)
	browser := browsertest.Shared(t)
	byID := map[string]*quiz.Question{}
	for _, q := range qz.Questions {
		byID[q.ID] = q
	}
	for _, run := range []struct {
		name, lang string
		pass       bool
		frame      string
	}{
		{"pass-ja-nested", "ja", true, "nested.html"},
		{"fail-en", "en", false, "sco/index.html"},
	} {
		t.Run(run.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			for name, data := range scormPackage(t, public, run.lang) {
				p := filepath.Join(dir, "sco", filepath.FromSlash(name))
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			os.WriteFile(filepath.Join(dir, "scorm12.min.js"), runtime, 0o644)
			os.WriteFile(filepath.Join(dir, "nested.html"), []byte(nestedPage), 0o644)
			os.WriteFile(filepath.Join(dir, "lms.html"), []byte(fmt.Sprintf(lmsPage, run.frame)), 0o644)
			base := browsertest.Serve(t, dir, "/lms/")
			tab, w := browsertest.NewTab(t, browser)
			browsertest.Do(t, tab, chromedp.Navigate(base+"lms.html"))
			waitFor(t, tab, `(() => { try { return !!sco().document.getElementById('quiz-start'); } catch (e) { return false; } })()`)
			if !browsertest.Get(t, tab, chromedp.Evaluate[bool](`!!sco().document.getElementById('quiz-lms')`)) {
				t.Error("the SCO's start screen does not say it reports to the LMS")
			}
			browsertest.Do(t, tab, chromedp.Evaluate[chromedp.Void](`sco().document.getElementById('quiz-start').click()`))
			var asked []string
			for range qz.Draw {
				waitFor(t, tab, `!!sco().document.getElementById('quiz-submit')`)
				id := browsertest.Get(t, tab, chromedp.Evaluate[string](`sco().document.querySelector('.quiz-question').dataset.qid`))
				q := byID[id]
				if q == nil {
					t.Fatalf("question %q on screen", id)
				}
				choices, _ := json.Marshal(choose(q, run.pass))
				browsertest.Do(t, tab, chromedp.Evaluate[chromedp.Void](scoAnswerJS+"("+string(choices)+")"))
				asked = append(asked, id)
			}
			waitFor(t, tab, `!!sco().document.getElementById('quiz-result')`)
			before := browsertest.Get(t, tab, chromedp.Evaluate[lmsRecord](lmsRecordJS))
			// The SCO finishes when its page goes away, as when the
			// learner closes it in the LMS.
			browsertest.Do(t, tab, chromedp.Evaluate[chromedp.Void](`document.getElementById('frame').remove()`))
			waitFor(t, tab, `API.isTerminated()`)
			rec := browsertest.Get(t, tab, chromedp.Evaluate[lmsRecord](lmsRecordJS))
			t.Logf("%s: lesson_status %q, score raw %q min %q max %q, %d interactions, before LMSFinish: %q",
				run.name, rec.Status, rec.Raw, rec.Min, rec.Max, len(rec.Interactions), before.Status)

			status, raw, result := "failed", "0", "wrong"
			if run.pass {
				status, raw, result = "passed", "100", "correct"
			}
			if before.Status != status || before.Raw != raw {
				t.Errorf("at the result, before LMSFinish: lesson_status %q, raw %q; want %q, %q", before.Status, before.Raw, status, raw)
			}
			if rec.Status != status || rec.Raw != raw || rec.Min != "0" || rec.Max != "100" {
				t.Errorf("lesson_status %q, score raw %q min %q max %q; want %q, %q, 0, 100", rec.Status, rec.Raw, rec.Min, rec.Max, status, raw)
			}
			if len(rec.Interactions) != qz.Draw {
				t.Errorf("%d interactions, want %d", len(rec.Interactions), qz.Draw)
			}
			for i, in := range rec.Interactions {
				q := byID[in.ID]
				want := map[quiz.Type]string{quiz.Single: "choice", quiz.Multiple: "choice", quiz.TrueFalse: "true-false"}
				if i >= len(asked) || in.ID != asked[i] || q == nil || in.Type != want[q.Type] || in.Result != result || in.Response == "" {
					t.Errorf("interaction %d: %+v (asked %q)", i, in, asked[min(i, len(asked)-1)])
				}
			}
			// The order of the calls, and that the runtime took each one.
			var names []string
			sessionTime := ""
			for _, c := range rec.Calls {
				names = append(names, c[0])
				if n := len(c); c[n-2] != "true" && c[0] != "LMSGetValue" || c[n-1] != "0" && c[0] != "LMSGetValue" {
					t.Errorf("the runtime refused %q", c)
				}
				if c[0] == "LMSSetValue" && c[1] == "cmi.core.session_time" {
					sessionTime = c[2]
				}
			}
			if len(names) < 3 || names[0] != "LMSInitialize" || names[len(names)-1] != "LMSFinish" || names[len(names)-2] != "LMSCommit" ||
				slices.Index(names, "LMSFinish") != len(names)-1 {
				t.Errorf("calls: %q", names)
			}
			if !regexp.MustCompile(`^\d{4}:\d{2}:\d{2}\.\d{2}$`).MatchString(sessionTime) {
				t.Errorf("cmi.core.session_time %q, want HHHH:MM:SS.SS", sessionTime)
			}
			t.Logf("%s: cmi.core.session_time %s; calls %d", run.name, sessionTime, len(names))
			if !before.Initialized || before.Terminated || !rec.Terminated {
				t.Errorf("runtime initialized %v and terminated %v at the result, terminated %v after", before.Initialized, before.Terminated, rec.Terminated)
			}
			w.Check(t, base)
		})
	}
	// Without an LMS the SCO is the quiz as on the site.
	t.Run("no-lms", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		for name, data := range scormPackage(t, public, "ja") {
			p := filepath.Join(dir, filepath.FromSlash(name))
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.WriteFile(p, data, 0o644)
		}
		base := browsertest.Serve(t, dir, "/")
		tab, w := browsertest.NewTab(t, browser)
		l := newLearner(t, tab, base, "ja", qz)
		browsertest.Do(t, tab, chromedp.Navigate(base+quiz.SCORMLaunch), chromedp.WaitVisible(css("#quiz-start")))
		if browsertest.Get(t, tab, chromedp.Evaluate[bool](`!!document.getElementById('quiz-lms')`)) {
			t.Error("with no LMS, the SCO says it reports to one")
		}
		l.ui = browsertest.Get(t, tab, chromedp.Evaluate[map[string]any](`JSON.parse(document.getElementById('quiz-data').textContent).ui`))
		browsertest.Do(t, tab, chromedp.Click(css("#quiz-start")), chromedp.WaitVisible(css(".quiz-question")))
		_, q := l.current(1)
		for _, c := range choose(q, true) {
			browsertest.Do(t, tab, chromedp.Click(css(fmt.Sprintf(`.quiz-choice[data-choice="%d"] input`, c))))
		}
		browsertest.Do(t, tab, chromedp.Click(css("#quiz-submit")), chromedp.WaitVisible(css("#quiz-feedback")))
		// The section is named, not linked: the site is not in the package.
		got := browsertest.Get(t, tab, chromedp.Evaluate[[]string](`[document.getElementById('quiz-feedback').dataset.correct,
			document.querySelector('#quiz-feedback .quiz-ref').textContent, String(document.querySelectorAll('#quiz-feedback a').length)]`))
		if got[0] != "true" || !strings.HasPrefix(got[1], l.text("related", nil)) || len(got[1]) <= len(l.text("related", nil)) || got[2] != "0" {
			t.Errorf("feedback in the SCO (correct, related provision, links): %q", got)
		}
		w.Check(t, base)
	})
}

// checkSCORMPackage opens a SCORM 1.2 package and checks its manifest
// against SCORM 1.2 Content Packaging: well-formed XML in the IMS CP and
// ADL namespaces, schemaversion 1.2, one organization whose item points at
// the one resource, a SCO launched at a file of the package, and every file
// of the package (but the manifest) listed, none that is not in it. It
// returns the files by name.
func checkSCORMPackage(t testing.TB, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	files := map[string][]byte{}
	var names []string
	for _, f := range zr.File {
		if f.FileInfo().IsDir() {
			t.Errorf("%s: a folder entry", f.Name)
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		files[f.Name] = b
		names = append(names, f.Name)
	}
	if !slices.IsSorted(names) {
		t.Errorf("entries not sorted: %q", names)
	}
	raw, ok := files["imsmanifest.xml"]
	if !ok {
		t.Fatalf("no imsmanifest.xml at the root: %q", names)
	}
	const (
		cp    = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
		adlcp = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
	)
	// encoding/xml fails on XML that is not well-formed, and its names
	// carry their namespaces: a tag in the wrong one does not match.
	var m struct {
		XMLName  xml.Name `xml:"http://www.imsproject.org/xsd/imscp_rootv1p1p2 manifest"`
		Metadata struct {
			Schema        string `xml:"http://www.imsproject.org/xsd/imscp_rootv1p1p2 schema"`
			SchemaVersion string `xml:"http://www.imsproject.org/xsd/imscp_rootv1p1p2 schemaversion"`
		} `xml:"http://www.imsproject.org/xsd/imscp_rootv1p1p2 metadata"`
		Orgs struct {
			Default string `xml:"default,attr"`
			Org     []struct {
				ID    string `xml:"identifier,attr"`
				Title string `xml:"http://www.imsproject.org/xsd/imscp_rootv1p1p2 title"`
				Items []struct {
					Ref     string `xml:"identifierref,attr"`
					Title   string `xml:"http://www.imsproject.org/xsd/imscp_rootv1p1p2 title"`
					Mastery string `xml:"http://www.adlnet.org/xsd/adlcp_rootv1p2 masteryscore"`
				} `xml:"http://www.imsproject.org/xsd/imscp_rootv1p1p2 item"`
			} `xml:"http://www.imsproject.org/xsd/imscp_rootv1p1p2 organization"`
		} `xml:"http://www.imsproject.org/xsd/imscp_rootv1p1p2 organizations"`
		Resources []struct {
			ID        string `xml:"identifier,attr"`
			Type      string `xml:"type,attr"`
			ScormType string `xml:"http://www.adlnet.org/xsd/adlcp_rootv1p2 scormtype,attr"`
			Href      string `xml:"href,attr"`
			Files     []struct {
				Href string `xml:"href,attr"`
			} `xml:"http://www.imsproject.org/xsd/imscp_rootv1p1p2 file"`
		} `xml:"http://www.imsproject.org/xsd/imscp_rootv1p1p2 resources>resource"`
	}
	dec := xml.NewDecoder(bytes.NewReader(raw))
	dec.Strict = true
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("imsmanifest.xml: %v", err)
	}
	if !bytes.HasPrefix(raw, []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) {
		t.Error("imsmanifest.xml: no XML declaration with UTF-8")
	}
	if m.Metadata.Schema != "ADL SCORM" || m.Metadata.SchemaVersion != "1.2" {
		t.Errorf("metadata: schema %q, schemaversion %q", m.Metadata.Schema, m.Metadata.SchemaVersion)
	}
	if len(m.Orgs.Org) != 1 || m.Orgs.Org[0].ID != m.Orgs.Default || len(m.Orgs.Org[0].Items) != 1 || m.Orgs.Org[0].Title == "" {
		t.Fatalf("want one organization, the default, with one item and a title: %+v", m.Orgs)
	}
	if len(m.Resources) != 1 {
		t.Fatalf("want one resource, have %d", len(m.Resources))
	}
	r, item := m.Resources[0], m.Orgs.Org[0].Items[0]
	if item.Ref != r.ID || item.Title == "" {
		t.Errorf("item %+v does not point at resource %q", item, r.ID)
	}
	if r.ScormType != "sco" || r.Type != "webcontent" {
		t.Errorf("resource: adlcp:scormtype %q, type %q; want sco, webcontent", r.ScormType, r.Type)
	}
	if _, ok := files[r.Href]; !ok {
		t.Errorf("the SCO's launch page %q is not in the package", r.Href)
	}
	var listed []string
	for _, f := range r.Files {
		listed = append(listed, f.Href)
	}
	slices.Sort(listed)
	var inZip []string
	for _, n := range names {
		if n != "imsmanifest.xml" {
			inZip = append(inZip, n)
		}
	}
	if !slices.Equal(listed, inZip) {
		t.Errorf("the manifest lists %q, the package holds %q", listed, inZip)
	}
	for _, ns := range []string{`xmlns="` + cp + `"`, `xmlns:adlcp="` + adlcp + `"`} {
		if !bytes.Contains(raw, []byte(ns)) {
			t.Errorf("imsmanifest.xml does not declare %s", ns)
		}
	}
	return files
}
