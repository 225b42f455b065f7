// The Alerts view (#/view/alerts?ws=<ws>&id=<alert>): the alerts raised in a
// workspace, open ones first or all, read again every few seconds; the alert
// picked with what it says, the mentions that caused it (text from the internet,
// shown as text) and how its delivery to each channel went, and a button to
// acknowledge it; then, for those who manage alerts, the rules that raise them
// (a volume spike, a surge of negative mentions, any new match of a query) and
// the channels they go to (e-mail, webhooks... whatever plugins offer, with a
// test button). A channel's secret settings are typed in and never shown again.

import { api } from '/web/api.js';
import { confirmButton, el, formatInstant, markInvalid, messageArea } from '/web/dom.js';
import { workspacePath } from '/web/posts.js';
import {
  mentionCard, may, openWorkspaces, rememberListeningWorkspace, settingsFields, settingsValues,
} from '/web/listening.js';

/** How often the alerts are read again while the page is visible. */
const REFRESH_MS = 8000;
/** The kinds of rules, with the words people read. */
const KINDS = Object.freeze({
  spike: 'Volume spike (against the same hour of past weeks)',
  'negative-surge': 'Bad buzz (a surge of negative mentions)',
  keyword: 'Any new mention matching a query',
});
const DELIVERY_STATES = Object.freeze({ PENDING: 'pending', SENT: 'sent', FAILED: 'failed' });

class AtelierAlertsView extends HTMLElement {
  #message = messageArea();
  #me = null;
  #workspaces = [];
  #workspaceId = null;
  #alertId = null;
  #picker = el('select', { name: 'workspace', 'aria-label': 'Workspace' });
  #status = el('select', { name: 'status', 'aria-label': 'Which alerts' },
    el('option', { value: 'OPEN' }, 'open'), el('option', { value: '' }, 'all'));
  #list = el('ol', { class: 'alert-list' });
  #pane = el('section', { class: 'alert-pane' });
  #rules = el('section', { class: 'alert-rules' });
  #channels = el('section', { class: 'alert-channels' });
  #shown = null;
  #timer = null;

  async connectedCallback() {
    this.replaceChildren(el('h1', {}, 'Alerts'), this.#message.element);
    const opened = await openWorkspaces('alerts.read', this.#picker, this.#message,
      'You see no alerts: your role in a workspace must allow reading them.');
    if (!opened) return;
    ({ me: this.#me, workspaces: this.#workspaces, workspaceId: this.#workspaceId } = opened);
    this.#alertId = opened.params.get('id');
    this.#picker.addEventListener('change', () => {
      this.#workspaceId = this.#picker.value;
      this.#alertId = null;
      this.#open();
    });
    this.#status.addEventListener('change', () => this.#loadAlerts(true));
    this.append(
      el('div', { class: 'toolbar' }, el('div', { class: 'toolbar-group' },
        el('label', { class: 'inline-label' }, 'Workspace', this.#picker),
        el('label', { class: 'inline-label' }, 'Show', this.#status))),
      el('div', { class: 'inbox' }, el('section', {}, this.#list), this.#pane),
      this.#rules, this.#channels);
    await this.#open();
  }

  disconnectedCallback() {
    clearTimeout(this.#timer);
    this.#timer = null;
  }

  get #path() {
    return workspacePath(this.#workspaceId);
  }

  async #open() {
    rememberListeningWorkspace(this.#workspaceId);
    this.#pane.replaceChildren();
    await this.#loadAlerts(true);
    if (this.#alertId) await this.#loadAlert(this.#alertId);
    await Promise.all([this.#loadRules(), this.#loadChannels()]);
  }

  // --- alerts

  async #loadAlerts(now = false) {
    clearTimeout(this.#timer);
    this.#timer = null;
    if (now) this.#shown = null;
    const workspace = this.#workspaceId;
    if (document.visibilityState !== 'hidden' || now) {
      const query = new URLSearchParams({ limit: '100' });
      if (this.#status.value) query.set('status', this.#status.value);
      try {
        const alerts = await api('GET', `${this.#path}/alerts?${query}`);
        if (workspace !== this.#workspaceId) return;
        const key = JSON.stringify(alerts);
        if (key !== this.#shown) {
          this.#shown = key;
          this.#drawAlerts(alerts);
        }
      } catch (error) {
        this.#message.show(error.message, 'error');
      }
    }
    if (this.isConnected) this.#timer = setTimeout(() => this.#loadAlerts(), REFRESH_MS);
  }

  #drawAlerts(alerts) {
    if (alerts.length === 0) {
      this.#list.replaceChildren(el('li', { class: 'muted', dataset: { empty: 'alerts' } },
        this.#status.value ? 'No open alert.' : 'No alert yet.'));
      return;
    }
    this.#list.replaceChildren(...alerts.map((alert) => {
      const button = el('button', {
        type: 'button', class: 'alert-open', 'aria-current': String(alert.id === this.#alertId),
      },
      el('span', { class: `badge alert-state-${alert.status.toLowerCase()}` },
        alert.status === 'OPEN' ? 'open' : 'acknowledged'),
      el('span', { class: 'alert-title' }, alert.title),
      el('span', { class: 'muted' }, formatInstant(alert.raisedAt)));
      button.addEventListener('click', () => this.#loadAlert(alert.id));
      return el('li', { dataset: { alert: alert.id, kind: alert.kind } }, button);
    }));
  }

  async #loadAlert(id) {
    let detail;
    try {
      detail = await api('GET', `${this.#path}/alerts/${encodeURIComponent(id)}`);
    } catch (error) {
      this.#message.show(error.message, 'error');
      return;
    }
    this.#alertId = id;
    for (const button of this.#list.querySelectorAll('button.alert-open')) {
      button.setAttribute('aria-current', String(button.closest('li').dataset.alert === id));
    }
    const { alert, mentions, deliveries } = detail;
    const acknowledge = alert.status === 'OPEN' && may(this.#me, this.#workspaceId, 'alerts.handle')
      ? el('button', { type: 'button', class: 'primary', dataset: { action: 'acknowledge' } }, 'Acknowledge')
      : null;
    acknowledge?.addEventListener('click', async () => {
      try {
        await api('POST', `${this.#path}/alerts/${encodeURIComponent(id)}/acknowledge`);
        this.#message.show('Acknowledged: the team knows it is in hand.', 'ok');
      } catch (error) {
        this.#message.show(error.message, 'error');
      }
      await this.#loadAlerts(true);
      await this.#loadAlert(id);
    });
    this.#pane.replaceChildren(el('article', { class: 'panel alert-detail', dataset: { alert: alert.id } },
      el('h2', {}, alert.title),
      el('p', { class: 'alert-message' }, alert.message),
      el('p', { class: 'muted' }, `Raised ${formatInstant(alert.raisedAt)}`,
        alert.acknowledgedAt ? ` · acknowledged ${formatInstant(alert.acknowledgedAt)}` : ''),
      acknowledge,
      el('h3', {}, `What caused it (${mentions.length})`),
      el('div', { class: 'alert-mentions' }, mentions.map((m) => mentionCard(m))),
      el('h3', {}, 'Delivery'),
      deliveries.length === 0
        ? el('p', { class: 'muted' }, 'No channel: shown here only.')
        : el('ul', { class: 'alert-deliveries' }, deliveries.map((d) => el('li', { dataset: { state: d.state } },
          el('span', {}, d.channelName), ' ',
          el('span', { class: `badge delivery-${d.state.toLowerCase()}` }, DELIVERY_STATES[d.state] || d.state),
          d.lastError ? el('span', { class: 'muted' }, ` ${d.lastError}`) : null)))));
  }

  // --- rules

  async #loadRules() {
    const manages = may(this.#me, this.#workspaceId, 'alerts.manage');
    let rules;
    let queries;
    try {
      [rules, queries] = await Promise.all([api('GET', `${this.#path}/alert-rules`),
        may(this.#me, this.#workspaceId, 'listening.read') ? api('GET', `${this.#path}/queries`) : []]);
    } catch (error) {
      this.#rules.replaceChildren(el('p', { class: 'muted' }, `Rules unavailable: ${error.message}`));
      return;
    }
    const queryNames = new Map(queries.map((q) => [q.id, q.name]));
    const rows = rules.map((rule) => {
      const toggle = manages ? el('button', { type: 'button' }, rule.enabled ? 'Turn off' : 'Turn on') : null;
      toggle?.addEventListener('click', () => this.#message.change(() => api('PUT',
        `${this.#path}/alert-rules/${encodeURIComponent(rule.id)}`, { name: rule.name, enabled: !rule.enabled }),
      () => this.#loadRules()));
      const remove = manages ? confirmButton('Remove', 'Remove for good?',
        () => this.#message.change(() => api('DELETE', `${this.#path}/alert-rules/${encodeURIComponent(rule.id)}`),
          () => this.#loadRules())) : null;
      return el('li', { dataset: { rule: rule.id, enabled: String(rule.enabled) } },
        el('strong', {}, rule.name), ' ',
        el('span', { class: 'muted' }, `${KINDS[rule.kind] || rule.kind} · ${rule.query
          ? `query “${queryNames.get(rule.query) || rule.query}”` : 'every mention'} · cool-down ${rule.coolDownMinutes} min`
          + (rule.enabled ? '' : ' · off')), ' ', toggle, remove);
    });
    this.#rules.replaceChildren(el('h2', {}, 'Rules'),
      rules.length === 0 ? el('p', { class: 'muted' }, 'No rule: nothing raises alerts yet.') : el('ul', {}, rows),
      manages ? this.#ruleForm(queries) : null);
  }

  #ruleForm(queries) {
    const kind = el('select', { name: 'kind' }, Object.entries(KINDS).map(([value, label]) =>
      el('option', { value }, label)));
    const query = el('select', { name: 'query' }, el('option', { value: '' }, 'every mention of the workspace'),
      queries.map((q) => el('option', { value: q.id }, q.name)));
    const form = el('form', { id: 'alert-rule-add', class: 'panel stacked' },
      el('h3', {}, 'Add a rule'),
      el('div', { class: 'inline-fields' },
        el('label', {}, 'Name', el('input', { name: 'name', required: true, maxlength: 200, autocomplete: 'off' })),
        el('label', {}, 'Kind', kind),
        el('label', {}, 'Query', query),
        el('label', {}, 'Cool-down (minutes)',
          el('input', { name: 'coolDownMinutes', type: 'number', min: 0, max: 10080, value: 360 }))),
      el('div', {}, el('button', { type: 'submit', class: 'primary' }, 'Add rule')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await api('POST', `${this.#path}/alert-rules`, {
          name: form.elements.name.value,
          kind: kind.value,
          query: query.value || null,
          coolDownMinutes: Number(form.elements.coolDownMinutes.value),
        });
        markInvalid(form, null);
        this.#message.show('The rule is added; it is evaluated every minute.', 'ok');
        await this.#loadRules();
      } catch (error) {
        markInvalid(form, error.field);
        this.#message.show(error.message, 'error');
      }
    });
    return form;
  }

  // --- channels

  async #loadChannels() {
    const manages = may(this.#me, this.#workspaceId, 'alerts.manage');
    let channels;
    let kinds;
    try {
      [channels, kinds] = await Promise.all([api('GET', `${this.#path}/alert-channels`),
        manages ? api('GET', '/sink-kinds') : []]);
    } catch (error) {
      this.#channels.replaceChildren(el('p', { class: 'muted' }, `Channels unavailable: ${error.message}`));
      return;
    }
    const rows = channels.map((channel) => {
      const test = manages ? el('button', { type: 'button', dataset: { action: 'test' } }, 'Send a test') : null;
      test?.addEventListener('click', async () => {
        try {
          const result = await api('POST', `${this.#path}/alert-channels/${encodeURIComponent(channel.id)}/test`);
          this.#message.show(result.delivered ? `A test alert went to “${channel.name}”.`
            : `“${channel.name}” did not take the test alert: ${result.error}`, result.delivered ? 'ok' : 'error');
        } catch (error) {
          this.#message.show(error.message, 'error');
        }
      });
      const remove = manages ? confirmButton('Remove', 'Remove for good?',
        () => this.#message.change(() => api('DELETE', `${this.#path}/alert-channels/${encodeURIComponent(channel.id)}`),
          () => this.#loadChannels())) : null;
      return el('li', { dataset: { channel: channel.id } }, el('strong', {}, channel.name), ' ',
        el('span', { class: 'muted' }, channel.sink + (channel.enabled ? '' : ' · off')), ' ', test, remove);
    });
    this.#channels.replaceChildren(el('h2', {}, 'Channels'),
      channels.length === 0 ? el('p', { class: 'muted' }, 'No channel: alerts are shown here only.')
        : el('ul', {}, rows),
      manages ? this.#channelForm(kinds) : null);
  }

  #channelForm(kinds) {
    if (kinds.length === 0) {
      return el('p', { class: 'muted', dataset: { empty: 'sink-kinds' } },
        'No installed plugin delivers alerts (such as e-mail or webhooks).');
    }
    const sink = el('select', { name: 'sink' }, kinds.map((k) => el('option', { value: k.id }, k.name)));
    const settings = el('div', { class: 'inline-fields' });
    const kindOf = () => kinds.find((k) => k.id === sink.value) || kinds[0];
    const draw = () => settings.replaceChildren(...settingsFields(kindOf()));
    sink.addEventListener('change', draw);
    draw();
    const form = el('form', { id: 'alert-channel-add', class: 'panel stacked' },
      el('h3', {}, 'Add a channel'),
      el('div', { class: 'inline-fields' },
        el('label', {}, 'Kind', sink),
        el('label', {}, 'Name', el('input', { name: 'name', required: true, maxlength: 200, autocomplete: 'off' }))),
      settings,
      el('div', {}, el('button', { type: 'submit', class: 'primary' }, 'Add channel')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await api('POST', `${this.#path}/alert-channels`,
          { sink: sink.value, name: form.elements.name.value, settings: settingsValues(form, kindOf()) });
        markInvalid(form, null);
        this.#message.show('The channel is added: every alert of the workspace goes there.', 'ok');
        await this.#loadChannels();
      } catch (error) {
        markInvalid(form, error.field);
        this.#message.show(error.message, 'error');
      }
    });
    return form;
  }
}

customElements.define('atelier-alerts-view', AtelierAlertsView);
