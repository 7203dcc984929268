/* site.js: behaviour shared by every page. Plain script, no network.
   The language switch keeps the reader's place: its link always carries the
   section the reader is looking at (the last heading scrolled past, else the
   URL fragment) to the same section ID in the other language. Section IDs
   are the same in both languages by construction (the build checks it). */
(function () {
  'use strict';
  function headerHeight() {
    var h = document.querySelector('.site-header');
    if (!h || getComputedStyle(h).position !== 'sticky') {
      return 0;
    }
    return h.getBoundingClientRect().height;
  }
  function currentSection() {
    var heads = document.querySelectorAll('main h2[id], main h3[id], main h4[id]');
    var limit = headerHeight() + 24;
    var id = '';
    for (var i = 0; i < heads.length; i++) {
      if (heads[i].getBoundingClientRect().top > limit) {
        break;
      }
      id = heads[i].id;
    }
    if (!id && location.hash.length > 1 && window.scrollY > 0) {
      id = decodeURIComponent(location.hash.slice(1));
    }
    return id === 'toc-heading' ? '' : id;
  }
  document.addEventListener('DOMContentLoaded', function () {
    var sw = document.querySelector('a.lang-switch');
    if (!sw || !document.body.classList.contains('kind-document')) {
      return;
    }
    var base = sw.getAttribute('href').split('#')[0];
    var pending = false;
    function update() {
      pending = false;
      var id = currentSection();
      sw.setAttribute('href', id ? base + '#' + encodeURIComponent(id) : base);
    }
    function schedule() {
      if (!pending) {
        pending = true;
        window.requestAnimationFrame(update);
      }
    }
    window.addEventListener('scroll', schedule, {passive: true});
    window.addEventListener('hashchange', schedule);
    window.addEventListener('load', schedule);
    sw.addEventListener('focus', update);
    sw.addEventListener('mousedown', update);
    update();
  });
})();
