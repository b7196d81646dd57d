// The assign form's people picker: the server finds people as HR types (htmx fills #people-matches); "Add" puts a
// person into the audience as a chip with a hidden MemberIds field, the chip's × takes them out again. Every change
// tells the form, so the live audience count follows. No inline script: the page's CSP allows scripts from 'self' only.
(function () {
  'use strict';
  const chosen = document.getElementById('chosen-people');
  const matches = document.getElementById('people-matches');
  const form = document.getElementById('assign-form');
  if (!chosen || !matches || !form) {
    return;
  }

  function changed() {
    form.dispatchEvent(new Event('change', { bubbles: true }));
  }

  function mark() {
    const ids = new Set(Array.from(chosen.querySelectorAll('[data-person]')).map(c => c.dataset.person));
    matches.querySelectorAll('[data-add-person]').forEach(button => {
      const added = ids.has(button.dataset.addPerson);
      button.dataset.add ??= button.textContent;
      button.dataset.label ??= button.getAttribute('aria-label');
      button.textContent = added ? button.dataset.added : button.dataset.add;
      // The accessible name starts with the words shown: "Add Ben Schwarz", "Added: Ben Schwarz".
      button.setAttribute('aria-label', added ? `${button.dataset.added}: ${button.dataset.name}` : button.dataset.label);
      button.disabled = added;
      button.setAttribute('aria-pressed', added ? 'true' : 'false');
    });
  }

  matches.addEventListener('click', event => {
    const button = event.target.closest('[data-add-person]');
    if (!button || chosen.querySelector(`[data-person="${CSS.escape(button.dataset.addPerson)}"]`)) {
      return;
    }

    const chip = document.createElement('span');
    chip.className = 'chip chip-chosen';
    chip.dataset.person = button.dataset.addPerson;
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = 'MemberIds';
    input.value = button.dataset.addPerson;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'btn-close btn-close-sm ms-1';
    remove.dataset.removePerson = '';
    remove.setAttribute('aria-label', (chosen.dataset.removeLabel || 'Remove {0}').replace('{0}', button.dataset.name));
    chip.append(input, document.createTextNode(button.dataset.name), remove);
    chosen.append(chip);
    mark();
    changed();
  });

  chosen.addEventListener('click', event => {
    const remove = event.target.closest('[data-remove-person]');
    if (!remove) {
      return;
    }

    remove.closest('[data-person]').remove();
    mark();
    changed();
    document.getElementById('people-search')?.focus();
  });

  // A page of matches (or the next one) arrived: show who is in already.
  document.body.addEventListener('htmx:afterSwap', mark);
})();
