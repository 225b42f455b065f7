// The About view: what this workbench is and runs on, from GET /api/v1/health.

import { api } from '/web/api.js';
import { el, messageArea } from '/web/dom.js';

class AtelierAboutView extends HTMLElement {
  #message = messageArea();

  connectedCallback() {
    this.replaceChildren(el('h1', {}, 'About Atelier'), this.#message.element);
    this.#load();
  }

  async #load() {
    let health;
    try {
      health = await api('GET', '/health');
    } catch (error) {
      this.#message.show(`The workbench is not healthy: ${error.message}`, 'error');
      return;
    }
    const components = health.components || { total: 0, satisfied: 0, unsatisfied: [] };
    const facts = [
      ['Status', el('span', { class: health.status === 'UP' ? 'badge badge-ok' : 'badge badge-warn' }, health.status)],
      ['Version', health.version],
      ['Store', health.store || 'not available'],
      ['Store location', el('span', { class: 'mono' }, health.storeLocation || '—')],
      ['Node id', el('span', { class: 'mono' }, health.node || '—')],
      ['Schema version', health.schemaVersion ?? '—'],
      ['Bundles', `${health.bundles.total} installed, ${health.bundles.active} active`],
      ['Components', `${components.total} enabled, ${components.satisfied} satisfied`],
    ];
    const list = el('dl', { class: 'facts' }, facts.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]));
    const parts = [el('section', { class: 'panel' }, list)];
    if (components.unsatisfied && components.unsatisfied.length > 0) {
      parts.push(el('section', { class: 'panel' },
        el('h2', {}, 'Unsatisfied components'),
        el('ul', {}, components.unsatisfied.map((name) => el('li', { class: 'mono' }, name)))));
    }
    parts.push(el('p', { class: 'muted' },
      'Atelier is a community manager\u2019s workbench: plan and publish posts, listen, answer and report, ' +
      'extended per platform by plugins. The REST API is described at ',
      el('a', { href: '/api/v1/openapi.json' }, '/api/v1/openapi.json'), '.'));
    this.append(...parts);
  }
}

if (!customElements.get('atelier-about-view')) {
  customElements.define('atelier-about-view', AtelierAboutView);
}
