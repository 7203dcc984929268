/* site.js: behaviour shared by every page. Plain script, no network.
   The language switch keeps the reader's place: it carries the section the
   reader is looking at (the URL fragment, or the last heading scrolled past)
   to the same section ID in the other language. */
(function () {
  'use strict';
  function currentSection() {
    if (location.hash.length > 1) {
      return location.hash.slice(1);
    }
    var heads = document.querySelectorAll('main h2[id], main h3[id], main h4[id]');
    var id = '';
    for (var i = 0; i < heads.length; i++) {
      if (heads[i].getBoundingClientRect().top > 80) {
        break;
      }
      id = heads[i].id;
    }
    return id;
  }
  function keepPlace(ev) {
    var a = ev.currentTarget;
    var id = currentSection();
    if (!id || id === 'main') {
      return;
    }
    var base = a.getAttribute('href').split('#')[0];
    a.setAttribute('href', base + '#' + encodeURIComponent(id));
  }
  document.addEventListener('DOMContentLoaded', function () {
    var sw = document.querySelector('a.lang-switch');
    if (sw && document.body.classList.contains('kind-document')) {
      sw.addEventListener('click', keepPlace);
      sw.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') { keepPlace(ev); } });
    }
  });
})();
