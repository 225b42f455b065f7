// The Plugins view: every installed bundle with its state and kind; platform and
// feature bundles come first and can be started, stopped and uninstalled, core and
// system bundles are folded below; a plugin jar can be installed from a file. Rows are updated in place so a periodic refresh never
// replaces the button someone is about to click.

import { api } from '/web/api.js';
import { el, messageArea } from '/web/dom.js';

const REFRESH_MS = 5000;
const MANAGED_KINDS = new Set(['platform', 'feature']);

class AtelierPluginsView extends HTMLElement {
  #rows = new Map(); // bundleId -> { row, cells, buttons }
  #pluginBody; // platform and feature bundles: what a person manages
  #systemBody; // core and system bundles: folded away
  #systemCount = el('span');
  #empty = el('tr', { class: 'empty' }, el('td', { colspan: 5, class: 'muted' },
    'No plugins yet. Install a plugin jar here, or drop one into deploy/.'));
  #message = messageArea();
  #timer;
  #busy = false;

  connectedCallback() {
    const upload = el('input', {
      type: 'file', name: 'plugin', accept: '.jar,application/java-archive',
      'aria-label': 'Plugin jar to install', on: { change: (e) => this.#install(e.target) },
    });
    this.#pluginBody = el('tbody');
    this.#systemBody = el('tbody');
    const table = (body) => el('table', {},
      el('thead', {}, el('tr', {},
        ['Bundle', 'Version', 'Kind', 'State', ''].map((title) => el('th', {}, title)))),
      body);
    this.replaceChildren(
      el('div', { class: 'toolbar' },
        el('h1', {}, 'Plugins'),
        el('label', { class: 'upload' }, 'Install a plugin jar', upload)),
      this.#message.element,
      table(this.#pluginBody),
      el('details', { class: 'system-bundles' },
        el('summary', {}, 'Core and system bundles (', this.#systemCount, ')'),
        el('p', { class: 'muted' },
          'They hold the workbench up and cannot be stopped or uninstalled here.'),
        table(this.#systemBody)));
    this.#load();
    this.#timer = setInterval(() => this.#load(), REFRESH_MS);
  }

  disconnectedCallback() {
    clearInterval(this.#timer);
  }

  async #load() {
    try {
      this.#render(await api('GET', '/plugins'));
    } catch (error) {
      this.#message.show(`Could not list the plugins: ${error.message}`, 'error');
    }
  }

  #render(plugins) {
    const seen = new Set();
    for (const plugin of plugins) {
      seen.add(plugin.bundleId);
      let entry = this.#rows.get(plugin.bundleId);
      if (!entry) {
        entry = this.#createRow(plugin);
        this.#rows.set(plugin.bundleId, entry);
      }
      this.#update(entry, plugin);
      // appended in the API's order (by bundle id), each to its table
      (MANAGED_KINDS.has(plugin.kind) ? this.#pluginBody : this.#systemBody).append(entry.row);
    }
    const managed = plugins.filter((plugin) => MANAGED_KINDS.has(plugin.kind)).length;
    this.#systemCount.textContent = String(plugins.length - managed);
    if (managed === 0) this.#pluginBody.append(this.#empty); else this.#empty.remove();
    for (const [bundleId, entry] of this.#rows) {
      if (!seen.has(bundleId)) {
        entry.row.remove();
        this.#rows.delete(bundleId);
      }
    }
  }

  #createRow(plugin) {
    const cells = {
      id: el('div', { class: 'mono' }),
      name: el('div', { class: 'help' }),
      version: el('td', { class: 'version' }),
      kind: el('td', { class: 'kind' }),
      state: el('td', { class: 'state' }),
    };
    const buttons = {
      start: el('button', { type: 'button', dataset: { action: 'start' } }, 'Start'),
      stop: el('button', { type: 'button', dataset: { action: 'stop' } }, 'Stop'),
      uninstall: el('button', { type: 'button', class: 'danger', dataset: { action: 'uninstall' } }, 'Uninstall'),
    };
    const row = el('tr', { dataset: { plugin: plugin.id, bundleId: String(plugin.bundleId) } },
      el('td', {}, cells.id, cells.name), cells.version, cells.kind, cells.state,
      el('td', { class: 'actions' }, buttons.start, buttons.stop, buttons.uninstall));
    const entry = { row, cells, buttons, plugin };
    buttons.start.addEventListener('click', () => this.#act(entry, 'start'));
    buttons.stop.addEventListener('click', () => this.#act(entry, 'stop'));
    buttons.uninstall.addEventListener('click', () => this.#act(entry, 'uninstall'));
    return entry;
  }

  #update(entry, plugin) {
    entry.plugin = plugin;
    entry.row.dataset.plugin = plugin.id;
    entry.cells.id.textContent = plugin.id;
    entry.cells.name.textContent = plugin.name === plugin.id ? '' : plugin.name;
    entry.cells.version.textContent = plugin.version;
    entry.cells.kind.textContent = plugin.kind;
    entry.cells.state.textContent = plugin.state;
    const managed = MANAGED_KINDS.has(plugin.kind);
    const reason = managed ? null : 'Core and system bundles cannot be changed from the workbench';
    entry.buttons.start.disabled = this.#busy || plugin.state === 'ACTIVE';
    entry.buttons.stop.disabled = this.#busy || !managed || plugin.state !== 'ACTIVE';
    entry.buttons.uninstall.disabled = this.#busy || !managed;
    for (const button of [entry.buttons.stop, entry.buttons.uninstall]) {
      if (reason) button.title = reason; else button.removeAttribute('title');
    }
  }

  async #act(entry, action) {
    const id = entry.plugin.id;
    this.#message.clear();
    this.#setBusy(true);
    try {
      const result = action === 'uninstall'
        ? await api('DELETE', `/plugins/${encodeURIComponent(entry.plugin.bundleId)}`)
        : await api('POST', `/plugins/${encodeURIComponent(entry.plugin.bundleId)}/${action}`);
      const verb = { start: 'started', stop: 'stopped', uninstall: 'uninstalled' }[action];
      this.#message.show(`${id} ${verb} (${result.state}).`, 'ok');
    } catch (error) {
      this.#message.show(error.message, 'error');
    } finally {
      this.#setBusy(false);
      await this.#load();
    }
  }

  async #install(input) {
    const file = input.files && input.files[0];
    if (!file) return;
    this.#message.show(`Installing ${file.name}…`, 'info');
    this.#setBusy(true);
    try {
      const plugin = await api('POST', '/plugins', file, 'application/java-archive');
      this.#message.show(`${plugin.id} ${plugin.version} installed (${plugin.state}).`, 'ok');
    } catch (error) {
      this.#message.show(`${file.name} was not installed: ${error.message}`, 'error');
    } finally {
      input.value = '';
      this.#setBusy(false);
      await this.#load();
    }
  }

  #setBusy(busy) {
    this.#busy = busy;
    for (const entry of this.#rows.values()) this.#update(entry, entry.plugin);
  }
}

if (!customElements.get('atelier-plugins-view')) {
  customElements.define('atelier-plugins-view', AtelierPluginsView);
}
