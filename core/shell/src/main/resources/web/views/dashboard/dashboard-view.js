// The Dashboard view (#/view/dashboard?ws=<ws>&days=<7|30|90>): a workspace's report
// of the last 7, 30 or 90 days (on the calendar of the workspace's zone), read as
// JSON: its first section without a chart (the summary) as a table, then its line and
// bar sections drawn with Chart.js and its heatmaps as coloured tables, then its other
// sections as tables. Until a first
// reading of the accounts' counters there are no metrics: the view says so and
// when the next reading is due instead of drawing empty charts.

import { api } from '/web/api.js';
import { el, formatInstant, messageArea } from '/web/dom.js';
import { may, openWorkspaces, rememberListeningWorkspace } from '/web/listening.js';
import { workspacePath } from '/web/posts.js';
import { viewHref } from '/web/route.js';
import { seriesChart } from '/web/charts.js';
import { PERIODS, heatmapTable, lastDays, reportPath, sectionTable } from '/web/reports.js';

const DAYS_KEY = 'atelier.dashboard.days';

class AtelierDashboardView extends HTMLElement {
  #message = messageArea();
  #me = null;
  #workspaces = [];
  #workspaceId = null;
  #days = 30;
  #picker = el('select', { name: 'workspace', 'aria-label': 'Workspace' });
  #periods = el('div', { class: 'segmented', role: 'group', 'aria-label': 'Period' });
  #body = el('div', { class: 'dashboard' });
  #charts = [];
  #drawing = 0;

  async connectedCallback() {
    this.replaceChildren(el('h1', {}, 'Dashboard'), this.#message.element);
    const opened = await openWorkspaces('reports.read', this.#picker, this.#message,
      'You see no reports: your role in a workspace must allow reading them.');
    if (!opened) return;
    ({ me: this.#me, workspaces: this.#workspaces, workspaceId: this.#workspaceId } = opened);
    this.#days = chosenDays(opened.params.get('days'));
    this.#picker.addEventListener('change', () => {
      this.#workspaceId = this.#picker.value;
      this.#load();
    });
    this.#periods.replaceChildren(...PERIODS.map((days) => {
      const button = el('button', { type: 'button', dataset: { days: String(days) } }, `Last ${days} days`);
      button.addEventListener('click', () => {
        this.#days = days;
        try {
          localStorage.setItem(DAYS_KEY, String(days));
        } catch {
          // storage disabled: the next visit shows 30 days
        }
        this.#load();
      });
      return button;
    }));
    this.append(el('div', { class: 'toolbar' }, el('div', { class: 'toolbar-group' },
      el('label', { class: 'inline-label' }, 'Workspace', this.#picker), this.#periods)), this.#body);
    await this.#load();
  }

  disconnectedCallback() {
    this.#destroyCharts();
  }

  get #workspace() {
    return this.#workspaces.find((w) => w.id === this.#workspaceId);
  }

  async #load() {
    const drawing = ++this.#drawing;
    rememberListeningWorkspace(this.#workspaceId);
    for (const button of this.#periods.querySelectorAll('button')) {
      button.setAttribute('aria-pressed', String(Number(button.dataset.days) === this.#days));
    }
    const period = lastDays(this.#days, this.#workspace.zone);
    this.#message.clear();
    let report;
    let metrics;
    try {
      [report, metrics] = await Promise.all([api('GET', reportPath(this.#workspaceId, period)),
        api('GET', `${workspacePath(this.#workspaceId)}/metrics?${new URLSearchParams(period)}`)]);
    } catch (error) {
      if (drawing !== this.#drawing) return;
      this.#destroyCharts();
      this.#body.replaceChildren();
      this.#message.show(error.message, 'error');
      return;
    }
    if (drawing !== this.#drawing) return;
    this.#destroyCharts();
    this.dataset.workspace = this.#workspaceId;
    this.dataset.days = String(this.#days);
    const heading = el('p', { class: 'muted dashboard-period' }, `${report.title} (${report.zone})`);
    if (metrics.days.length === 0) {
      this.#body.replaceChildren(heading, this.#empty(metrics));
      return;
    }
    const [summary, ...tables] = report.sections.filter((s) => s.chart === 'none');
    const charted = report.sections.filter((s) => s.chart !== 'none');
    const figures = charted.map((section) => this.#figure(section));
    const table = (s) => el('div', { class: 'panel' }, el('h2', {}, s.title),
      s.note ? el('p', { class: 'muted' }, s.note) : null, sectionTable(s));
    this.#body.replaceChildren(heading,
      summary ? el('section', { class: 'dashboard-summary' }, table(summary)) : null,
      el('div', { class: 'dashboard-charts' }, figures.map((f) => f.element)),
      tables.length ? el('section', { class: 'dashboard-tables' }, tables.map(table)) : null);
    for (const figure of figures) {
      if (!figure.canvas) continue;
      try {
        const chart = await seriesChart(figure.canvas, figure.section);
        if (drawing !== this.#drawing) {
          chart.destroy();
          return;
        }
        this.#charts.push(chart);
      } catch (error) {
        this.#message.show(error.message, 'error');
        return;
      }
    }
    this.dataset.drawn = String(this.#charts.length);
  }

  /** A charted section: a canvas for a line or bar chart, a coloured table for a heatmap. */
  #figure(section) {
    const canvas = section.chart === 'heatmap' || section.rows.length === 0 ? null
      : el('canvas', { role: 'img', 'aria-label': section.title });
    const body = section.rows.length === 0 ? el('p', { class: 'muted' }, 'Nothing in this period.')
      : canvas ? el('div', { class: 'report-chart' }, canvas) : heatmapTable(section);
    const element = el('figure', { class: 'panel report-section', dataset: { chart: section.chart } },
      el('figcaption', {}, el('h2', {}, section.title)),
      body,
      section.note ? el('p', { class: 'muted' }, section.note) : null,
      canvas ? el('details', {}, el('summary', {}, 'The figures'), sectionTable(section)) : null);
    return { element, canvas, section };
  }

  /** What shows before the first metrics: when the accounts are read, or why they are not. */
  #empty(metrics) {
    const next = metrics.collections.map((c) => c.nextAt).filter(Boolean).sort()[0];
    const problems = metrics.collections.filter((c) => c.lastError);
    return el('div', { class: 'panel empty dashboard-empty' },
      el('h2', {}, 'No metrics yet'),
      el('p', {}, metrics.collections.length === 0
        ? 'No account of this workspace reports metrics yet. Once one is connected, its counters (followers,'
          + ' likes, replies, shares) are read on a schedule and the charts appear here.'
        : `The accounts' counters are read on a schedule; nothing was read in this period yet.${next
          ? ` The next reading is due ${formatInstant(next)}.` : ''}`),
      problems.length ? el('ul', { class: 'dashboard-problems' }, problems.map((c) => el('li', {},
        `${c.accountId}: ${c.lastError}`))) : null,
      may(this.#me, this.#workspaceId, 'accounts.read')
        ? el('a', { class: 'button-link', href: viewHref('workspaces') }, 'Workspaces & accounts') : null);
  }

  #destroyCharts() {
    for (const chart of this.#charts) chart.destroy();
    this.#charts = [];
    delete this.dataset.drawn;
  }
}

/** The period asked for in the address, else the one last picked, else 30 days. */
function chosenDays(given) {
  let remembered = null;
  try {
    remembered = localStorage.getItem(DAYS_KEY);
  } catch {
    remembered = null;
  }
  for (const value of [given, remembered]) {
    if (PERIODS.includes(Number(value))) return Number(value);
  }
  return 30;
}

if (!customElements.get('atelier-dashboard-view')) {
  customElements.define('atelier-dashboard-view', AtelierDashboardView);
}
