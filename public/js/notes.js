// The note form's enhancements (the form works without them): the note being written is kept in
// this browser as a draft, so a crashed tab or a lost connection loses nothing; Ctrl+Enter saves.
(function () {
  // A delete button asks first (without JavaScript it deletes at once).
  document.querySelectorAll('form[data-confirm]').forEach(function (f) {
    f.addEventListener('submit', function (e) {
      if (!window.confirm(f.getAttribute('data-confirm'))) e.preventDefault();
    });
  });
  var form = document.querySelector('form[data-draft-key]');
  if (!form) return;
  document.documentElement.classList.add('cp-js');
  var key = form.getAttribute('data-draft-key');
  var body = form.querySelector('#body');
  var status = form.querySelector('[data-draft-status]');
  var store;
  try {
    store = window.localStorage;
    store.getItem(key);
  } catch (e) {
    store = null; // storage refused (private mode, policy): no autosave
  }
  var say = function (text) {
    if (status && status.textContent !== text) status.textContent = text;
  };

  // Back from a save: the draft is the note just stored. Drop the marker from the address, so a
  // reload later does not drop a newer draft.
  var url = new URL(window.location.href);
  if (url.searchParams.has('saved')) {
    if (store) store.removeItem(key);
    url.searchParams.delete('saved');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    // The anchor brought the form into view; autofocus does not run on an anchored page, and
    // scrolling to the anchor moves the focus, so the text box takes it once the page is loaded.
    if (body) {
      body.focus();
      window.addEventListener('load', function () {
        body.focus();
      });
    }
  } else if (store && body && !body.value) {
    var kept = null;
    try {
      kept = JSON.parse(store.getItem(key) || 'null');
    } catch (e) {
      kept = null;
    }
    if (kept && typeof kept.body === 'string' && kept.body) {
      body.value = kept.body;
      say('Your unsaved draft was restored from this browser.');
    }
  }

  var timer = null;
  var keep = function () {
    timer = null;
    if (!store) return;
    if (body.value.trim()) {
      store.setItem(key, JSON.stringify({ body: body.value, at: new Date().toISOString() }));
      say('Draft kept in this browser until you save.');
    } else {
      store.removeItem(key);
    }
  };
  body.addEventListener('input', function () {
    if (timer) clearTimeout(timer);
    timer = setTimeout(keep, 400);
  });
  // Leaving or submitting: keep the last keystrokes too (the server's answer clears it).
  form.addEventListener('submit', function () {
    if (timer) clearTimeout(timer);
    keep();
  });
  body.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      if (form.requestSubmit) form.requestSubmit();
      else form.submit();
    }
  });
})();
