// The view the in-framework tests contribute: the shell serves this file from the
// test bundle under /views/itest-view/itest-view.js.
class ItestView extends HTMLElement {
  connectedCallback() {
    this.textContent = 'itest view';
  }
}
customElements.define('atelier-itest-view', ItestView);
