// The Moderation part of the Listening view: the workspace's charter (words and
// phrases it does not want in what it receives, publishes or answers; one per
// line) and its moderation rules (conditions on an incoming mention, all of which
// must hold, and an action), in the order they apply. Those who may manage
// moderation change them; the others read them.

import { api } from '/web/api.js';
import { confirmButton, el, markInvalid } from '/web/dom.js';

const ACTIONS = Object.freeze({
  LABEL: 'Add the label',
  ASSIGN: 'Assign to',
  ESCALATE: 'Escalate (raise an alert)',
  CLOSE: 'Close at once',
  HIDE: 'Hide it on the network',
  DELETE: 'Delete it on the network',
});

/**
 * The moderation panel of workspace `path` (/workspaces/<id>): `queries` and
 * `sources` name the conditions, `members` the people to assign to, `message` tells
 * what happened, and `manages` shows the controls.
 */
export function moderationPanel({ path, queries, sources, members, manages, message }) {
  const panel = el('section', { class: 'moderation' });
  const draw = async () => {
    let charter;
    let rules;
    try {
      [charter, rules] = await Promise.all([api('GET', `${path}/charter`), api('GET', `${path}/moderation-rules`)]);
    } catch (error) {
      panel.replaceChildren(el('p', { class: 'muted' }, `Moderation unavailable: ${error.message}`));
      return;
    }
    panel.replaceChildren(
      el('h2', {}, 'Moderation'),
      charterForm(charter, manages, async (terms) => {
        await api('PUT', `${path}/charter`, { terms });
        message.show(terms.length === 0 ? 'The charter is empty.' : 'The charter is saved: incoming mentions,'
          + ' posts and answers are checked against it.', 'ok');
        await draw();
      }, message),
      el('h3', {}, 'Rules'),
      rules.length === 0 ? el('p', { class: 'muted', dataset: { empty: 'moderation-rules' } }, 'No rule.')
        : el('ol', { class: 'moderation-rules' }, rules.map((rule) => ruleRow(rule, { path, queries, sources, members,
          manages, message, draw }))),
      manages ? ruleForm({ path, queries, sources, members, message, draw }) : null);
  };
  draw();
  return panel;
}

function charterForm(charter, manages, save, message) {
  const terms = el('textarea', {
    name: 'terms', rows: 4, readonly: !manages, 'aria-label': 'Charter terms, one per line',
  });
  terms.value = charter.terms.join('\n');
  const form = el('form', { id: 'charter', class: 'panel stacked' },
    el('h3', {}, 'Charter'),
    el('p', { class: 'muted' }, 'Words and phrases, one per line, found without case or accents as whole words.'),
    terms,
    manages ? el('div', {}, el('button', { type: 'submit', class: 'primary' }, 'Save the charter')) : null);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await save(terms.value.split('\n').map((t) => t.trim()).filter((t) => t !== ''));
      markInvalid(form, null);
    } catch (error) {
      markInvalid(form, error.field);
      message.show(error.message, 'error');
    }
  });
  return form;
}

function ruleRow(rule, { path, queries, sources, members, manages, message, draw }) {
  const conditions = [
    rule.query ? `matches “${(queries.find((q) => q.id === rule.query) || {}).name || rule.query}”` : null,
    rule.sentiment ? `is ${rule.sentiment}` : null,
    rule.author ? `is by ${rule.author}` : null,
    rule.source ? `comes from ${(sources.find((s) => s.id === rule.source) || {}).name || rule.source}` : null,
    rule.language ? `is in ${rule.language}` : null,
    rule.charter ? 'breaks the charter' : null,
  ].filter(Boolean).join(' and ');
  const argument = rule.action === 'ASSIGN'
    ? ` ${(members.find((m) => m.personId === rule.argument) || {}).displayName || rule.argument}`
    : rule.argument ? ` “${rule.argument}”` : '';
  const toggle = manages ? el('button', { type: 'button' }, rule.enabled ? 'Turn off' : 'Turn on') : null;
  toggle?.addEventListener('click', () => change(() => api('PUT',
    `${path}/moderation-rules/${encodeURIComponent(rule.id)}`, { enabled: !rule.enabled }), message, draw));
  const remove = manages ? confirmButton('Remove', 'Remove for good?', () => change(() => api('DELETE',
    `${path}/moderation-rules/${encodeURIComponent(rule.id)}`), message, draw)) : null;
  return el('li', { dataset: { rule: rule.id, enabled: String(rule.enabled), action: rule.action } },
    el('strong', {}, rule.name), ' ',
    el('span', { class: 'muted' }, `When a mention ${conditions}: ${ACTIONS[rule.action] || rule.action}${argument}`
      + (rule.enabled ? '' : ' (off)')), ' ', toggle, remove);
}

function ruleForm({ path, queries, sources, members, message, draw }) {
  const action = el('select', { name: 'action' }, Object.entries(ACTIONS).map(([value, label]) =>
    el('option', { value }, label)));
  const label = el('input', { name: 'argument', autocomplete: 'off', maxlength: 200, placeholder: 'label' });
  const assignee = el('select', { name: 'argument' }, members.map((m) => el('option', { value: m.personId },
    m.displayName || m.personId)));
  const argument = el('span', {});
  const drawArgument = () => argument.replaceChildren(action.value === 'LABEL' ? label
    : action.value === 'ASSIGN' ? assignee : '');
  action.addEventListener('change', drawArgument);
  drawArgument();
  const form = el('form', { id: 'moderation-rule-add', class: 'panel stacked' },
    el('h3', {}, 'Add a rule'),
    el('div', { class: 'inline-fields' },
      el('label', {}, 'Name', el('input', { name: 'name', required: true, maxlength: 200, autocomplete: 'off' })),
      el('label', {}, 'Matches', el('select', { name: 'query' }, el('option', { value: '' }, 'any query'),
        queries.map((q) => el('option', { value: q.id }, q.name)))),
      el('label', {}, 'Sentiment', el('select', { name: 'sentiment' }, el('option', { value: '' }, 'any'),
        ['negative', 'neutral', 'positive'].map((v) => el('option', { value: v }, v)))),
      el('label', {}, 'Author', el('input', { name: 'author', autocomplete: 'off', maxlength: 300 })),
      el('label', {}, 'Source', el('select', { name: 'source' }, el('option', { value: '' }, 'any'),
        sources.map((s) => el('option', { value: s.id }, s.name)))),
      el('label', {}, 'Language', el('input', { name: 'language', autocomplete: 'off', maxlength: 8, size: 4 })),
      el('label', { class: 'checkbox' }, el('input', { type: 'checkbox', name: 'charter' }), 'Breaks the charter')),
    el('div', { class: 'inline-fields' }, el('label', {}, 'Then', action), argument),
    el('div', {}, el('button', { type: 'submit', class: 'primary' }, 'Add rule')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (name) => form.elements[name].value || null;
    try {
      await api('POST', `${path}/moderation-rules`, {
        name: form.elements.name.value,
        query: value('query'),
        sentiment: value('sentiment'),
        author: value('author'),
        source: value('source'),
        language: value('language'),
        charter: form.elements.charter.checked,
        action: action.value,
        argument: action.value === 'LABEL' ? label.value || null : action.value === 'ASSIGN' ? assignee.value : null,
      });
      markInvalid(form, null);
      message.show('The rule is added: it applies to the mentions that arrive from now on.', 'ok');
      await draw();
    } catch (error) {
      markInvalid(form, error.field);
      message.show(error.message, 'error');
    }
  });
  return form;
}

async function change(call, message, draw) {
  try {
    await call();
  } catch (error) {
    message.show(error.message, 'error');
  }
  await draw();
}
