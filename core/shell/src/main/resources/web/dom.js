// Small DOM functions for the shell and its views. Text always goes in as text
// (textContent), never as markup: the data shown here comes from other people.

/**
 * Creates an element. `attributes` are set as attributes, except `class`
 * (className), `dataset` (an object of data-* values) and `on` (an object of
 * event listeners). Children are nodes or strings (inserted as text).
 */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') {
      element.className = value;
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (name === 'on') {
      for (const [event, listener] of Object.entries(value)) element.addEventListener(event, listener);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Formats an ISO instant for people, in the browser's locale and zone. */
export function formatInstant(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/**
 * A message area: call show(text, kind) with kind 'error', 'ok' or 'info'; clear()
 * hides it; change(call, reload) runs a change, shows what went wrong, and redraws
 * with `reload` either way.
 */
export function messageArea() {
  const box = el('p', { class: 'message', role: 'status', hidden: true });
  const area = {
    element: box,
    show(text, kind = 'info') {
      box.textContent = text;
      box.className = `message message-${kind}`;
      box.hidden = false;
    },
    clear() {
      box.textContent = '';
      box.hidden = true;
    },
    async change(call, reload) {
      try {
        await call();
      } catch (error) {
        area.show(error.message, 'error');
      }
      await reload();
    },
  };
  return area;
}

/** How long a destructive button waits for its confirming second click. */
const CONFIRM_MS = 4000;

/**
 * A destructive button that asks for a second click: the first click changes its
 * label to `confirmLabel`, a second one within a few seconds runs `action`.
 */
export function confirmButton(label, confirmLabel, action, attributes = {}) {
  const button = el('button', { type: 'button', class: 'danger', ...attributes }, label);
  let timer = null;
  button.addEventListener('click', () => {
    if (timer) {
      clearTimeout(timer);
      timer = null;
      button.textContent = label;
      action();
      return;
    }
    button.textContent = confirmLabel;
    timer = setTimeout(() => {
      timer = null;
      button.textContent = label;
    }, CONFIRM_MS);
  });
  return button;
}

/**
 * Marks the inputs of `form` named by an error's field (`credentials.appPassword`,
 * `workspaces[2]` → `workspaces`) and focuses the first; clears earlier marks.
 */
export function markInvalid(form, field) {
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  if (!field) return;
  const name = field.replace(/\[\d+\]$/, '');
  let first = null;
  for (const input of form.querySelectorAll('input, select')) {
    if (input.name === name) {
      input.setAttribute('aria-invalid', 'true');
      first = first || input;
    }
  }
  if (first) first.focus();
}
