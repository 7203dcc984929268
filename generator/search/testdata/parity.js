// parity.js is run by TestJSParity: node parity.js <search.js> <request.json>.
// It answers with the same computations done by templates/assets/search.js,
// for the Go test to compare with Normalize, Tokens and its expectations.
'use strict';
const fs = require('fs');
const vm = require('vm');
const s = require(process.argv[2]);
const req = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
const out = {
  normalize: req.normalize.map((x) => s.normalize(x)),
  tokens: req.tokens.map(([lang, x]) => s.tokens(lang, x)),
  codePoints: [],
  searches: [],
};
for (let c = req.codePoints[0]; c <= req.codePoints[1]; c++) {
  const ch = String.fromCodePoint(c);
  out.codePoints.push(s.normalize(ch) + '\t' + s.tokens('ja', 'あ' + ch + 'い').join('|'));
}
const indexes = {};
for (const [lang, file] of Object.entries(req.indexes)) {
  // The index is a classic script: run it as a browser would, with a window.
  const ctx = { window: {} };
  vm.runInNewContext(fs.readFileSync(file, 'utf8'), ctx, { filename: file });
  indexes[lang] = ctx.window.PolicySearchIndex[lang];
}
for (const q of req.searches) {
  const r = s.search(indexes[q.lang], q.query, q.width);
  out.searches.push({
    relaxed: r.relaxed ? r.relaxed.join(' ') : '',
    results: r.results.map((x) => ({
      url: x.url,
      link: x.docTitle + ' — ' + x.title,
      snippet: x.snippet.map((p) => (p.mark ? '[' + p.text + ']' : p.text)).join(''),
    })),
  });
}
process.stdout.write(JSON.stringify(out));
