// The Reports view (#/view/reports?ws=<ws>): a workspace's report of a period
// (whole days in the workspace's zone, the last one excluded), previewed as the
// HTML renderer writes it (a sandboxed frame; the page's own policy lets it load
// nothing and run nothing) and downloaded in every format the installed renderers
// offer; the objectives with the outcome of their recent periods; and, for those
// who manage reports, the reports sent on a schedule (through one of the
// workspace's alert channels) and the read-only share links, whose address is
// shown once. Every name and figure from the server goes into the page as text.

import { api } from '/web/api.js';
import { confirmButton, el, formatInstant, markInvalid, messageArea } from '/web/dom.js';
import { may, openWorkspaces, rememberListeningWorkspace } from '/web/listening.js';
import { workspacePath } from '/web/posts.js';
import { viewHref } from '/web/route.js';
import { KPIS, cellText, lastDays, objectiveText, outcomeBadge, reportPath } from '/web/reports.js';

const GRANULARITIES = Object.freeze(['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR']);
const SCHEDULE_PERIODS = Object.freeze({ WEEK: 'the last complete week', MONTH: 'the last complete month' });

class AtelierReportsView extends HTMLElement {
  #message = messageArea();
  #me = null;
  #workspaces = [];
  #workspaceId = null;
  #formats = [];
  #picker = el('select', { name: 'workspace', 'aria-label': 'Workspace' });
  #generate = el('section', { class: 'panel report-generate' });
  #output = el('div', { class: 'report-output' });
  #objectives = el('section', { class: 'report-objectives' });
  #schedules = el('section', { class: 'report-schedules' });
  #shares = el('section', { class: 'report-shares' });

  async connectedCallback() {
    this.replaceChildren(el('h1', {}, 'Reports'), this.#message.element);
    const opened = await openWorkspaces('reports.read', this.#picker, this.#message,
      'You see no reports: your role in a workspace must allow reading them.');
    if (!opened) return;
    ({ me: this.#me, workspaces: this.#workspaces, workspaceId: this.#workspaceId } = opened);
    this.#picker.addEventListener('change', () => {
      this.#workspaceId = this.#picker.value;
      this.#open();
    });
    this.append(el('div', { class: 'toolbar' }, el('div', { class: 'toolbar-group' },
      el('label', { class: 'inline-label' }, 'Workspace', this.#picker))),
    this.#generate, this.#objectives, this.#schedules, this.#shares);
    await this.#open();
  }

  get #path() {
    return workspacePath(this.#workspaceId);
  }

  get #manages() {
    return may(this.#me, this.#workspaceId, 'reports.manage');
  }

  get #zone() {
    return (this.#workspaces.find((w) => w.id === this.#workspaceId) || {}).zone || 'UTC';
  }

  async #open() {
    rememberListeningWorkspace(this.#workspaceId);
    this.#message.clear();
    try {
      this.#formats = await api('GET', `${this.#path}/report-formats`);
    } catch (error) {
      this.#formats = [];
      this.#message.show(error.message, 'error');
    }
    this.#drawGenerate();
    await Promise.all([this.#loadObjectives(), this.#loadSchedules(), this.#loadShares()]);
  }

  // --- generate, preview, download

  #drawGenerate() {
    const period = lastDays(30, this.#zone);
    const form = el('form', { id: 'report-period', class: 'inline' },
      el('label', {}, 'From', el('input', { name: 'from', type: 'date', required: true, value: period.from })),
      el('label', {}, 'To (excluded)', el('input', { name: 'to', type: 'date', required: true, value: period.to })),
      el('button', { type: 'submit', class: 'primary' }, 'Generate'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      await this.#show(form, { from: form.elements.from.value, to: form.elements.to.value });
    });
    this.#output.replaceChildren();
    this.#generate.replaceChildren(el('h2', {}, 'Report of a period'),
      el('p', { class: 'muted' }, `Whole days in ${this.#zone}; the day “to” is not included.`), form, this.#output);
  }

  async #show(form, period) {
    let report;
    try {
      report = await api('GET', reportPath(this.#workspaceId, period));
      markInvalid(form, null);
    } catch (error) {
      markInvalid(form, error.field);
      this.#output.replaceChildren();
      this.#message.show(error.message, 'error');
      return;
    }
    this.#message.clear();
    const html = this.#formats.some((f) => f.format === 'html');
    const downloads = [{ format: 'json', mediaType: 'application/json' }, ...this.#formats
      .filter((f) => f.format !== 'json')].map((f) => el('a', {
      class: 'button-link report-download',
      href: `/api/v1${reportPath(this.#workspaceId, period, f.format)}`,
      download: f.format === 'json' ? `report-${period.from}-${period.to}.json` : true,
      dataset: { format: f.format },
      title: f.mediaType,
    }, `Download ${f.format.toUpperCase()}`));
    this.#output.replaceChildren(
      el('p', {}, el('strong', {}, report.title), ' ',
        el('span', { class: 'muted' }, `${report.sections.length} section(s), computed ${formatInstant(report.generatedAt)}`)),
      el('div', { class: 'report-downloads' }, downloads),
      html ? el('iframe', {
        class: 'report-preview',
        title: `Preview of ${report.title}`,
        sandbox: '',
        referrerpolicy: 'no-referrer',
        src: `/api/v1${reportPath(this.#workspaceId, period, 'html', true)}`,
      }) : el('p', { class: 'muted' }, 'No installed plugin renders reports as HTML: no preview.'));
  }

  // --- objectives

  async #loadObjectives() {
    let objectives;
    let accounts = [];
    try {
      [objectives, accounts] = await Promise.all([api('GET', `${this.#path}/objectives`),
        this.#manages ? api('GET', `${this.#path}/accounts`) : []]);
    } catch (error) {
      this.#objectives.replaceChildren(el('h2', {}, 'Objectives'),
        el('p', { class: 'muted' }, `Objectives unavailable: ${error.message}`));
      return;
    }
    const rows = objectives.map((objective) => {
      const current = objective.periods[objective.periods.length - 1];
      const remove = this.#manages ? confirmButton('Remove', 'Remove for good?',
        () => this.#message.change(() => api('DELETE', `${this.#path}/objectives/${encodeURIComponent(objective.id)}`),
          () => this.#loadObjectives())) : null;
      return el('li', { class: 'panel', dataset: { objective: objective.id } },
        el('div', {}, el('strong', {}, objective.name), ' ', el('span', { class: 'muted' }, objectiveText(objective)),
          ' ', remove),
        el('div', { class: 'objective-periods' }, objective.periods.map((p) => outcomeBadge(p))),
        current ? el('p', { class: 'muted objective-current' }, current.value !== null
          ? `This period (${current.from} – ${current.to}): ${cellText(current.value)}, ${current.gap >= 0
            ? 'above' : 'below'} the target by ${cellText(Math.abs(current.gap))}.`
          : `This period (${current.from} – ${current.to}): ${current.detail || 'not computable'}`) : null);
    });
    this.#objectives.replaceChildren(el('h2', {}, 'Objectives'),
      objectives.length === 0 ? el('p', { class: 'muted', dataset: { empty: 'objectives' } },
        'No objective yet: set a target on a KPI to see each period met or missed.')
        : el('ul', { class: 'objective-list' }, rows),
      this.#manages ? this.#objectiveForm(accounts) : null);
  }

  #objectiveForm(accounts) {
    const kpi = el('select', { name: 'kpi' }, Object.entries(KPIS).map(([value, k]) =>
      el('option', { value }, `${k.label} (${k.unit})`)));
    const within = el('label', { hidden: true }, 'Answered within (hours)',
      el('input', { name: 'within', type: 'number', min: 0.25, step: 0.25, value: 2 }));
    const unit = el('span', { class: 'help' });
    const update = () => {
      within.hidden = kpi.value !== 'ANSWERED_WITHIN_TARGET';
      unit.textContent = `in ${KPIS[kpi.value].unit}`;
    };
    kpi.addEventListener('change', update);
    update();
    const form = el('form', { id: 'objective-add', class: 'panel stacked' },
      el('h3', {}, 'Set an objective'),
      el('div', { class: 'inline-fields' },
        el('label', {}, 'Name', el('input', { name: 'name', required: true, maxlength: 200, autocomplete: 'off' })),
        el('label', {}, 'KPI', kpi),
        el('label', {}, 'Must be', el('select', { name: 'comparison' },
          el('option', { value: 'AT_LEAST' }, 'at least (≥)'), el('option', { value: 'AT_MOST' }, 'at most (≤)'))),
        el('label', {}, 'Target', el('input', { name: 'target', type: 'number', step: 'any', required: true }), unit),
        el('label', {}, 'Per', el('select', { name: 'granularity' }, GRANULARITIES.map((g) =>
          el('option', { value: g, selected: g === 'MONTH' }, g.toLowerCase())))),
        within,
        el('label', {}, 'Account', el('select', { name: 'accountId' }, el('option', { value: '' }, 'every account'),
          accounts.map((a) => el('option', { value: a.id }, `${a.platform} · ${a.handle}`))))),
      el('div', {}, el('button', { type: 'submit', class: 'primary' }, 'Set objective')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = {
        name: form.elements.name.value,
        kpi: kpi.value,
        comparison: form.elements.comparison.value,
        target: Number(form.elements.target.value),
        granularity: form.elements.granularity.value,
      };
      if (kpi.value === 'ANSWERED_WITHIN_TARGET') {
        body.within = `PT${Math.round(Number(form.elements.within.value) * 60)}M`;
      }
      if (form.elements.accountId.value) body.accountId = form.elements.accountId.value;
      try {
        await api('POST', `${this.#path}/objectives`, body);
        markInvalid(form, null);
        this.#message.show('The objective is set.', 'ok');
        await this.#loadObjectives();
      } catch (error) {
        markInvalid(form, error.field);
        this.#message.show(error.message, 'error');
      }
    });
    return form;
  }

  // --- schedules

  async #loadSchedules() {
    if (!this.#manages) {
      this.#schedules.replaceChildren();
      return;
    }
    let schedules;
    let channels;
    try {
      [schedules, channels] = await Promise.all([api('GET', `${this.#path}/report-schedules`),
        api('GET', `${this.#path}/alert-channels`)]);
    } catch (error) {
      this.#schedules.replaceChildren(el('h2', {}, 'Scheduled reports'),
        el('p', { class: 'muted' }, `Scheduled reports unavailable: ${error.message}`));
      return;
    }
    const channelNames = new Map(channels.map((c) => [c.id, c.name]));
    const rows = schedules.map((s) => {
      const send = el('button', { type: 'button', dataset: { action: 'send' } }, 'Send now');
      send.addEventListener('click', () => this.#message.change(async () => {
        await api('POST', `${this.#path}/report-schedules/${encodeURIComponent(s.id)}/send`);
        this.#message.show(`“${s.name}” leaves at the next turn.`, 'ok');
      }, () => this.#loadSchedules()));
      const remove = confirmButton('Remove', 'Remove for good?',
        () => this.#message.change(() => api('DELETE', `${this.#path}/report-schedules/${encodeURIComponent(s.id)}`),
          () => this.#loadSchedules()));
      return el('li', { dataset: { schedule: s.id, enabled: String(s.enabled) } },
        el('strong', {}, s.name), ' ',
        el('span', { class: 'muted' }, `${SCHEDULE_PERIODS[s.period] || s.period}, ${s.format.toUpperCase()}, through`
          + ` “${channelNames.get(s.channel) || s.channel}” to ${s.recipients.join(', ')} · next ${formatInstant(s.nextRunAt)}`
          + (s.lastRunAt ? ` · last ${formatInstant(s.lastRunAt)}` : '')),
        s.lastError ? el('span', { class: 'badge badge-warn report-error' }, `! ${s.lastError}`) : null,
        ' ', send, remove);
    });
    this.#schedules.replaceChildren(el('h2', {}, 'Scheduled reports'),
      schedules.length === 0 ? el('p', { class: 'muted', dataset: { empty: 'schedules' } }, 'No report is sent on a'
        + ' schedule yet.') : el('ul', {}, rows),
      this.#scheduleForm(channels));
  }

  #scheduleForm(channels) {
    if (channels.length === 0) {
      return el('p', { class: 'muted', dataset: { empty: 'channels' } }, 'Reports are sent through an alert channel'
        + ' (its e-mail server). Add one in ', el('a', { href: viewHref('alerts', { ws: this.#workspaceId }) },
        'Alerts'), ' first.');
    }
    const form = el('form', { id: 'report-schedule-add', class: 'panel stacked' },
      el('h3', {}, 'Send a report on a schedule'),
      el('div', { class: 'inline-fields' },
        el('label', {}, 'Name', el('input', { name: 'name', required: true, maxlength: 200, autocomplete: 'off' })),
        el('label', {}, 'Report of', el('select', { name: 'period' }, Object.entries(SCHEDULE_PERIODS).map(([value, label]) =>
          el('option', { value }, label)))),
        el('label', {}, 'Format', el('select', { name: 'format' }, this.#formats.map((f) =>
          el('option', { value: f.format, selected: f.format === 'pdf' }, f.format.toUpperCase())))),
        el('label', {}, 'Through', el('select', { name: 'channelId' }, channels.map((c) =>
          el('option', { value: c.id }, `${c.name} (${c.sink})`)))),
        el('label', {}, 'To', el('input', {
          name: 'recipients', required: true, autocomplete: 'off', placeholder: 'anna@client.example, …', size: 40,
        }))),
      el('div', {}, el('button', { type: 'submit', class: 'primary' }, 'Schedule')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await api('POST', `${this.#path}/report-schedules`, {
          name: form.elements.name.value,
          period: form.elements.period.value,
          format: form.elements.format.value,
          channelId: form.elements.channelId.value,
          recipients: form.elements.recipients.value.split(/[\s,;]+/).filter(Boolean),
        });
        markInvalid(form, null);
        this.#message.show('The report is scheduled.', 'ok');
        await this.#loadSchedules();
      } catch (error) {
        markInvalid(form, error.field);
        this.#message.show(error.message, 'error');
      }
    });
    return form;
  }

  // --- share links

  async #loadShares(shown = null) {
    if (!this.#manages) {
      this.#shares.replaceChildren();
      return;
    }
    let shares;
    try {
      shares = await api('GET', `${this.#path}/report-shares`);
    } catch (error) {
      this.#shares.replaceChildren(el('h2', {}, 'Share links'),
        el('p', { class: 'muted' }, `Share links unavailable: ${error.message}`));
      return;
    }
    const table = el('table', { class: 'report-share-list' },
      el('thead', {}, el('tr', {}, ['Report from', 'to (excluded)', 'Opens until', 'State', ''].map((t) => el('th', {}, t)))),
      el('tbody', {}, shares.length === 0
        ? el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'No link yet.'))
        : shares.map((share) => el('tr', { dataset: { share: share.id, open: String(share.open) } },
          el('td', {}, share.from), el('td', {}, share.to), el('td', {}, formatInstant(share.expiresAt)),
          el('td', {}, el('span', { class: `badge ${share.open ? 'badge-ok' : ''}` },
            share.open ? 'open' : share.revokedAt ? 'revoked' : 'expired')),
          el('td', { class: 'actions' }, share.open ? confirmButton('Revoke', 'Really revoke?',
            () => this.#message.change(() => api('DELETE',
              `${this.#path}/report-shares/${encodeURIComponent(share.id)}`), () => this.#loadShares())) : null)))));
    this.#shares.replaceChildren(el('h2', {}, 'Share links'),
      el('p', { class: 'muted' }, 'Anybody with a link reads the report of its period, without signing in, until it'
        + ' expires or is revoked.'),
      this.#shareForm(), shown, table);
  }

  #shareForm() {
    const period = lastDays(30, this.#zone);
    const form = el('form', { id: 'report-share-add', class: 'inline' },
      el('label', {}, 'From', el('input', { name: 'from', type: 'date', required: true, value: period.from })),
      el('label', {}, 'To (excluded)', el('input', { name: 'to', type: 'date', required: true, value: period.to })),
      el('label', {}, 'Opens for (days)', el('input', { name: 'validDays', type: 'number', min: 1, max: 90, value: 7 })),
      el('button', { type: 'submit', class: 'primary' }, 'Create link'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        const created = await api('POST', `${this.#path}/report-shares`, {
          from: form.elements.from.value,
          to: form.elements.to.value,
          validDays: Number(form.elements.validDays.value),
        });
        markInvalid(form, null);
        const address = location.origin + created.url;
        const copy = el('button', { type: 'button' }, 'Copy');
        copy.addEventListener('click', async () => {
          try {
            await navigator.clipboard.writeText(address);
            copy.textContent = 'Copied';
          } catch {
            this.#message.show('The browser did not let the page copy: select the address and copy it.', 'info');
          }
        });
        const shown = el('div', { class: 'message message-ok share-shown' },
          el('p', {}, 'Send this address to whoever should read the report. It is shown only now:'),
          el('input', { class: 'mono share-url', readonly: true, value: address, size: 80 }), ' ', copy);
        this.#message.clear();
        await this.#loadShares(shown);
      } catch (error) {
        markInvalid(form, error.field);
        this.#message.show(error.message, 'error');
      }
    });
    return form;
  }
}

if (!customElements.get('atelier-reports-view')) {
  customElements.define('atelier-reports-view', AtelierReportsView);
}
