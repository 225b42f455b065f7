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

/** A message area: call show(text, kind) with kind 'error', 'ok' or 'info'; clear() hides it. */
export function messageArea() {
  const box = el('p', { class: 'message', role: 'status', hidden: true });
  return {
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
  };
}
