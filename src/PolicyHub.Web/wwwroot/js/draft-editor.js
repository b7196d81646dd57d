// The draft editor's honesty about what is saved: "Not saved yet" while typing, the server's answer after each
// autosave (htmx, #draft-status), a warning before leaving with unsaved changes, and no further autosaves after a
// conflict (the author decides what to keep). No inline script: the page's CSP allows scripts from 'self' only.
(function () {
  'use strict';
  const form = document.getElementById('draft-form');
  const status = document.getElementById('draft-status');
  if (!form || !status) {
    return;
  }

  let edits = 0;
  let saved = 0;
  let sent = 0;
  let leaving = false;
  let stopped = false;

  function say(state, text) {
    let line = document.getElementById('draft-status-text');
    if (!line) {
      line = document.createElement('span');
      line.id = 'draft-status-text';
      status.replaceChildren(line);
    }
    line.dataset.state = state;
    line.className = state === 'saved' ? 'text-success' : 'text-danger';
    line.textContent = text;
  }

  function changed() {
    edits++;
    if (!stopped) {
      say('unsaved', status.dataset.unsaved);
    }
  }

  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  form.addEventListener('submit', function () { leaving = true; });

  document.body.addEventListener('htmx:beforeRequest', function (event) {
    if (event.detail.elt !== status) {
      return;
    }
    if (stopped) {
      event.preventDefault();
      return;
    }
    sent = edits;
  });

  document.body.addEventListener('htmx:afterRequest', function (event) {
    if (event.detail.elt !== status) {
      return;
    }
    const code = event.detail.xhr ? event.detail.xhr.status : 0;
    if (code >= 200 && code < 300) {
      saved = sent;
      if (edits !== saved) {
        say('unsaved', status.dataset.unsaved);
      }
    } else if (code === 409) {
      stopped = true;
    } else if (code !== 422) {
      say('failed', status.dataset.failed);
    }
  });

  window.addEventListener('beforeunload', function (event) {
    if (!leaving && edits !== saved) {
      event.preventDefault();
      event.returnValue = '';
    }
  });
}());
