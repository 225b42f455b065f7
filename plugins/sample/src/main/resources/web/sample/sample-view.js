// The Sample view: lists what the sample platform published, through the
// `sample-posts` command of the REST API. It calls the API through the shell's
// own module (/web/api.js), which signs requests for the session and turns
// errors into messages. Every value is inserted with textContent, never as markup.

import { api } from '/web/api.js';

class AtelierSampleView extends HTMLElement {
  #status;

  connectedCallback() {
    this.replaceChildren(this.#element('h2', 'Sample'),
      this.#element('p', 'The sample platform publishes into memory, nowhere else. Posts published to it are listed here until it stops.'));
    this.#status = this.#element('p', 'Loading…');
    this.append(this.#status);
    this.#load();
  }

  async #load() {
    try {
      const result = await api('POST', '/commands/sample-posts', { args: [] });
      this.#render(Array.isArray(result.data) ? result.data : []);
    } catch (error) {
      this.#status.textContent = `Could not load the posts: ${error.message}`;
    }
  }

  #render(posts) {
    if (posts.length === 0) {
      this.#status.textContent = 'No post published yet.';
      return;
    }
    this.#status.textContent = `${posts.length} published`;
    const table = document.createElement('table');
    const head = table.createTHead().insertRow();
    for (const title of ['Id', 'Published', 'Account', 'Text']) {
      const th = document.createElement('th');
      th.textContent = title;
      head.append(th);
    }
    const body = table.createTBody();
    for (const post of posts) {
      const row = body.insertRow();
      row.dataset.remoteId = post.remoteId;
      for (const value of [post.remoteId, post.publishedAt, post.accountId, post.text]) {
        row.insertCell().textContent = value ?? '';
      }
    }
    this.append(table);
  }

  #element(name, text) {
    const element = document.createElement(name);
    element.textContent = text;
    return element;
  }
}

if (!customElements.get('atelier-sample-view')) {
  customElements.define('atelier-sample-view', AtelierSampleView);
}
