// reload.js is added to every page the preview serves (never to public/). It
// asks the preview server whether the site has been rebuilt since this page
// was served, and reloads the page when it has.
//
// The question is a long poll: /_preview/version?since=N answers when the
// version is no longer N, or after a while with N. Only a visible tab asks,
// because a browser opens at most six connections to one server and each
// waiting question holds one: a hidden tab asks again when it is shown.
(function () {
  'use strict';
  var script = document.currentScript;
  var version = script && script.getAttribute('data-version');
  if (!version || !window.fetch || !window.AbortController) {
    return;
  }
  var lost = false; // the server was unreachable: reload once it is back
  var pending = null; // AbortController of the question in flight

  function poll() {
    if (pending || document.hidden) {
      return;
    }
    var ctl = new AbortController();
    pending = ctl;
    fetch('/_preview/version?since=' + encodeURIComponent(version), {cache: 'no-store', signal: ctl.signal})
      .then(function (resp) {
        if (!resp.ok) {
          throw new Error('HTTP ' + resp.status);
        }
        return resp.text();
      })
      .then(function (text) {
        if (ctl.signal.aborted) {
          return;
        }
        pending = null;
        if (lost || text.trim() !== version) {
          location.reload();
          return;
        }
        poll();
      }, function () {
        if (ctl.signal.aborted) {
          return; // hidden; asked again when shown
        }
        pending = null;
        lost = true;
        setTimeout(poll, 1000);
      });
  }

  document.addEventListener('visibilitychange', function () {
    if (document.hidden) {
      if (pending) {
        pending.abort();
        pending = null;
      }
    } else {
      poll();
    }
  });
  poll();
})();
