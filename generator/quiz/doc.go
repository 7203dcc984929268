// Package quiz loads and checks the training quizzes in quizzes/*.yaml and
// builds the data a quiz page embeds for its browser script
// (templates/assets/quiz.js).
//
// # For policy owners: writing a quiz
//
// Each file quizzes/<name>.yaml is one quiz, in both languages at once. The
// file name (without .yaml) becomes the page address ja/quiz/<name>.html and
// en/quiz/<name>.html, so it may use only a–z, 0–9 and "-". Files ending in
// .yml are refused (rename them to .yaml) so that a quiz is never skipped
// without notice.
//
//	title: {ja: 新規採用職員向け情報セキュリティ研修, en: Information security training for new staff}
//	description: {ja: 基本方針の要点を確認します。, en: Check the key points of the basic policy.}
//	pass_mark: 80        # required: percent of correct answers needed to pass, 0–100
//	draw: 20             # optional: questions drawn at random for each attempt; 0 or absent = all, in file order
//	shuffle: true        # optional: show the choices of each question in random order (default false)
//	questions:
//	  - id: availability                       # required: a–z, 0–9, "-"; unique in this file
//	    type: single                           # required: single | multiple | truefalse
//	    ref: basic-policy.md#def-availability  # required: the clause the question is about
//	    prompt: {ja: …, en: …}                 # required
//	    choices:                               # at least two
//	      - text: {ja: …, en: …}
//	        correct: true                      # optional, default false
//	      - text: {ja: …, en: …}
//	    explanation: {ja: …, en: …}            # required: shown after the learner answers
//
// Every key is checked: a key this manual does not list is an error, so a
// typo such as "corect: true" stops the build instead of silently making a
// choice wrong. Every text is a pair {ja: …, en: …} and both languages must
// be present and non-empty (the optional description too, if given). Texts
// are plain text, not Markdown; line breaks inside a text are kept. Leading
// and trailing blank space is removed. YAML anchors and aliases (&x, *x) are
// not allowed: write each text out.
//
// Question types:
//
//   - single: the learner picks one choice (radio buttons); exactly one
//     choice has correct: true.
//   - multiple: the learner ticks every choice that applies (check boxes);
//     at least one choice has correct: true. The answer counts as right only
//     if the ticked set is exactly the correct set.
//   - truefalse: the prompt is a statement. Either write
//     "answer: true" or "answer: false" and leave out choices (the choices
//     become 正しい/誤り, True/False), or give exactly two choices of which
//     exactly one is correct. "answer" is allowed only on truefalse
//     questions. Shuffling never reorders true/false choices.
//
// Two choices of one question may not have the same text.
//
// ref names a section of a document as <document path>.md#<section id>, the
// path as under content/<lang>/ and the id as in the heading's {#id}, e.g.
// basic-policy.md#def-availability. The build checks that the document
// exists, that it is public and that it has that section, and the quiz page
// links each question to it ("関連する規定"). A quiz may never point at an
// internal document: quizzes are public, and the error says only that the
// document is not public.
//
// A learner passes when the correct answers of one attempt are at least
// pass_mark percent of the questions asked, so with 20 questions and
// pass_mark 80 a learner needs 16. draw may not exceed the number of
// questions.
//
// Errors name the file and line, e.g.
//
//	quizzes/new-hire.yaml:42: question "x": single choice needs exactly one correct choice (has 2)
//
// and every error in every file is reported at once.
//
// # Warnings: answers a learner can guess
//
// The build also warns, without failing, when the form of a quiz gives its
// answers away: the correct choice is the longest in more than half of the
// single-choice questions, every choice but one is correct in more than
// half of the multiple-choice questions, or two prompts share most of their
// text. See Quiz.Lint for how each is judged. For example
//
//	warning: quizzes/new-hire.yaml:20: the correct choice is the longest (in Japanese) in 13 of the 19 single-choice questions (…)
//
// # Answers in the page
//
// The page has no server, so the answers travel with it. To keep them out of
// plain sight (the page source, a text search, a glance at the JSON), each
// question's correct choices and explanation are sealed: XORed with a
// keystream derived from a per-quiz, per-language salt and shown only after
// the learner answers. This is obfuscation for a training page, not
// security: anyone who runs the algorithm can read every answer. Do not put
// anything secret in a quiz.
//
// The salt is derived from the quiz file's content, so two builds of the same
// file are byte-identical. Sealing, byte for byte:
//
//	salt      = SHA-256("policysite/quiz\x00" ‖ lang ‖ "\x00" ‖ SHA-256(file content))[0:16], in the JSON
//	plaintext = JSON {"correct":[indices into choices, ascending],"explanation":"…"}
//	block i   = SHA-256(salt ‖ question id ‖ 0x00 ‖ uint32 big-endian i), i = 0, 1, …
//	sealed    = standard base64 (padded) of plaintext XOR (block 0 ‖ block 1 ‖ …)
//
// quiz.js implements the same steps with its own SHA-256, because plain-http
// intranet hosts are not secure contexts and lack crypto.subtle.
//
// # Page data
//
// ClientJSON gives, for one language, compact JSON of this shape (texts in
// that language only; <, > and & escaped so it can sit in a script element):
//
//	{"format": 1, "quiz": "new-hire", "lang": "ja",
//	 "title": "…", "description": "…", "passMark": 80, "draw": 20, "shuffle": true,
//	 "quizRevision": "…", "policyRevision": "…",      // "" if unknown
//	 "quizCommit": "1a2b3c4", "quizDate": "2026-12-01", // the same as a commit and a date, for the CSV
//	 "policyCommit": "…", "policyDate": "…",
//	 "revisions": [{"commit": "…", "date": "…",        // every published revision of the cited documents, oldest first
//	                "sections": [{"title": "…", "href": "../revisions/<short>.html#doc-…", "questions": ["id", …]}]}],
//	 "salt": "<base64, 16 bytes>",
//	 "questions": [{"id": "availability", "type": "single|multiple|truefalse",
//	                "prompt": "…", "choices": ["…", "…"],   // file order
//	                "section": {"href": "../basic-policy.html#def-availability", "title": "…"}, // absent if unresolved; no href in a SCORM package
//	                "sealed": "<base64>"}],
//	 "ui": {…every text quiz.js shows…}}
//
// # Re-training after a revision
//
// A learner who passes keeps, in the browser, the policyCommit they passed
// on. When the page's policyCommit is a later entry of revisions, the page
// lists the sections the revisions since changed (each revision's sections
// are those a question cites whose text it changed) and offers an attempt
// of just the questions that cite them. The site fills in the revisions
// from the published history only (Meta.Revisions).
//
// # SCORM 1.2
//
// Each quiz is also a SCORM 1.2 package per language (Manifest, SCORMZip):
// imsmanifest.xml and one SCO, the quiz page as templates/scorm.html makes
// it, with the style sheets and quiz.js. quiz.js finds the LMS's API as the
// SCORM 1.2 runtime specifies (the window's parents, up to 7, then its
// opener) and reports cmi.core.lesson_status, cmi.core.score (raw is the
// percentage, min 0, max 100; the manifest's masteryscore is the pass
// mark), cmi.core.session_time and cmi.interactions.n (id, type choice or
// true-false, student_response, result). Without an LMS it is the quiz as
// on the site.
//
// # For the site: what this package offers
//
// Load reads every quiz; CheckRefs checks the refs against the documents
// through a lookup function (this package does not know documents);
// Lint returns the warnings above;
// Question.Line, Question.EndLine and Question.Ref let the site compare a
// question's last change with its section's; Uncovered lists the sections no
// question refers to; ClientJSON builds the page data for one language;
// Page gives the page's own texts; Manifest and SCORMZip make the SCORM
// package.
package quiz
