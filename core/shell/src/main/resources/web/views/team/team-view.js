// The Team view. Administrators manage people (add, disable or enable, delete)
// and, per workspace, who has which role; everybody manages their own API
// tokens. A password or a token secret is shown once, right after it was made:
// the workbench keeps only their hashes. All names are untrusted text and go
// into the page as text (el, textContent), never as markup.

import { api, session } from '/web/api.js';
import { confirmButton, el, formatInstant, markInvalid, messageArea } from '/web/dom.js';

const ROLES = ['OWNER', 'MANAGER', 'EDITOR', 'CONTRIBUTOR', 'ANALYST', 'CLIENT'];

/** 18 random bytes as 24 URL-safe characters: a password nobody has to invent. */
function generatedPassword() {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_');
}

/** A secret shown this once, with a button that copies it. */
function secretBox(title, secret) {
  const copy = el('button', { type: 'button' }, 'Copy');
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(secret);
      copy.textContent = 'Copied';
    } catch {
      copy.textContent = 'Select and copy it';
    }
  });
  return el('div', { class: 'panel secret', role: 'status' },
    el('p', {}, title, ' It is shown this once.'),
    el('code', { class: 'token-secret' }, secret), ' ', copy);
}

class AtelierTeamView extends HTMLElement {
  #message = messageArea();
  #secret = el('div');
  #peopleBody = el('tbody');
  #tokenBody = el('tbody');
  #membersSection = el('section');
  #workspaces = [];

  async connectedCallback() {
    this.replaceChildren(el('h1', {}, 'Team'), this.#message.element, this.#secret);
    let me;
    try {
      me = await session();
    } catch (error) {
      this.#message.show(error.message, 'error');
      return;
    }
    try {
      this.#workspaces = await api('GET', '/workspaces');
    } catch (error) {
      this.#message.show(`Could not list the workspaces: ${error.message}`, 'error');
    }
    if (me.person.admin) {
      this.append(
        el('h2', {}, 'People'),
        this.#personForm(),
        el('table', { class: 'people' },
          el('thead', {}, el('tr', {}, ['Name', 'E-mail', 'Administrator', 'Status', ''].map((t) => el('th', {}, t)))),
          this.#peopleBody),
        el('h2', {}, 'Roles per workspace'),
        this.#membersSection);
      await this.#loadPeople();
    }
    this.append(
      el('h2', {}, 'My API tokens'),
      el('p', { class: 'muted' }, 'For scripts: send it as “Authorization: Bearer <token>”. '
        + 'A token never does more than you, and can be limited to a role and to some workspaces.'),
      this.#tokenForm(),
      el('table', { class: 'tokens' },
        el('thead', {}, el('tr', {}, ['Name', 'Role cap', 'Workspaces', 'Created', 'Last used', 'Status', '']
          .map((t) => el('th', {}, t)))),
        this.#tokenBody));
    await this.#loadTokens();
  }

  #showSecret(title, secret) {
    this.#secret.replaceChildren(secretBox(title, secret));
  }

  // --- people (administrators)

  #personForm() {
    const form = el('form', { id: 'person-add', class: 'inline panel', novalidate: true },
      el('label', {}, 'E-mail', el('input', { name: 'email', type: 'email', required: true, autocomplete: 'off' })),
      el('label', {}, 'Display name', el('input', { name: 'displayName', required: true, maxlength: 120,
        autocomplete: 'off' })),
      el('label', {}, 'Password', el('input', { name: 'password', type: 'text', autocomplete: 'new-password',
        placeholder: 'empty: generated' }),
      el('span', { class: 'help' }, 'At least 12 characters.')),
      el('label', { class: 'checkbox' }, el('input', { name: 'admin', type: 'checkbox' }), 'Administrator'),
      el('button', { type: 'submit', class: 'primary' }, 'Add person'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const typed = form.elements.password.value;
      const password = typed === '' ? generatedPassword() : typed;
      try {
        const person = await api('POST', '/people', {
          email: form.elements.email.value,
          displayName: form.elements.displayName.value,
          password,
          admin: form.elements.admin.checked,
        });
        markInvalid(form, null);
        form.reset();
        this.#message.show(`${person.displayName} can sign in as ${person.email}.`, 'ok');
        this.#showSecret(`Password of ${person.email}:`, password);
        await this.#loadPeople();
      } catch (error) {
        markInvalid(form, error.field);
        this.#message.show(error.message, 'error');
      }
    });
    return form;
  }

  async #loadPeople() {
    let people;
    try {
      people = await api('GET', '/people');
    } catch (error) {
      this.#message.show(`Could not list the people: ${error.message}`, 'error');
      return;
    }
    this.#peopleBody.replaceChildren(...people.map((person) => this.#personRow(person)));
    await this.#loadMembers(people);
  }

  #personRow(person) {
    const toggle = el('button', { type: 'button', dataset: { action: person.disabled ? 'enable' : 'disable' } },
      person.disabled ? 'Enable' : 'Disable');
    toggle.addEventListener('click', () => this.#change(person, { disabled: !person.disabled }));
    return el('tr', { dataset: { person: person.id } },
      el('td', {}, person.displayName),
      el('td', {}, person.email),
      el('td', {}, person.admin ? 'yes' : ''),
      el('td', { class: 'state' }, person.disabled ? 'disabled' : 'active'),
      el('td', { class: 'actions' }, toggle,
        confirmButton('Delete', 'Really delete?', () => this.#deletePerson(person), { dataset: { action: 'delete' } })));
  }

  async #change(person, patch) {
    try {
      await api('PATCH', `/people/${encodeURIComponent(person.id)}`, patch);
      this.#message.show(`${person.displayName} is ${patch.disabled ? 'disabled' : 'enabled'}.`, 'ok');
      await this.#loadPeople();
    } catch (error) {
      this.#message.show(error.message, 'error');
    }
  }

  async #deletePerson(person) {
    try {
      await api('DELETE', `/people/${encodeURIComponent(person.id)}`);
      this.#message.show(`${person.displayName} was deleted.`, 'ok');
      await this.#loadPeople();
    } catch (error) {
      this.#message.show(error.message, 'error');
    }
  }

  // --- roles per workspace (administrators)

  async #loadMembers(people) {
    if (this.#workspaces.length === 0) {
      this.#membersSection.replaceChildren(el('p', { class: 'muted' }, 'No workspace yet.'));
      return;
    }
    const blocks = [];
    for (const workspace of this.#workspaces) {
      let members = [];
      try {
        members = await api('GET', `/workspaces/${encodeURIComponent(workspace.id)}/members`);
      } catch (error) {
        blocks.push(el('p', { class: 'message message-error' }, `${workspace.name}: ${error.message}`));
        continue;
      }
      blocks.push(this.#workspaceMembers(workspace, members, people));
    }
    this.#membersSection.replaceChildren(...blocks);
  }

  #workspaceMembers(workspace, members, people) {
    const path = `/workspaces/${encodeURIComponent(workspace.id)}/members/`;
    const roleSelect = (selected) => el('select', { name: 'role' },
      ROLES.map((role) => el('option', { value: role, selected: role === selected }, role)));
    const rows = members.map((member) => {
      const select = roleSelect(member.role);
      select.addEventListener('change', () => this.#setRole(path, member.personId, select.value, member.displayName));
      return el('tr', { dataset: { member: member.personId } },
        el('td', {}, member.displayName), el('td', {}, member.email), el('td', {}, select),
        el('td', { class: 'actions' }, confirmButton('Remove', 'Really remove?', async () => {
          try {
            await api('DELETE', path + encodeURIComponent(member.personId));
            this.#message.show(`${member.displayName} left ${workspace.name}.`, 'ok');
            await this.#loadPeople();
          } catch (error) {
            this.#message.show(error.message, 'error');
          }
        })));
    });
    const outsiders = people.filter((p) => !members.some((m) => m.personId === p.id));
    const add = el('form', { class: 'inline member-add' },
      el('label', {}, 'Person', el('select', { name: 'person' },
        outsiders.map((p) => el('option', { value: p.id }, `${p.displayName} (${p.email})`)))),
      el('label', {}, 'Role', roleSelect('EDITOR')),
      el('button', { type: 'submit', disabled: outsiders.length === 0 }, 'Add to workspace'));
    add.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#setRole(path, add.elements.person.value, add.elements.role.value, 'The person');
    });
    return el('div', { class: 'panel', dataset: { workspace: workspace.id } },
      el('h3', {}, workspace.name),
      rows.length === 0 ? el('p', { class: 'muted' }, 'Nobody yet.')
        : el('table', {}, el('thead', {}, el('tr', {}, ['Name', 'E-mail', 'Role', ''].map((t) => el('th', {}, t)))),
          el('tbody', {}, rows)),
      add);
  }

  async #setRole(path, personId, role, name) {
    try {
      await api('PUT', path + encodeURIComponent(personId), { role });
      this.#message.show(`${name} is ${role}.`, 'ok');
      await this.#loadPeople();
    } catch (error) {
      this.#message.show(error.message, 'error');
    }
  }

  // --- my API tokens (everybody)

  #tokenForm() {
    const form = el('form', { id: 'token-create', class: 'inline panel', novalidate: true },
      el('label', {}, 'Name', el('input', { name: 'name', required: true, maxlength: 120, autocomplete: 'off' })),
      el('label', {}, 'Role cap', el('select', { name: 'maxRole' },
        el('option', { value: '' }, 'my own roles'), ROLES.map((role) => el('option', { value: role }, role)))),
      el('label', {}, 'Workspaces', el('select', { name: 'workspaces', multiple: true, size: 3 },
        this.#workspaces.map((w) => el('option', { value: w.id }, w.name))),
      el('span', { class: 'help' }, 'None selected: all of mine.')),
      el('button', { type: 'submit', class: 'primary' }, 'Create token'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = { name: form.elements.name.value };
      if (form.elements.maxRole.value) body.maxRole = form.elements.maxRole.value;
      const workspaces = [...form.elements.workspaces.selectedOptions].map((o) => o.value);
      if (workspaces.length > 0) body.workspaces = workspaces;
      try {
        const token = await api('POST', '/tokens', body);
        markInvalid(form, null);
        form.reset();
        this.#message.show(`Token “${token.name}” created.`, 'ok');
        this.#showSecret(`Secret of the token “${token.name}”:`, token.token);
        await this.#loadTokens();
      } catch (error) {
        markInvalid(form, error.field);
        this.#message.show(error.message, 'error');
      }
    });
    return form;
  }

  async #loadTokens() {
    let tokens;
    try {
      tokens = await api('GET', '/tokens');
    } catch (error) {
      this.#message.show(`Could not list your tokens: ${error.message}`, 'error');
      return;
    }
    if (tokens.length === 0) {
      this.#tokenBody.replaceChildren(el('tr', {}, el('td', { colspan: 7, class: 'muted' }, 'No token yet.')));
      return;
    }
    const names = new Map(this.#workspaces.map((w) => [w.id, w.name]));
    this.#tokenBody.replaceChildren(...tokens.map((token) => el('tr', { dataset: { token: token.id } },
      el('td', {}, token.name),
      el('td', {}, token.maxRole || ''),
      el('td', {}, token.workspaces.length === 0 ? 'all of mine' : token.workspaces.map((id) => names.get(id) || id)
        .join(', ')),
      el('td', {}, formatInstant(token.created)),
      el('td', {}, formatInstant(token.lastUsed)),
      el('td', { class: 'state' }, token.revoked ? 'revoked' : 'active'),
      el('td', { class: 'actions' }, token.revoked ? '' : confirmButton('Revoke', 'Really revoke?', async () => {
        try {
          await api('DELETE', `/tokens/${encodeURIComponent(token.id)}`);
          this.#message.show(`Token “${token.name}” revoked.`, 'ok');
          await this.#loadTokens();
        } catch (error) {
          this.#message.show(error.message, 'error');
        }
      }, { dataset: { action: 'revoke' } })))));
  }
}

customElements.define('atelier-team-view', AtelierTeamView);
