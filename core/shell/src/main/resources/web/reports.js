// What the Dashboard and Reports views share: the periods people pick (the last 7,
// 30 or 90 days, on the calendar of the workspace's zone), the address of a
// report, a report's cells said for people, a section drawn as a table (its
// cells are text from the networks and the store: always text, never markup), a
// heatmap as a coloured table (the number is written in each cell, so colour is
// never the only cue), the KPIs an objective may be set on, and the badge of an
// objective's outcome in a period.

import { el } from '/web/dom.js';
import { addDays, todayIn, workspacePath } from '/web/posts.js';

/** The periods the views offer, in days. */
export const PERIODS = Object.freeze([7, 30, 90]);

/** The last `days` days in `zone`, today included: { from, to } as 'YYYY-MM-DD', `to` excluded. */
export function lastDays(days, zone) {
  const to = addDays(todayIn(zone), 1);
  return { from: addDays(to, -days), to };
}

/** The API path of the workspace's report of `period` in `format` (json by default). */
export function reportPath(workspaceId, period, format = 'json', inline = false) {
  const query = new URLSearchParams({ from: period.from, to: period.to, format });
  if (inline) query.set('inline', 'true');
  return `${workspacePath(workspaceId)}/reports?${query}`;
}

const NUMBER = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

/** A cell for people: numbers in their language, dates as they are, null as "not reported". */
export function cellText(value) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return NUMBER.format(value);
  return String(value);
}

/** A cell as a number for a chart, or null (a gap) when it is none. */
export function cellNumber(value) {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return null;
}

/** A section's rows as a table, with its columns as headings. */
export function sectionTable(section) {
  return el('table', { class: 'report-table' },
    el('thead', {}, el('tr', {}, section.columns.map((c) => el('th', { scope: 'col' }, String(c))))),
    el('tbody', {}, section.rows.length === 0
      ? el('tr', {}, el('td', { colspan: Math.max(section.columns.length, 1), class: 'muted' }, 'Nothing yet.'))
      : section.rows.map((row) => el('tr', {}, row.map((cell, i) => el(i === 0 ? 'th' : 'td',
        { scope: i === 0 ? 'row' : null, class: cell === null ? 'muted' : null,
          title: cell === null ? 'not reported' : null }, cellText(cell)))))));
}

/**
 * A heatmap section (column 0 names the row, the others are its cells) as a table
 * whose cells are shaded by their value, from the lowest to the highest of the
 * section. The shade is a custom property set through the CSSOM, which the
 * Content-Security-Policy allows.
 */
export function heatmapTable(section) {
  const values = section.rows.flatMap((row) => row.slice(1)).map(cellNumber).filter((v) => v !== null);
  const min = values.length ? Math.min(...values) : 0;
  const max = values.length ? Math.max(...values) : 0;
  return el('table', { class: 'report-table heatmap' },
    el('thead', {}, el('tr', {}, section.columns.map((c) => el('th', { scope: 'col' }, String(c))))),
    el('tbody', {}, section.rows.map((row) => el('tr', {}, row.map((cell, i) => {
      if (i === 0) return el('th', { scope: 'row' }, cellText(cell));
      const value = cellNumber(cell);
      const td = el('td', { class: value === null ? 'heat heat-none' : 'heat', title: cellText(cell) },
        value === null ? '' : cellText(cell));
      if (value !== null) {
        td.style.setProperty('--heat', String(max > min ? (value - min) / (max - min) : 1));
      }
      return td;
    })))));
}

/** The KPIs an objective may be set on, with the unit of their targets. */
export const KPIS = Object.freeze({
  ENGAGEMENT_RATE_BY_REACH: { label: 'Engagement rate by reach', unit: '%' },
  ENGAGEMENT_RATE_BY_IMPRESSIONS: { label: 'Engagement rate by impressions', unit: '%' },
  ENGAGEMENT_RATE_BY_FOLLOWERS: { label: 'Engagement rate by followers', unit: '%' },
  AUDIENCE_GROWTH: { label: 'Audience growth', unit: 'followers' },
  AUDIENCE_GROWTH_RATE: { label: 'Audience growth rate', unit: '%' },
  FIRST_RESPONSE_MEDIAN: { label: 'Inbox first response, median', unit: 'seconds' },
  FIRST_RESPONSE_P90: { label: 'Inbox first response, 90th percentile', unit: 'seconds' },
  ANSWERED_WITHIN_TARGET: { label: 'Inbox items answered within a time', unit: '%' },
  SHARE_OF_VOICE: { label: 'Share of voice', unit: '%' },
  NET_SENTIMENT: { label: 'Net sentiment', unit: '%' },
});

/** How an objective reads: "Engagement rate by reach ≥ 4 % per MONTH". */
export function objectiveText(objective) {
  const kpi = KPIS[objective.kpi] || { label: String(objective.kpi), unit: '' };
  const sign = objective.comparison === 'AT_MOST' ? '≤' : '≥';
  return `${kpi.label} ${sign} ${cellText(Number(objective.target))} ${kpi.unit} per ${String(objective.granularity)
    .toLowerCase()}`;
}

const OUTCOMES = Object.freeze({ MET: '✓ met', MISSED: '✕ missed', NOT_COMPUTABLE: '? not computable' });

/** An objective's outcome in one period as a badge with its own sign; its title says the value or why none. */
export function outcomeBadge(period) {
  const known = Object.hasOwn(OUTCOMES, period.outcome);
  const title = period.value !== null && period.value !== undefined
    ? `${period.from} – ${period.to}: ${cellText(period.value)} (gap ${cellText(period.gap)})`
    : `${period.from} – ${period.to}: ${period.detail || 'not computable'}`;
  return el('span', {
    class: `badge objective-outcome outcome-${known ? period.outcome.toLowerCase().replace('_', '-') : 'unknown'}`,
    dataset: { outcome: String(period.outcome) },
    title,
  }, known ? OUTCOMES[period.outcome] : String(period.outcome));
}
