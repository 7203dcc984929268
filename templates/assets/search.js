/*
 * search.js: the site search, for <lang>/search.html.
 *
 * It reads ?q= from the address, loads assets/search-index-<lang>.js with a
 * <script src> element (a classic script loads from file:// where fetch and
 * XHR cannot), and shows the matching sections. The index format and the
 * text rules are documented in generator/search (doc.go); normalize and
 * tokens below mirror Normalize and Tokens there exactly, and
 * generator/search's tests run both on the same inputs under node.
 *
 * Search: every query token must be in a section (AND); each candidate is
 * then confirmed against the section's normalised title and text, one query
 * part (a run between spaces and punctuation) at a time, so that bigrams
 * that happen to occur in a section without the words themselves never show.
 * Japanese parts match as substrings; alphabetic words match whole words
 * (by their plural-stripped stem in English). If nothing matches, a second,
 * labelled pass drops hiragana (particles, okurigana) and English filler
 * words, so that "可用性とは" still finds 可用性.
 *
 * Plain ES2017, no modules, no eval, no network, DOM built with
 * createElement and textContent only.
 */
(function () {
  'use strict';

  // ---- Normalisation (mirrors generator/search/normalize.go) ----

  var HALFWIDTH_KANA = '。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン';
  var DAKUTEN = pairs(
    'うかきくけこさしすせそたちつてとはひふへほゝウカキクケコサシスセソタチツテトハヒフヘホワヰヱヲヽ',
    'ゔがぎぐげござじずぜぞだぢづでどばびぶべぼゞヴガギグゲゴザジズゼゾダヂヅデドバビブベボヷヸヹヺヾ');
  var HANDAKUTEN = pairs('はひふへほハヒフヘホ', 'ぱぴぷぺぽパピプペポ');

  function pairs(from, to) {
    var f = Array.from(from), t = Array.from(to), m = new Map();
    f.forEach(function (c, i) { m.set(c.codePointAt(0), t[i].codePointAt(0)); });
    return m;
  }

  function isSpace(c) {
    return (c >= 0x09 && c <= 0x0D) || c === 0x20 || c === 0x85 || c === 0xA0 || c === 0x1680 ||
      (c >= 0x2000 && c <= 0x200A) || c === 0x2028 || c === 0x2029 || c === 0x202F ||
      c === 0x205F || c === 0x3000 || c === 0xFEFF;
  }

  // Only where Go's and the browser's Unicode tables agree: see doc.go.
  function lower(c) {
    if (c >= 0x41 && c <= 0x5A) return c + 0x20;
    if ((c >= 0xC0 && c < 0x590) || (c >= 0x1E00 && c < 0x2000)) {
      // Per character, so no context rule (final sigma) applies; İ lowers to
      // "i" plus a combining dot, of which Go keeps the "i".
      return String.fromCodePoint(c).toLowerCase().codePointAt(0);
    }
    return c;
  }

  function isSep(c) {
    if (c < 0x30) return true;
    if (c <= 0x39) return false;
    if (c < 0x41) return true;
    if (c <= 0x5A) return false;
    if (c < 0x61) return true;
    if (c <= 0x7A) return false;
    if (c < 0xC0) return true;
    if (c === 0xD7 || c === 0xF7) return true;
    if (c < 0x2000) return false;
    if (c < 0x2C00) return true;
    if (c >= 0x2E00 && c < 0x2E80) return true;
    if (c >= 0x3000 && c < 0x3040) {
      return c !== 0x3005 && c !== 0x3006 && c !== 0x3007 && c !== 0x303B && c !== 0x303C;
    }
    if (c === 0x309B || c === 0x309C || c === 0x30A0 || c === 0x30FB) return true;
    if (c >= 0xFE00 && c < 0xFE20) return true;
    if (c >= 0xFE30 && c < 0xFE70) return true;
    if (c >= 0xFF00 && c < 0xFF66) return true;
    if (c >= 0xFFE0 && c <= 0xFFFF) return true;
    if (c >= 0x1F000 && c < 0x1FB00) return true;
    return false;
  }

  // Alphabetic characters form whole words; the rest is cut into bigrams.
  function isWordChar(c) { return c < 0x2E80; }

  // normalizeMap returns the normalised text and, for each of its UTF-16
  // units and one past the end, the offset in s where it came from, so that
  // a match can be highlighted in the original text.
  function normalizeMap(s) {
    var out = [], from = [], space = false, spaceAt = 0, end = 0;
    var i = 0;
    while (i < s.length) {
      var c = s.codePointAt(i), n = c > 0xFFFF ? 2 : 1;
      if (c >= 0xD800 && c <= 0xDFFF) c = 0xFFFD; // lone surrogate, as Go's invalid UTF-8
      var start = i;
      i += n;
      var last = out.length ? out[out.length - 1] : -1;
      if (c === 0xFF9E || c === 0x3099) {
        if (!space && DAKUTEN.has(last)) { out[out.length - 1] = DAKUTEN.get(last); end = i; continue; }
        if (c === 0xFF9E) c = 0x309B;
      } else if (c === 0xFF9F || c === 0x309A) {
        if (!space && HANDAKUTEN.has(last)) { out[out.length - 1] = HANDAKUTEN.get(last); end = i; continue; }
        if (c === 0xFF9F) c = 0x309C;
      } else if (c >= 0xFF01 && c <= 0xFF5E) {
        c -= 0xFF01 - 0x21;
      } else if (c >= 0xFF61 && c <= 0xFF9D) {
        c = HALFWIDTH_KANA.charCodeAt(c - 0xFF61);
      }
      if (isSpace(c)) {
        if (!space && out.length) { space = true; spaceAt = start; }
        continue;
      }
      if (space) { out.push(0x20); from.push(spaceAt); space = false; }
      out.push(lower(c));
      from.push(start);
      end = i;
    }
    // Expand to UTF-16 units: astral characters take two.
    var text = '', map = [];
    for (var k = 0; k < out.length; k++) {
      var ch = String.fromCodePoint(out[k]);
      text += ch;
      map.push(from[k]);
      if (ch.length === 2) map.push(from[k]);
    }
    map.push(end);
    return { text: text, map: map };
  }

  function normalize(s) { return normalizeMap(s).text; }

  // runs returns the maximal runs of one class in normalised text t, as
  // {start, end, word} with UTF-16 offsets.
  function runs(t) {
    var out = [], cur = null;
    for (var i = 0; i < t.length;) {
      var c = t.codePointAt(i), n = c > 0xFFFF ? 2 : 1;
      var sep = isSep(c), word = isWordChar(c);
      if (cur && (sep || word !== cur.word)) { cur.end = i; out.push(cur); cur = null; }
      if (!sep && !cur) cur = { start: i, end: 0, word: word };
      i += n;
    }
    if (cur) { cur.end = t.length; out.push(cur); }
    return out;
  }

  // stem mirrors stem in tokens.go: English plurals only.
  function stem(w) {
    var n = Array.from(w).length;
    if (n > 4 && /ies$/.test(w)) return w.slice(0, -3) + 'y';
    if (/sses$/.test(w)) return w.slice(0, -2);
    if (n > 3 && /s$/.test(w) && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
    return w;
  }

  function tokens(lang, s) {
    var t = normalize(s), toks = [];
    runs(t).forEach(function (r) {
      var run = t.slice(r.start, r.end);
      if (r.word) { toks.push(lang === 'en' ? stem(run) : run); return; }
      var cs = Array.from(run);
      if (cs.length === 1) { toks.push(run); return; }
      for (var i = 0; i + 1 < cs.length; i++) toks.push(cs[i] + cs[i + 1]);
    });
    return toks;
  }

  // ---- Searching ----

  var prepared = new WeakMap();

  function prepare(index) {
    var p = prepared.get(index);
    if (p) return p;
    var terms = new Map(), cjk = [];
    Object.keys(index.terms).forEach(function (key) {
      var list = [], n = 0;
      key.split(',').forEach(function (d) { n += Number(d); list.push(n); });
      index.terms[key].split(' ').forEach(function (term) {
        terms.set(term, list);
        if (!isWordChar(term.codePointAt(0))) cjk.push(term);
      });
    });
    var sections = index.sections.map(function (s, i) {
      return { n: i, docTitle: index.docs[s[0]], url: s[1], title: field(s[2]), text: field(s[3]) };
    });
    p = { lang: index.lang, terms: terms, cjk: cjk, sections: sections };
    prepared.set(index, p);
    return p;
  }

  function field(s) {
    var m = normalizeMap(s);
    return { raw: s, norm: m.text, map: m.map, runs: runs(m.text) };
  }

  // postings returns the sections that contain token tok, as a Set. A
  // single kana or kanji matches every term that contains it: the index has
  // it only inside bigrams (or alone, as a one-character run).
  function postings(p, tok) {
    var out = new Set();
    var add = function (list) { list.forEach(function (n) { out.add(n); }); };
    if (Array.from(tok).length === 1 && !isWordChar(tok.codePointAt(0))) {
      p.cjk.forEach(function (term) { if (term.indexOf(tok) >= 0) add(p.terms.get(term)); });
    } else if (p.terms.has(tok)) {
      add(p.terms.get(tok));
    }
    return out;
  }

  // occurrences returns where the query part (normalised, without
  // separators) occurs in field f, as [start, end) offsets in f.norm.
  function occurrences(lang, f, part) {
    var key = function (w) { return lang === 'en' ? stem(w) : w; };
    var pr = runs(part), found = [];
    if (pr.length === 1 && !pr[0].word) { // kana and kanji: a substring
      for (var at = f.norm.indexOf(part); at >= 0; at = f.norm.indexOf(part, at + part.length)) {
        found.push([at, at + part.length]);
      }
      return found;
    }
    // Otherwise match run by run: words whole (by stem in English), a
    // leading kana/kanji segment as the end of a run, a trailing one as the
    // start of a run, runs adjacent as in the query.
    var fr = f.runs, k = pr.length;
    for (var i = 0; i + k <= fr.length; i++) {
      var start = fr[i].start, end = 0, ok = true;
      for (var j = 0; j < k && ok; j++) {
        var r = fr[i + j], q = pr[j];
        var rt = f.norm.slice(r.start, r.end), qt = part.slice(q.start, q.end);
        if (r.word !== q.word || (j > 0 && fr[i + j - 1].end !== r.start)) { ok = false; break; }
        if (q.word) {
          ok = key(rt) === key(qt);
          end = r.end;
        } else if (j === 0) {
          ok = rt.slice(rt.length - qt.length) === qt;
          start = r.end - qt.length;
          end = r.end;
        } else if (j === k - 1) {
          ok = rt.slice(0, qt.length) === qt;
          end = r.start + qt.length;
        } else {
          ok = rt === qt;
          end = r.end;
        }
      }
      if (ok) found.push([start, end]);
    }
    return found;
  }

  // queryParts cuts a query into its normalised runs between white space
  // and punctuation.
  function queryParts(q) {
    var t = normalize(q), parts = [];
    t.split(' ').forEach(function (w) {
      var cur = '';
      Array.from(w).forEach(function (ch) {
        if (isSep(ch.codePointAt(0))) { if (cur) parts.push(cur); cur = ''; } else cur += ch;
      });
      if (cur) parts.push(cur);
    });
    return parts;
  }

  function searchParts(p, parts) {
    var toks = [];
    parts.forEach(function (part) { toks = toks.concat(tokens(p.lang, part)); });
    if (!toks.length) return [];
    var cand = null;
    toks.forEach(function (tok) {
      var s = postings(p, tok);
      cand = cand === null ? s : new Set(Array.from(cand).filter(function (n) { return s.has(n); }));
    });
    var hits = [];
    Array.from(cand).forEach(function (n) {
      var sec = p.sections[n], inTitle = 0, count = 0, inText = [];
      for (var i = 0; i < parts.length; i++) {
        var t = occurrences(p.lang, sec.title, parts[i]), x = occurrences(p.lang, sec.text, parts[i]);
        if (!t.length && !x.length) return; // a bigram coincidence: not a hit
        if (t.length) inTitle++;
        count += t.length + x.length;
        inText = inText.concat(x.map(function (m) { return [m[0], m[1], i]; }));
      }
      hits.push({ sec: sec, inTitle: inTitle, count: count, marks: inText });
    });
    hits.sort(function (a, b) {
      return (b.inTitle - a.inTitle) || (b.count - a.count) || (a.sec.n - b.sec.n);
    });
    return hits;
  }

  // Words dropped by the second pass: they carry no subject.
  var FILLER = new Set(('a an the is are was were be been what which who whom how when where why ' +
    'can could may might must should shall will would do does did i we you it its this that these ' +
    'those of to in on for with by from at as or and about there any some').split(' '));

  // relax splits parts where the script changes and drops hiragana and
  // filler words: "可用性とは" → 可用性, "USBメモリは持ち出せる" → usb メモリ 持 出.
  function relax(parts) {
    var out = [];
    var script = function (c) {
      if (isWordChar(c)) return 'w';
      if (c >= 0x3041 && c <= 0x309F) return 'h';
      if ((c >= 0x30A1 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF)) return 'k';
      return 'o';
    };
    parts.forEach(function (part) {
      var cur = '', cs = null;
      var flush = function () {
        if (cur && cs !== 'h' && !(cs === 'w' && FILLER.has(cur))) out.push(cur);
        cur = '';
      };
      Array.from(part).forEach(function (ch) {
        var s = script(ch.codePointAt(0));
        if (s !== cs) { flush(); cs = s; }
        cur += ch;
      });
      flush();
    });
    return out;
  }

  // snippet returns about width characters of text around the first match,
  // as [{text, mark}] pieces, with "…" where the text is cut.
  function snippet(f, marks, width) {
    var raw = f.raw;
    if (!raw) return [];
    var spans = marks.map(function (m) { return [f.map[m[0]], f.map[m[1]], m[2]]; })
      .sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    // Start at the first match after which the most query parts show.
    var first = 0, best = 0;
    spans.forEach(function (a) {
      var parts = new Set();
      spans.forEach(function (b) { if (b[0] >= a[0] && b[1] <= a[0] + width - width / 3) parts.add(b[2]); });
      if (parts.size > best) { best = parts.size; first = a[0]; }
    });
    var start = Math.max(0, Math.min(first - Math.floor(width / 3), raw.length - width));
    var end = Math.min(raw.length, start + width);
    // Do not cut an English word (unless it is very long) or a surrogate pair.
    var inWord = function (i) { return /[A-Za-z0-9]/.test(raw.charAt(i - 1)) && /[A-Za-z0-9]/.test(raw.charAt(i)); };
    for (var k = 0; k < 15 && start > 0 && start < first && inWord(start); k++) start++;
    if (inWord(start)) start = Math.max(0, start - k);
    for (k = 0; k < 15 && end < raw.length && inWord(end); k++) end--;
    if (inWord(end)) end += k;
    if (/[\uDC00-\uDFFF]/.test(raw.charAt(start))) start--;
    if (/[\uDC00-\uDFFF]/.test(raw.charAt(end))) end++;
    while (start < first && /\s/.test(raw.charAt(start))) start++;
    while (end > start && /\s/.test(raw.charAt(end - 1))) end--;
    var out = [], at = start;
    var push = function (text, mark) { if (text) out.push({ text: text, mark: mark }); };
    if (start > 0) push('…', false);
    spans.forEach(function (s) {
      var a = Math.max(s[0], at), b = Math.min(s[1], end);
      if (a >= b) return;
      push(raw.slice(at, a), false);
      push(raw.slice(a, b), true);
      at = b;
    });
    push(raw.slice(at, end), false);
    if (end < raw.length) push('…', false);
    return out;
  }

  // subsets returns the k-element subsets of xs, in order.
  function subsets(xs, k) {
    if (k === 0) return [[]];
    var out = [];
    for (var i = 0; i + k <= xs.length; i++) {
      subsets(xs.slice(i + 1), k - 1).forEach(function (rest) { out.push([xs[i]].concat(rest)); });
    }
    return out;
  }

  // search runs query against index (an object registered by a
  // search-index-<lang>.js file) and returns {parts, relaxed, results}:
  // relaxed is null or the parts that the second pass searched for, and
  // each result is {url, docTitle, title, snippet}.
  function search(index, query, width) {
    var p = prepare(index);
    var parts = queryParts(query), relaxed = null;
    var hits = searchParts(p, parts);
    if (!hits.length) {
      var r = relax(parts);
      if (r.length && r.join(' ') !== parts.join(' ')) {
        hits = searchParts(p, r);
        if (hits.length) relaxed = r;
      }
      // Still nothing: a question such as 「USBメモリは持ち出せる?」 names
      // things the policy does not. Drop as few parts as possible, and take
      // the combination that finds the most sections.
      for (var k = r.length - 1; !hits.length && k > 0 && r.length <= 8; k--) {
        subsets(r, k).forEach(function (sub) {
          var h = searchParts(p, sub);
          if (h.length > hits.length) {
            hits = h;
            relaxed = sub;
          }
        });
      }
    }
    return {
      parts: parts,
      relaxed: relaxed,
      results: hits.map(function (h) {
        return {
          url: h.sec.url,
          docTitle: h.sec.docTitle,
          title: h.sec.title.raw,
          snippet: snippet(h.sec.text, h.marks, width || 80)
        };
      })
    };
  }

  var api = { normalize: normalize, normalizeMap: normalizeMap, tokens: tokens, stem: stem, search: search };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  if (typeof document === 'undefined') return;

  // ---- The search page ----

  // fill replaces {name} in s with vars[name].
  function fill(s, vars) {
    return String(s).replace(/\{(\w+)\}/g, function (m, k) {
      return Object.prototype.hasOwnProperty.call(vars, k) ? String(vars[k]) : m;
    });
  }

  // The page's texts come from Go (generator/search ScriptUI), as JSON in
  // <script type="application/json" id="search-ui">.
  function pageUI() {
    var el = document.getElementById('search-ui');
    try {
      return el ? JSON.parse(el.textContent) : null;
    } catch (err) {
      return null;
    }
  }

  function init() {
    var form = document.getElementById('search-form');
    var input = document.getElementById('search-q');
    var status = document.getElementById('search-status');
    var list = document.getElementById('search-results');
    var ui = pageUI();
    if (!form || !input || !status || !list || !ui) return;
    var root = document.documentElement;
    var lang = /^en\b/i.test(root.lang) ? 'en' : 'ja';
    var results = function (q, n) { return fill(n === 1 ? ui.resultsOne : ui.results, { q: q, n: n }); };
    var latest = '', waiting = null;

    function loadIndex(done) {
      var reg = window.PolicySearchIndex;
      if (reg && reg[lang]) { done(reg[lang]); return; }
      if (waiting) { waiting.push(done); return; }
      waiting = [done];
      var s = document.createElement('script');
      s.src = (root.getAttribute('data-root') || '') + 'assets/search-index-' + lang + '.js';
      s.onload = s.onerror = function () {
        var idx = (window.PolicySearchIndex && window.PolicySearchIndex[lang]) || null;
        var cbs = waiting;
        waiting = null;
        if (!idx && s.parentNode) s.parentNode.removeChild(s); // let a later search retry
        cbs.forEach(function (cb) { cb(idx); });
      };
      document.head.appendChild(s);
    }

    function show(q, res) {
      while (list.firstChild) list.removeChild(list.firstChild);
      res.results.forEach(function (r) {
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.setAttribute('href', r.url);
        a.textContent = r.docTitle && r.docTitle !== r.title ? r.docTitle + ' — ' + r.title : r.title;
        li.appendChild(a);
        if (r.snippet.length) {
          var p = document.createElement('p');
          p.className = 'search-snippet';
          r.snippet.forEach(function (piece) {
            if (piece.mark) {
              var m = document.createElement('mark');
              m.textContent = piece.text;
              p.appendChild(m);
            } else {
              p.appendChild(document.createTextNode(piece.text));
            }
          });
          li.appendChild(p);
        }
        list.appendChild(li);
      });
      var n = res.results.length;
      status.textContent = res.relaxed ? fill(ui.relaxed, { q: q, results: results(res.relaxed.join(' '), n) })
        : n ? results(q, n) : fill(ui.none, { q: q });
    }

    function run(raw, submitted) {
      var q = raw.replace(/\s+/g, ' ').trim();
      latest = q;
      if (!q) {
        while (list.firstChild) list.removeChild(list.firstChild);
        status.textContent = submitted ? ui.empty : '';
        return;
      }
      var ready = window.PolicySearchIndex && window.PolicySearchIndex[lang];
      if (!ready) status.textContent = ui.loading;
      loadIndex(function (idx) {
        if (q !== latest) return; // a newer search is under way
        if (!idx) { status.textContent = ui.error; return; }
        show(q, search(idx, q, ui.width));
      });
    }

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      run(input.value, true);
      try {
        history.replaceState(null, '', '?' + new URLSearchParams({ q: input.value }).toString());
      } catch (err) {
        // Some browsers refuse replaceState on file:// URLs; the results show anyway.
      }
    });

    var q = new URLSearchParams(location.search).get('q') || '';
    input.value = q;
    run(q, false);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
