/* quiz.js: the training quiz in the browser, with no server.
 *
 * Reads the page data from <script type="application/json" id="quiz-data">
 * (built by generator/quiz, Quiz.ClientJSON) and renders the quiz into
 * <div id="quiz-app" data-storage-key="…">. Every text shown comes from the
 * data's "ui" table, in the page's language. Classic ES2017 script: no
 * modules, no eval, no inline styles, no network.
 *
 * Answers are sealed in the data (see the generator/quiz package doc); a
 * question is unsealed only after the learner answers it. This keeps the
 * answers out of plain sight; it is not security.
 *
 * Stable hooks for tests and styles:
 *   #quiz-app[data-state]   "start" | "question" | "feedback" | "result"
 *   #quiz-live              polite aria-live region: the last announcement
 *   #quiz-intro             start screen: .quiz-facts, .quiz-note
 *   #quiz-start             start button
 *   .quiz-question          the current question (one at a time), data-qid = question id
 *   #quiz-progress          its heading ("問3 / 20"), focused when a question opens
 *   .quiz-prompt            the <legend> of the question's <fieldset>
 *   .quiz-choice            a choice, data-choice = its index in the file;
 *                           input[name="quiz-choice"] (radio or checkbox) + <label>;
 *                           after answering .quiz-mark says ○/✕ in words, and the
 *                           choice has .is-correct / .is-wrong
 *   #quiz-submit            submit-answer button (a submit button of form#quiz-form)
 *   #quiz-error             shown when submitting with nothing chosen
 *   #quiz-feedback          after an answer, focused: data-correct="true|false",
 *                           .quiz-verdict, .quiz-explanation, .quiz-ref a
 *   #quiz-next              next question, or the result after the last
 *   #quiz-restart           back to the start screen (drops the attempt, once
 *                           #quiz-confirm, a modal <dialog>, is answered with
 *                           #quiz-confirm-yes; #quiz-confirm-no keeps it)
 *   #quiz-result            result screen, focused: data-passed="true|false",
 *                           data-correct, data-total, .quiz-score, .quiz-outcome, .quiz-review
 *   #quiz-retake            new attempt (new draw)
 *   #quiz-retrain           on the start screen, when the policy was revised
 *                           since the learner's pass: the changed sections
 *                           (.quiz-retrain-changes a → 新旧対照表) and
 *                           #quiz-retrain-start, the questions citing them
 *   #quiz-lms               on the start screen of a SCO connected to an LMS
 *   #cert-name              learner's name (on the result screen)
 *   #quiz-certificate       the certificate, only when passed; .cert-name-value
 *   #cert-print             prints the certificate (window.print)
 *   #download-json          <a download> of the result as JSON
 *   #download-csv           <a download> of the result as CSV (UTF-8 with BOM)
 *   #quiz-print             body-level copy of the certificate that print CSS shows
 *   window.PolicyQuiz       {sha256, unseal, unsealText, formatDate, storageKey} for tests;
 *                           under Node the same object is module.exports and nothing renders.
 *
 * Saved state (localStorage, key = data-storage-key + ":" + first 16 hex of
 * SHA-256 of the quiz data, so a changed quiz starts afresh):
 *   {v:1, phase, mode:"full"|"retrain", order:[question index…], perms:[[choice index…]…], pos,
 *    answers:[{chosen:[choice index…], correct:bool}…], name, finished:"YYYY-MM-DD"}
 * A pass (localStorage, key = data-passed-key, the same for both languages
 * and every version of the quiz, so that it outlives them):
 *   {v:1, policy:"<short hash of data.policyCommit>", date:"YYYY-MM-DD"}
 *
 * SCORM 1.2: in the package (templates/scorm.html, #quiz-app[data-scorm]),
 * the script looks for the LMS's API as the runtime specifies and, when it
 * finds one, reports each answer as cmi.interactions.n (id, type,
 * student_response, result), the outcome as cmi.core.lesson_status
 * (passed/failed) and cmi.core.score (raw = percent, min 0, max 100), and
 * cmi.core.session_time; LMSFinish when the page goes away. A pass is never
 * overwritten by a later fail in the same session. Without an LMS nothing
 * changes.
 */
(function () {
  'use strict';

  // ---- SHA-256 (FIPS 180-4). Plain-http hosts have no crypto.subtle. ----

  const K = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  ];

  function rotr(x, n) { return (x >>> n) | (x << (32 - n)); }

  // sha256 hashes a Uint8Array and returns the 32-byte digest.
  function sha256(msg) {
    const n = msg.length;
    const padded = new Uint8Array((n + 9 + 63) & ~63);
    padded.set(msg);
    padded[n] = 0x80;
    const L = padded.length;
    const hi = Math.floor(n / 0x20000000);
    const lo = (n * 8) >>> 0;
    padded[L - 8] = hi >>> 24; padded[L - 7] = hi >>> 16; padded[L - 6] = hi >>> 8; padded[L - 5] = hi;
    padded[L - 4] = lo >>> 24; padded[L - 3] = lo >>> 16; padded[L - 2] = lo >>> 8; padded[L - 1] = lo;
    const H = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    const W = new Array(64);
    for (let off = 0; off < L; off += 64) {
      for (let t = 0; t < 16; t++) {
        const i = off + 4 * t;
        W[t] = ((padded[i] << 24) | (padded[i + 1] << 16) | (padded[i + 2] << 8) | padded[i + 3]) >>> 0;
      }
      for (let t = 16; t < 64; t++) {
        const w15 = W[t - 15], w2 = W[t - 2];
        const s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >>> 3);
        const s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >>> 10);
        W[t] = (W[t - 16] + s0 + W[t - 7] + s1) >>> 0;
      }
      let a = H[0], b = H[1], c = H[2], d = H[3], e = H[4], f = H[5], g = H[6], h = H[7];
      for (let t = 0; t < 64; t++) {
        const S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
        const ch = (e & f) ^ (~e & g);
        const t1 = (h + S1 + ch + K[t] + W[t]) >>> 0;
        const S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
        const maj = (a & b) ^ (a & c) ^ (b & c);
        const t2 = (S0 + maj) >>> 0;
        h = g; g = f; f = e; e = (d + t1) >>> 0;
        d = c; c = b; b = a; a = (t1 + t2) >>> 0;
      }
      H[0] = (H[0] + a) >>> 0; H[1] = (H[1] + b) >>> 0; H[2] = (H[2] + c) >>> 0; H[3] = (H[3] + d) >>> 0;
      H[4] = (H[4] + e) >>> 0; H[5] = (H[5] + f) >>> 0; H[6] = (H[6] + g) >>> 0; H[7] = (H[7] + h) >>> 0;
    }
    const out = new Uint8Array(32);
    for (let i = 0; i < 8; i++) {
      out[4 * i] = H[i] >>> 24; out[4 * i + 1] = H[i] >>> 16; out[4 * i + 2] = H[i] >>> 8; out[4 * i + 3] = H[i];
    }
    return out;
  }

  function utf8(s) { return new TextEncoder().encode(s); }

  function hex(bytes) {
    let s = '';
    for (let i = 0; i < bytes.length; i++) s += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    return s;
  }

  function fromBase64(b64) {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  // unsealText reverses generator/quiz's sealing: the sealed bytes XOR the
  // keystream SHA-256(salt ‖ id ‖ 0x00 ‖ uint32 big-endian block number).
  function unsealText(saltB64, id, sealedB64) {
    const salt = fromBase64(saltB64);
    const idBytes = utf8(id);
    const data = fromBase64(sealedB64);
    const input = new Uint8Array(salt.length + idBytes.length + 5);
    input.set(salt);
    input.set(idBytes, salt.length);
    const ctr = salt.length + idBytes.length + 1; // after the 0x00 separator
    const out = new Uint8Array(data.length);
    let block = null;
    for (let i = 0; i < data.length; i++) {
      if (i % 32 === 0) {
        const k = i / 32;
        input[ctr] = k >>> 24; input[ctr + 1] = k >>> 16; input[ctr + 2] = k >>> 8; input[ctr + 3] = k;
        block = sha256(input);
      }
      out[i] = data[i] ^ block[i % 32];
    }
    return new TextDecoder('utf-8').decode(out);
  }

  // unseal returns {correct: [choice index…], explanation: "…"}.
  function unseal(saltB64, id, sealedB64) {
    const v = JSON.parse(unsealText(saltB64, id, sealedB64));
    if (!v || !Array.isArray(v.correct) || typeof v.explanation !== 'string') throw new Error('bad sealed data');
    return v;
  }

  // storageKey joins the page's key and a hash of the quiz data.
  function storageKey(base, dataText) {
    return base + ':' + hex(sha256(utf8(dataText))).slice(0, 16);
  }

  // ---- Texts ----

  function fill(s, vars) {
    return String(s).replace(/\{(\w+)\}/g, function (m, k) {
      return Object.prototype.hasOwnProperty.call(vars, k) ? String(vars[k]) : m;
    });
  }

  // formatDate writes "YYYY-MM-DD" with ui.dateFormat: Japanese era and
  // western year in Japanese, "26 November 2026" in English. It mirrors
  // generator/wareki's Format, whose data it gets (TestDatesLikeGo).
  function formatDate(ui, iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
    if (!m) return iso || '';
    const y = +m[1], mo = +m[2], d = +m[3];
    let era = '', ey = '';
    const eras = ui.eras || [];
    let format = eras.length ? ui.dateFormatNoEra : ui.dateFormat;
    for (let i = 0; i < eras.length; i++) {
      if (iso >= eras[i].start) {
        era = eras[i].name;
        format = ui.dateFormat;
        const n = y - +eras[i].start.slice(0, 4) + 1;
        ey = n === 1 ? ui.firstYear : String(n);
        break;
      }
    }
    return fill(format, { era: era, ey: ey, y: y, m: mo, d: d, month: (ui.months || [])[mo - 1] || mo });
  }

  function todayISO() {
    const t = new Date();
    const p = function (n) { return (n < 10 ? '0' : '') + n; };
    return t.getFullYear() + '-' + p(t.getMonth() + 1) + '-' + p(t.getDate());
  }

  // ---- Random draw ----

  function shuffled(a) {
    const b = a.slice();
    for (let i = b.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      const t = b[i]; b[i] = b[j]; b[j] = t;
    }
    return b;
  }

  function range(n) {
    const a = [];
    for (let i = 0; i < n; i++) a.push(i);
    return a;
  }

  function sameSet(a, b) {
    if (a.length !== b.length) return false;
    const x = a.slice().sort(), y = b.slice().sort();
    return x.every(function (v, i) { return v === y[i]; });
  }

  function csvCell(v) {
    let s = String(v === null || v === undefined ? '' : v);
    // A cell starting like a formula would run in Excel.
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  // csvText is a CSV as Excel opens it by double-click: UTF-8 with a byte
  // order mark (else it guesses Shift_JIS), CRLF, RFC 4180 quoting.
  function csvText(rows) {
    return '\ufeff' + rows.map(function (cells) { return cells.map(csvCell).join(','); }).join('\r\n') + '\r\n';
  }

  // ---- SCORM 1.2 ----

  // scormTime writes a duration in milliseconds as a SCORM 1.2 CMITimespan,
  // HHHH:MM:SS.SS.
  function scormTime(ms) {
    let cs = Math.max(0, Math.round(ms / 10));
    if (cs > 9999 * 360000 + 359999) cs = 9999 * 360000 + 359999;
    const pad = function (n, w) { let t = String(n); while (t.length < w) t = '0' + t; return t; };
    return pad(Math.floor(cs / 360000), 4) + ':' + pad(Math.floor(cs / 6000) % 60, 2) + ':' +
      pad(Math.floor(cs / 100) % 60, 2) + '.' + pad(cs % 100, 2);
  }

  // findAPI finds the LMS's API object as the SCORM 1.2 runtime
  // specification's own findAPI does: win and up its parents, giving up
  // after 7 levels, then the same from the window that opened win. A
  // window of another origin cannot be read; the search stops there.
  function findAPI(win) {
    const up = function (w) {
      for (let tries = 0; w; tries++) {
        try {
          if (w.API && typeof w.API.LMSInitialize === 'function') return w.API;
          if (tries >= 7 || !w.parent || w.parent === w) return null;
          w = w.parent;
        } catch (e) {
          return null;
        }
      }
      return null;
    };
    let found = up(win);
    try {
      if (!found && win.opener) found = up(win.opener);
    } catch (e) {
      found = null;
    }
    return found;
  }

  // LMS reports to the API of an LMS that LMSInitialize accepted.
  function LMS(lmsAPI, now) {
    this.api = lmsAPI;
    this.started = now;
    this.done = false;
    this.passed = this.get('cmi.core.lesson_status') === 'passed';
    this.count = parseInt(this.get('cmi.interactions._count'), 10) || 0;
  }

  // connect returns an LMS, or null when there is none to report to.
  LMS.connect = function (win, now) {
    const found = findAPI(win);
    if (!found) return null;
    try {
      if (String(found.LMSInitialize('')) !== 'true') return null;
    } catch (e) {
      return null;
    }
    return new LMS(found, now);
  };

  LMS.prototype.get = function (k) {
    try { return String(this.api.LMSGetValue(k)); } catch (e) { return ''; }
  };

  LMS.prototype.set = function (k, v) {
    if (this.done) return;
    try { this.api.LMSSetValue(k, String(v)); } catch (e) { /* the LMS refused: nothing the learner can do */ }
  };

  LMS.prototype.commit = function () {
    if (this.done) return;
    try { this.api.LMSCommit(''); } catch (e) { /* as above */ }
  };

  LMS.prototype.begin = function () {
    if (!this.passed) this.set('cmi.core.lesson_status', 'incomplete');
    this.commit();
  };

  // answer records one answer: q is the question, chosen its choice
  // indices in the file. Responses are letters, a for the first choice (a
  // true/false question's first choice is t, its second f).
  LMS.prototype.answer = function (q, chosen, correct) {
    const n = 'cmi.interactions.' + this.count++ + '.';
    const tf = q.type === 'truefalse';
    this.set(n + 'id', q.id);
    this.set(n + 'type', tf ? 'true-false' : 'choice');
    this.set(n + 'student_response', chosen.map(function (c) { return tf ? 'tf'.charAt(c) : String.fromCharCode(97 + c); }).join(','));
    this.set(n + 'result', correct ? 'correct' : 'wrong');
    this.commit();
  };

  LMS.prototype.result = function (sc, now) {
    if (sc.passed || !this.passed) {
      this.set('cmi.core.score.min', 0);
      this.set('cmi.core.score.max', 100);
      this.set('cmi.core.score.raw', sc.p);
      this.set('cmi.core.lesson_status', sc.passed ? 'passed' : 'failed');
      this.passed = sc.passed;
    }
    this.set('cmi.core.session_time', scormTime(now - this.started));
    this.commit();
  };

  LMS.prototype.finish = function (now, midway) {
    if (this.done) return;
    this.set('cmi.core.session_time', scormTime(now - this.started));
    this.set('cmi.core.exit', midway ? 'suspend' : '');
    this.commit();
    this.done = true;
    try { this.api.LMSFinish(''); } catch (e) { /* as above */ }
  };

  const api = {
    sha256: sha256, unseal: unseal, unsealText: unsealText, formatDate: formatDate, storageKey: storageKey,
    scormTime: scormTime, findAPI: findAPI, LMS: LMS, csvText: csvText
  };

  if (typeof module === 'object' && module && module.exports) {
    module.exports = api;
    return;
  }
  window.PolicyQuiz = api;

  // ---- The page ----

  function el(tag, attrs, kids) {
    const e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        const v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === 'text') e.textContent = v;
        else if (k === 'class') e.className = v;
        else e.setAttribute(k, v === true ? '' : String(v));
      });
    }
    (kids || []).forEach(function (c) {
      if (c !== null && c !== undefined) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return e;
  }

  // sectionLink links a question's section; in a SCORM package, where the
  // site is out of reach, it names it.
  function sectionLink(sec) {
    return sec.href ? el('a', { href: sec.href, text: sec.title }) : el('span', { class: 'quiz-ref-name', text: sec.title });
  }

  function Quiz(app, data, dataText) {
    this.app = app;
    this.data = data;
    this.ui = data.ui;
    this.key = storageKey(app.getAttribute('data-storage-key') || ('policysite:quiz:' + data.quiz + ':' + data.lang), dataText);
    this.passedKey = app.getAttribute('data-passed-key') || '';
    this.lms = app.hasAttribute('data-scorm') ? LMS.connect(window, Date.now()) : null;
    this.storageOK = true;
    this.urls = [];
    this.live = el('div', { id: 'quiz-live', class: 'quiz-visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true' });
    this.screen = el('div', { class: 'quiz-screen' });
    app.textContent = '';
    app.appendChild(this.live);
    app.appendChild(this.screen);
    this.state = this.load();
  }

  Quiz.prototype.questionCount = function () {
    const n = this.data.questions.length;
    const d = this.data.draw;
    return d > 0 && d < n ? d : n;
  };

  // ---- Saved state; localStorage may be missing or throw (file://, private modes). ----

  Quiz.prototype.fresh = function (name) {
    return { v: 1, phase: 'start', mode: 'full', order: [], perms: [], pos: 0, answers: [], name: name || '', finished: '' };
  };

  Quiz.prototype.load = function () {
    let raw = null;
    try {
      const ls = window.localStorage;
      ls.setItem(this.key + ':probe', '1');
      ls.removeItem(this.key + ':probe');
      raw = ls.getItem(this.key);
      this.dropStale(ls);
    } catch (e) {
      this.storageOK = false;
    }
    let s = null;
    try { s = raw ? JSON.parse(raw) : null; } catch (e) { s = null; }
    return this.valid(s) ? s : this.fresh(s && typeof s.name === 'string' ? s.name : '');
  };

  // dropStale removes attempts saved for earlier versions of this quiz.
  Quiz.prototype.dropStale = function (ls) {
    const base = this.key.slice(0, this.key.lastIndexOf(':') + 1);
    const old = [];
    for (let i = 0; i < ls.length; i++) {
      const k = ls.key(i);
      if (k && k.indexOf(base) === 0 && k !== this.key && /^[0-9a-f]{16}$/.test(k.slice(base.length))) old.push(k);
    }
    old.forEach(function (k) { ls.removeItem(k); });
  };

  Quiz.prototype.valid = function (s) {
    const qs = this.data.questions;
    if (!s || s.v !== 1 || ['start', 'question', 'feedback', 'result'].indexOf(s.phase) < 0) return false;
    if (typeof s.name !== 'string' || typeof s.finished !== 'string') return false;
    if (s.mode === undefined) s.mode = 'full'; // saved before re-training existed
    if (s.mode !== 'full' && s.mode !== 'retrain') return false;
    if (s.phase === 'start') return true;
    const isInt = Number.isInteger;
    if (!Array.isArray(s.order)) return false;
    if (s.mode === 'full' ? s.order.length !== this.questionCount() : s.order.length < 1 || s.order.length > qs.length) return false;
    if (!Array.isArray(s.perms) || s.perms.length !== s.order.length) return false;
    if (!Array.isArray(s.answers) || !isInt(s.pos) || s.pos < 0 || s.pos >= s.order.length) return false;
    const seen = {};
    for (let i = 0; i < s.order.length; i++) {
      const qi = s.order[i];
      if (!isInt(qi) || qi < 0 || qi >= qs.length || seen[qi]) return false;
      seen[qi] = true;
      const p = s.perms[i], k = qs[qi].choices.length;
      if (!Array.isArray(p) || p.length !== k || !sameSet(p, range(k))) return false;
    }
    const answered = s.phase === 'question' ? s.pos : s.pos + 1;
    if (s.answers.length !== answered) return false;
    if (s.phase === 'result' && (s.pos !== s.order.length - 1 || !s.finished)) return false;
    return s.answers.every(function (a, i) {
      const k = qs[s.order[i]].choices.length;
      return a && typeof a.correct === 'boolean' && Array.isArray(a.chosen) && a.chosen.length > 0 &&
        a.chosen.every(function (c) { return isInt(c) && c >= 0 && c < k; });
    });
  };

  Quiz.prototype.save = function () {
    if (!this.storageOK) return;
    try {
      window.localStorage.setItem(this.key, JSON.stringify(this.state));
    } catch (e) {
      this.storageOK = false;
    }
  };

  // ---- Re-training: the revision a pass was made on ----

  Quiz.prototype.passedOn = function () {
    if (!this.passedKey || !this.storageOK) return null;
    try {
      const r = JSON.parse(window.localStorage.getItem(this.passedKey) || 'null');
      return r && r.v === 1 && typeof r.policy === 'string' && typeof r.date === 'string' ? r : null;
    } catch (e) {
      return null;
    }
  };

  Quiz.prototype.keepPass = function () {
    if (!this.passedKey || !this.storageOK || !this.data.policyCommit) return;
    try {
      window.localStorage.setItem(this.passedKey, JSON.stringify({ v: 1, policy: this.data.policyCommit, date: this.state.finished }));
    } catch (e) {
      this.storageOK = false;
    }
  };

  // retrainPlan returns, when the policy was revised in sections the quiz
  // cites since the learner's pass, {since: the revision passed on,
  // changes: [{title, href, date}…], order: [question index…]}; else null.
  // A pass on a revision the page does not list (another site, a rewritten
  // history) says nothing about what changed, so it asks for nothing.
  Quiz.prototype.retrainPlan = function () {
    const data = this.data, rec = this.passedOn();
    const revs = Array.isArray(data.revisions) ? data.revisions : [];
    if (!rec || !data.policyCommit || rec.policy === data.policyCommit) return null;
    let i = 0;
    while (i < revs.length && revs[i].commit !== rec.policy) i++;
    if (i === revs.length) return null;
    const changes = [], cite = {};
    revs.slice(i + 1).forEach(function (r) {
      r.sections.forEach(function (sec) {
        changes.push({ title: sec.title, href: sec.href, date: r.date });
        sec.questions.forEach(function (id) { cite[id] = true; });
      });
    });
    const order = [];
    data.questions.forEach(function (q, qi) { if (cite[q.id]) order.push(qi); });
    return order.length ? { since: revs[i], changes: changes, order: order } : null;
  };

  Quiz.prototype.renderRetrain = function (plan) {
    const ui = this.ui, n = plan.order.length;
    const start = el('button', { id: 'quiz-retrain-start', type: 'button', text: fill(ui.retrainStart, { n: n }) });
    start.addEventListener('click', this.begin.bind(this, plan.order));
    return el('section', { id: 'quiz-retrain', class: 'quiz-retrain', 'aria-labelledby': 'quiz-retrain-heading' }, [
      el('h2', { id: 'quiz-retrain-heading', text: ui.retrainHeading }),
      el('p', { text: fill(ui.retrainPassed, { date: plan.since.date, rev: plan.since.commit }) }),
      el('ul', { class: 'quiz-retrain-changes' }, plan.changes.map(function (c) {
        return el('li', null, [
          el('span', { class: 'quiz-retrain-section', text: c.title }), ' ',
          el('a', { href: c.href, text: fill(ui.retrainComparison, { date: c.date }) })
        ]);
      })),
      el('p', { text: fill(ui.retrainOffer, { n: n }) }),
      el('p', { class: 'quiz-actions' }, [start])
    ]);
  };

  Quiz.prototype.announce = function (msg) {
    const live = this.live;
    // Clearing first makes a repeated message be announced again.
    live.textContent = '';
    window.setTimeout(function () { live.textContent = msg; }, 50);
  };

  // ---- Screens ----

  Quiz.prototype.show = function (node, focus) {
    this.screen.textContent = '';
    this.screen.appendChild(node);
    this.app.setAttribute('data-state', this.state.phase);
    if (focus) focus.focus();
  };

  Quiz.prototype.render = function (resumed) {
    switch (this.state.phase) {
      case 'question':
      case 'feedback':
        this.renderQuestion(false, resumed);
        break;
      case 'result':
        this.renderResult(false);
        break;
      default:
        this.renderStart();
    }
  };

  Quiz.prototype.renderStart = function () {
    const ui = this.ui, n = this.questionCount(), total = this.data.questions.length;
    const start = el('button', { id: 'quiz-start', type: 'button', text: ui.start });
    start.addEventListener('click', this.begin.bind(this));
    this.clearCertificate();
    const plan = this.retrainPlan();
    this.show(el('section', { id: 'quiz-intro', class: 'quiz-intro' }, [
      plan ? this.renderRetrain(plan) : null,
      this.lms ? el('p', { id: 'quiz-lms', class: 'quiz-note', text: ui.lmsConnected }) : null,
      el('ul', { class: 'quiz-facts' }, [
        el('li', { text: fill(n < total ? ui.questionCountDrawn : ui.questionCount, { n: n, total: total }) }),
        el('li', { text: fill(ui.passMark, { m: this.data.passMark }) })
      ]),
      el('p', { class: 'quiz-note', text: ui.trainingNote }),
      el('p', { text: ui.howItWorks }),
      this.storageOK ? null : el('p', { class: 'quiz-storage-off', text: ui.storageOff }),
      el('p', { class: 'quiz-actions' }, [start])
    ]));
  };

  // begin starts an attempt: the whole quiz, or (re-training) the
  // questions of only, in file order.
  Quiz.prototype.begin = function (only) {
    const qs = this.data.questions;
    const s = this.fresh(this.state.name);
    const all = range(qs.length);
    if (Array.isArray(only)) {
      s.mode = 'retrain';
      s.order = only.slice();
    } else {
      s.order = this.questionCount() < qs.length || this.data.draw > 0 ? shuffled(all).slice(0, this.questionCount()) : all;
    }
    const shuffle = this.data.shuffle;
    s.perms = s.order.map(function (qi) {
      const k = range(qs[qi].choices.length);
      return shuffle && qs[qi].type !== 'truefalse' ? shuffled(k) : k;
    });
    s.phase = 'question';
    this.state = s;
    this.save();
    if (this.lms) this.lms.begin();
    this.renderQuestion(true, false);
  };

  // confirmRestart asks before restart discards answers, in a modal
  // dialog: it keeps the focus inside, Escape cancels, and the focus
  // returns to the button that opened it.
  Quiz.prototype.confirmRestart = function (ev) {
    const ui = this.ui, opener = ev.currentTarget, self = this;
    const answered = this.state.answers.length;
    if (answered === 0) {
      this.restart();
      return;
    }
    const old = document.getElementById('quiz-confirm');
    if (old) old.parentNode.removeChild(old);
    const body = fill(ui.confirmBody, { a: answered });
    if (typeof HTMLDialogElement !== 'function') {
      if (window.confirm(ui.confirmTitle + '\n' + body)) this.restart();
      return;
    }
    const yes = el('button', { id: 'quiz-confirm-yes', type: 'button', class: 'secondary', text: ui.confirmYes });
    const no = el('button', { id: 'quiz-confirm-no', type: 'button', text: ui.confirmNo });
    const dlg = el('dialog', { id: 'quiz-confirm', class: 'quiz-dialog', 'aria-labelledby': 'quiz-confirm-title', 'aria-describedby': 'quiz-confirm-body' }, [
      el('h2', { id: 'quiz-confirm-title', text: ui.confirmTitle }),
      el('p', { id: 'quiz-confirm-body', text: body }),
      el('p', { class: 'quiz-actions' }, [no, yes])
    ]);
    yes.addEventListener('click', function () { dlg.close('yes'); });
    no.addEventListener('click', function () { dlg.close('no'); });
    dlg.addEventListener('close', function () {
      dlg.parentNode.removeChild(dlg);
      if (dlg.returnValue === 'yes') self.restart();
      else if (document.body.contains(opener)) opener.focus();
    });
    document.body.appendChild(dlg);
    dlg.showModal();
    no.focus(); // keeping the answers is the safe default
  };

  Quiz.prototype.restart = function () {
    this.state = this.fresh(this.state.name);
    this.save();
    this.renderStart();
    const start = document.getElementById('quiz-start');
    if (start) start.focus();
  };

  Quiz.prototype.current = function () {
    return this.data.questions[this.state.order[this.state.pos]];
  };

  Quiz.prototype.renderQuestion = function (focus, resumed) {
    const ui = this.ui, s = this.state, q = this.current();
    const multiple = q.type === 'multiple';
    const hint = multiple ? ui.hintMultiple : q.type === 'truefalse' ? ui.hintTrueFalse : ui.hintSingle;
    const choices = s.perms[s.pos].map(function (orig, d) {
      const id = 'quiz-c-' + d;
      return el('div', { class: 'quiz-choice', 'data-choice': orig }, [
        el('input', { type: multiple ? 'checkbox' : 'radio', name: 'quiz-choice', id: id, value: orig }),
        el('label', { for: id }, [
          el('span', { class: 'quiz-choice-text', text: q.choices[orig] }),
          el('span', { class: 'quiz-mark' })
        ])
      ]);
    });
    const heading = el('h2', { id: 'quiz-progress', class: 'quiz-progress', tabindex: '-1', text: fill(ui.progress, { i: s.pos + 1, n: s.order.length }) });
    const form = el('form', { id: 'quiz-form', class: 'quiz-form', novalidate: true }, [
      el('fieldset', { class: 'quiz-fieldset', 'aria-describedby': 'quiz-hint' }, [
        el('legend', { class: 'quiz-prompt', text: q.prompt }),
        el('p', { id: 'quiz-hint', class: 'quiz-hint', text: hint }),
        el('div', { class: 'quiz-choices' }, choices)
      ]),
      el('p', { id: 'quiz-error', class: 'quiz-error', hidden: true }),
      el('p', { class: 'quiz-actions' }, [el('button', { id: 'quiz-submit', type: 'submit', text: ui.submit })])
    ]);
    form.addEventListener('submit', this.submit.bind(this));
    const restart = el('button', { id: 'quiz-restart', type: 'button', class: 'secondary', text: ui.restart });
    restart.addEventListener('click', this.confirmRestart.bind(this));
    const section = el('section', { class: 'quiz-question', id: 'quiz-q-' + q.id, 'data-qid': q.id, 'aria-labelledby': 'quiz-progress' }, [
      resumed ? el('p', { class: 'quiz-resumed', text: ui.resumed }) : null,
      heading,
      form,
      el('div', { class: 'quiz-feedback-slot' }),
      el('p', { class: 'quiz-restart-row' }, [restart])
    ]);
    this.clearCertificate();
    this.show(section, focus ? heading : null);
    if (s.phase === 'feedback') this.showFeedback(false);
  };

  Quiz.prototype.submit = function (ev) {
    ev.preventDefault();
    const s = this.state;
    if (s.phase !== 'question') return;
    const chosen = [];
    const inputs = this.screen.querySelectorAll('input[name="quiz-choice"]');
    for (let i = 0; i < inputs.length; i++) {
      if (inputs[i].checked) chosen.push(+inputs[i].value);
    }
    if (chosen.length === 0) {
      const err = document.getElementById('quiz-error');
      err.textContent = this.ui.needAnswer;
      err.hidden = false;
      this.announce(this.ui.needAnswer);
      if (inputs[0]) inputs[0].focus();
      return;
    }
    chosen.sort(function (a, b) { return a - b; });
    const key = this.key_();
    if (!key) return;
    s.answers[s.pos] = { chosen: chosen, correct: sameSet(chosen, key.correct) };
    s.phase = 'feedback';
    this.save();
    if (this.lms) this.lms.answer(this.current(), chosen, s.answers[s.pos].correct);
    this.app.setAttribute('data-state', s.phase);
    this.showFeedback(true);
  };

  // key_ unseals the current question, or shows that it cannot.
  Quiz.prototype.key_ = function () {
    const q = this.current();
    try {
      return unseal(this.data.salt, q.id, q.sealed);
    } catch (e) {
      const err = document.getElementById('quiz-error');
      if (err) {
        err.textContent = this.ui.broken;
        err.hidden = false;
      }
      this.announce(this.ui.broken);
      return null;
    }
  };

  Quiz.prototype.showFeedback = function (focus) {
    const ui = this.ui, s = this.state, q = this.current();
    const key = this.key_();
    if (!key) return;
    const answer = s.answers[s.pos];
    const choices = this.screen.querySelectorAll('.quiz-choice');
    for (let i = 0; i < choices.length; i++) {
      const c = choices[i];
      const orig = +c.getAttribute('data-choice');
      const input = c.querySelector('input');
      const isChosen = answer.chosen.indexOf(orig) >= 0;
      const isCorrect = key.correct.indexOf(orig) >= 0;
      input.checked = isChosen;
      input.disabled = true;
      let mark = '';
      if (isCorrect) mark = isChosen ? ui.markCorrectChosen : ui.markCorrectMissed;
      else if (isChosen) mark = ui.markWrongChosen;
      c.querySelector('.quiz-mark').textContent = mark;
      if (isCorrect) c.classList.add('is-correct');
      if (isChosen && !isCorrect) c.classList.add('is-wrong');
      if (isChosen) c.classList.add('is-chosen');
    }
    const submit = document.getElementById('quiz-submit');
    if (submit) submit.parentNode.removeChild(submit);
    const err = document.getElementById('quiz-error');
    if (err) err.hidden = true;

    const last = s.pos === s.order.length - 1;
    const next = el('button', { id: 'quiz-next', type: 'button', text: last ? ui.finish : ui.next });
    next.addEventListener('click', this.next.bind(this));
    const verdict = answer.correct ? ui.right : ui.wrong;
    const fb = el('div', { id: 'quiz-feedback', class: 'quiz-feedback ' + (answer.correct ? 'is-right' : 'is-wrong'), tabindex: '-1', 'data-correct': String(answer.correct) }, [
      el('p', { class: 'quiz-verdict', text: verdict }),
      el('h3', { class: 'quiz-explanation-heading', text: ui.explanation }),
      el('p', { class: 'quiz-explanation', text: key.explanation }),
      q.section ? el('p', { class: 'quiz-ref' }, [ui.related, sectionLink(q.section)]) : null,
      el('p', { class: 'quiz-actions' }, [next])
    ]);
    const slot = this.screen.querySelector('.quiz-feedback-slot');
    slot.textContent = '';
    slot.appendChild(fb);
    if (focus) {
      fb.focus();
      this.announce(verdict);
    }
  };

  Quiz.prototype.next = function () {
    const s = this.state;
    if (s.phase !== 'feedback') return;
    if (s.pos === s.order.length - 1) {
      s.phase = 'result';
      s.finished = todayISO();
      this.save();
      const sc = this.score();
      if (sc.passed) this.keepPass();
      if (this.lms) this.lms.result(sc, Date.now());
      this.renderResult(true);
      return;
    }
    s.pos++;
    s.phase = 'question';
    this.save();
    this.renderQuestion(true, false);
  };

  Quiz.prototype.score = function () {
    const s = this.state;
    const c = s.answers.filter(function (a) { return a.correct; }).length;
    const n = s.order.length;
    return { c: c, n: n, p: Math.floor((c * 100) / n), passed: c * 100 >= this.data.passMark * n };
  };

  Quiz.prototype.renderResult = function (focus) {
    const ui = this.ui, s = this.state, data = this.data, sc = this.score();
    const qs = data.questions;
    const review = el('ol', { class: 'quiz-review' }, s.order.map(function (qi, i) {
      const q = qs[qi], right = s.answers[i].correct;
      return el('li', { class: 'quiz-review-item ' + (right ? 'is-right' : 'is-wrong'), 'data-qid': q.id }, [
        el('span', { class: 'quiz-review-mark', text: right ? ui.reviewRight : ui.reviewWrong }),
        ' ',
        el('span', { class: 'quiz-review-prompt', text: q.prompt }),
        q.section ? el('span', { class: 'quiz-review-ref' }, [' ', ui.related, sectionLink(q.section)]) : null
      ]);
    }));
    const name = el('input', { id: 'cert-name', type: 'text', autocomplete: 'name', 'aria-describedby': 'cert-name-hint' });
    name.value = s.name;
    name.addEventListener('input', this.rename.bind(this));
    const retake = el('button', { id: 'quiz-retake', type: 'button', text: ui.retake });
    // A re-training attempt is taken again as it was: the same questions.
    retake.addEventListener('click', this.begin.bind(this, s.mode === 'retrain' ? s.order : null));
    let cert = null;
    if (sc.passed) {
      const print = el('button', { id: 'cert-print', type: 'button', text: ui.certPrint });
      print.addEventListener('click', function () { window.print(); });
      cert = el('section', { class: 'quiz-cert-panel', 'aria-labelledby': 'quiz-cert-heading' }, [
        el('h3', { id: 'quiz-cert-heading', text: ui.certHeading }),
        this.certificate(true),
        el('p', { class: 'quiz-actions' }, [print])
      ]);
    }
    const score = fill(ui.score, sc);
    const outcome = fill(sc.passed ? ui.passed : ui.failed, { m: data.passMark });
    const result = el('section', {
      id: 'quiz-result', class: 'quiz-result', tabindex: '-1', 'aria-labelledby': 'quiz-result-heading',
      'data-passed': String(sc.passed), 'data-correct': sc.c, 'data-total': sc.n
    }, [
      el('h2', { id: 'quiz-result-heading', text: ui.resultHeading }),
      s.mode === 'retrain' ? el('p', { class: 'quiz-scope', text: this.scope() }) : null,
      el('p', { class: 'quiz-score', text: score }),
      el('p', { class: 'quiz-outcome ' + (sc.passed ? 'is-pass' : 'is-fail'), text: outcome }),
      el('div', { class: 'quiz-name' }, [
        el('label', { for: 'cert-name', text: ui.nameLabel }),
        name,
        el('p', { id: 'cert-name-hint', class: 'quiz-hint', text: ui.nameHint })
      ]),
      cert,
      el('p', { class: 'quiz-downloads' }, [
        el('a', { id: 'download-json', class: 'button secondary', text: ui.downloadJSON }),
        ' ',
        el('a', { id: 'download-csv', class: 'button secondary', text: ui.downloadCSV })
      ]),
      el('h3', { text: ui.reviewHeading }),
      review,
      el('p', { class: 'quiz-actions' }, [retake])
    ]);
    this.show(result, focus ? result : null);
    this.printCopy(sc.passed);
    this.links();
    if (focus) this.announce(score + ' ' + outcome);
  };

  // certificate builds the certificate; only the on-screen one has ids.
  Quiz.prototype.certificate = function (withId) {
    const ui = this.ui, data = this.data, s = this.state, sc = this.score();
    const rev = function (r) { return r || ui.unknown; };
    const nameValue = el('span', { class: 'cert-name-value' + (s.name ? '' : ' is-blank'), text: s.name });
    return el('div', { id: withId ? 'quiz-certificate' : null, class: 'quiz-certificate' }, [
      el('p', { class: 'cert-title', text: ui.certTitle }),
      el('p', { class: 'cert-name' }, [nameValue, ui.certNameSuffix ? el('span', { class: 'cert-name-suffix', text: ui.certNameSuffix }) : null]),
      el('p', { class: 'cert-body', text: ui.certBody }),
      el('dl', { class: 'cert-details' }, [
        el('dt', { text: ui.certQuiz }), el('dd', { class: 'cert-quiz', text: data.title }),
        el('dt', { text: ui.certDate }), el('dd', { class: 'cert-date', text: formatDate(ui, s.finished) }),
        el('dt', { text: ui.certScore }), el('dd', { class: 'cert-score', text: fill(ui.certScoreValue, sc) }),
        s.mode === 'retrain' ? el('dt', { text: ui.scope }) : null,
        s.mode === 'retrain' ? el('dd', { class: 'cert-scope', text: this.scope() }) : null,
        el('dt', { text: ui.quizRevision }), el('dd', { class: 'cert-quiz-revision', text: rev(data.quizRevision) }),
        el('dt', { text: ui.policyRevision }), el('dd', { class: 'cert-policy-revision', text: rev(data.policyRevision) })
      ]),
      el('p', { class: 'cert-note', text: ui.certNote })
    ]);
  };

  // printCopy keeps a copy of the certificate directly under <body>, where
  // print CSS can show it alone on A4 while hiding the rest of the page.
  Quiz.prototype.printCopy = function (passed) {
    this.clearCertificate();
    if (!passed) return;
    document.body.appendChild(el('div', { id: 'quiz-print', class: 'quiz-print', 'aria-hidden': 'true' }, [this.certificate(false)]));
    document.documentElement.classList.add('quiz-has-cert');
  };

  Quiz.prototype.clearCertificate = function () {
    const old = document.getElementById('quiz-print');
    if (old) old.parentNode.removeChild(old);
    document.documentElement.classList.remove('quiz-has-cert');
  };

  Quiz.prototype.rename = function (ev) {
    const name = ev.target.value;
    this.state.name = name;
    this.save();
    const vals = document.querySelectorAll('.cert-name-value');
    for (let i = 0; i < vals.length; i++) {
      vals[i].textContent = name;
      vals[i].classList.toggle('is-blank', !name);
    }
    this.links();
  };

  // ---- Downloads (Blob + <a download>; nothing leaves the browser) ----

  Quiz.prototype.scope = function () {
    return this.state.mode === 'retrain' ? fill(this.ui.scopeRetrain, { n: this.state.order.length }) : this.ui.scopeFull;
  };

  Quiz.prototype.result = function () {
    const s = this.state, data = this.data, sc = this.score();
    return {
      quiz: data.quiz, lang: data.lang, title: data.title, name: s.name, date: s.finished, scope: s.mode,
      correct: sc.c, questions: sc.n, percent: sc.p, passMark: data.passMark, passed: sc.passed,
      quizRevision: data.quizRevision, policyRevision: data.policyRevision,
      quizCommit: data.quizCommit, quizDate: data.quizDate, policyCommit: data.policyCommit, policyDate: data.policyDate,
      answers: s.order.map(function (qi, i) {
        const q = data.questions[qi], a = s.answers[i];
        return { id: q.id, prompt: q.prompt, correct: a.correct, chosen: a.chosen.map(function (c) { return q.choices[c]; }) };
      })
    };
  };

  // csv is one header row and one row per attempt, so that a personnel
  // officer can paste many learners' rows under one header. The questions
  // answered wrongly are their prompts, one a line in the cell.
  Quiz.prototype.csv = function () {
    const r = this.result(), ui = this.ui;
    const wrong = r.answers.filter(function (a) { return !a.correct; }).map(function (a) { return a.prompt.replace(/\s+/g, ' '); }).join('\n');
    const row = [r.title, r.lang, r.name, r.date, this.scope(), r.correct, r.questions, r.percent, r.passMark,
      r.passed ? ui.resultPass : ui.resultFail, r.quizDate, r.quizCommit, r.policyDate, r.policyCommit, wrong];
    return csvText([ui.csvHeaders, row]);
  };

  Quiz.prototype.links = function () {
    if (typeof Blob === 'undefined' || !window.URL || !URL.createObjectURL) return;
    this.urls.forEach(function (u) { URL.revokeObjectURL(u); });
    this.urls = [];
    const base = this.data.quiz + '-' + this.data.lang + '-result-' + this.state.finished;
    const set = function (id, body, type, ext) {
      const a = document.getElementById(id);
      if (!a) return;
      const url = URL.createObjectURL(new Blob([body], { type: type }));
      this.urls.push(url);
      a.setAttribute('href', url);
      a.setAttribute('download', base + ext);
    }.bind(this);
    set('download-json', JSON.stringify(this.result(), null, 2) + '\n', 'application/json', '.json');
    set('download-csv', this.csv(), 'text/csv;charset=utf-8', '.csv');
  };

  function init() {
    const app = document.getElementById('quiz-app');
    const dataEl = document.getElementById('quiz-data');
    if (!app || !dataEl) return;
    const text = dataEl.textContent;
    let data;
    try { data = JSON.parse(text); } catch (e) { return; }
    if (!data || data.format !== 1 || !data.ui || !Array.isArray(data.questions) || data.questions.length === 0) return;
    const quiz = new Quiz(app, data, text);
    quiz.render(quiz.state.phase === 'question' || quiz.state.phase === 'feedback');
    if (quiz.lms) {
      // The last moment the SCO has: LMSFinish, with the session's time.
      window.addEventListener('pagehide', function () {
        quiz.lms.finish(Date.now(), quiz.state.phase === 'question' || quiz.state.phase === 'feedback');
      });
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
