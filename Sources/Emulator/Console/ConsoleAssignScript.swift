// Emulator: the console's Add role assignment wizard (/console/assign.js): Role, Members, Review + assign.

/// The seed's second tab, steps 4-7: "Add role assignment" > Role ("Key Vault Crypto User") >
/// Members (the Data Connect application's service principal) > "Review + assign", through
/// `Microsoft.Authorization/roleAssignments` on ARM.
enum ConsoleAssignScript {
    static let js = #"""
// Console: a new role assignment at the vault's scope.

import { API_VERSIONS, arm, roleDefinitions } from './api.js';
import { add, button, clear, errorBox, h, loading, notify, radios, section, table, tabs } from './dom.js';

const PRIVILEGED = ['owner', 'contributor', 'user access administrator', 'role based access control administrator'];

export async function renderAddRoleAssignment({ view, id, sub, name, hash, navigate, session }) {
  const status = h('div', { class: 'wizard-status' });
  let roles;
  try { roles = [...(await roleDefinitions(sub)).values()]; } catch (error) { add(view, errorBox(error)); return; }
  roles.sort((a, b) => a.properties.roleName.localeCompare(b.properties.roleName));
  let role = null;
  const members = [];

  // Role tab: job function or privileged roles, searchable, one selected.
  let privileged = false;
  const search = h('input', { type: 'search', id: 'role-search', placeholder: 'Search by role name, description, or ID', autocomplete: 'off' });
  const roleTable = h('div', {});
  const kinds = tabs(['Job function roles', 'Privileged administrator roles'], (i) => { privileged = i === 1; kinds.select(i); drawRoles(); });
  function drawRoles() {
    const text = search.value.trim().toLowerCase();
    const shown = roles.filter((r) => PRIVILEGED.includes(r.properties.roleName.toLowerCase()) === privileged)
      .filter((r) => !text || r.properties.roleName.toLowerCase().includes(text) || r.properties.description.toLowerCase().includes(text) || r.name.includes(text));
    clear(roleTable, table([
      ['Name', (r) => h('span', { class: 'role-name' }, r.properties.roleName)],
      ['Description', (r) => h('span', { class: 'muted' }, r.properties.description)],
      ['Type', (r) => r.properties.type],
    ], shown, { empty: 'No roles match.', testid: 'role-table', rowClick: (r) => { role = r; drawRoles(); } }));
    roleTable.querySelectorAll('tbody tr').forEach((tr, i) => {
      const r = shown[i];
      if (!r) return;
      tr.dataset.testid = `role-${r.properties.roleName}`;
      tr.classList.toggle('selected', role !== null && r.name === role.name);
    });
  }
  search.addEventListener('input', drawRoles);

  // Members tab: the directory's principals through a side pane, or an object id typed in.
  const memberTable = h('div', {});
  const pane = h('div', { class: 'side-pane-host', hidden: true });
  const objectIdInput = h('input', { id: 'member-object-id', placeholder: 'Object ID (GUID)', autocomplete: 'off', spellcheck: 'false' });
  const memberError = h('div', {});
  function addMember(objectId) {
    const id = objectId.trim().toLowerCase();
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) { clear(memberError, h('div', { class: 'field-error' }, 'Enter an object ID in GUID form.')); return; }
    clear(memberError);
    if (members.some((m) => m.objectId === id)) return;
    const known = session.directory.find((p) => p.objectId.toLowerCase() === id);
    members.push({ objectId: id, displayName: known ? known.displayName : 'Unknown principal', principalType: known ? known.principalType : null });
    drawMembers();
  }
  function drawMembers() {
    clear(memberTable, table([
      ['Name', (m) => m.displayName], ['Object ID', (m) => h('span', { class: 'mono' }, m.objectId)],
      ['Type', (m) => m.principalType || 'Unknown'],
      ['', (m) => h('button', { type: 'button', class: 'link-button', 'aria-label': `Remove ${m.displayName}`, onclick: () => { members.splice(members.indexOf(m), 1); drawMembers(); } }, 'Remove')],
    ], members, { empty: 'No members selected', testid: 'selected-members' }));
  }
  function openPane() {
    const filter = h('input', { type: 'search', id: 'member-search', placeholder: 'Search by name or object ID', autocomplete: 'off' });
    const list = h('div', { class: 'pane-list' });
    const draw = () => {
      const text = filter.value.trim().toLowerCase();
      clear(list, session.directory.filter((p) => !text || p.displayName.toLowerCase().includes(text) || p.objectId.includes(text)).map((p) => {
        const chosen = members.some((m) => m.objectId === p.objectId.toLowerCase());
        return h('button', { type: 'button', class: chosen ? 'pane-item selected' : 'pane-item', 'data-testid': `principal-${p.displayName}`,
          onclick: () => { if (!chosen) addMember(p.objectId); else { members.splice(members.findIndex((m) => m.objectId === p.objectId.toLowerCase()), 1); drawMembers(); } draw(); } },
        h('span', { class: 'avatar', 'aria-hidden': 'true' }, p.displayName.slice(0, 2).toUpperCase()),
        h('span', { class: 'pane-text' }, h('span', {}, p.displayName), h('span', { class: 'muted mono' }, `${p.principalType} \u00b7 ${p.objectId}`)),
        chosen ? h('span', { class: 'tick', 'aria-hidden': 'true' }, '\u2714') : null);
      }));
    };
    filter.addEventListener('input', draw);
    draw();
    clear(pane, h('div', { class: 'overlay', onclick: () => { pane.hidden = true; } }),
      h('aside', { class: 'side-pane', 'aria-label': 'Select members' }, h('h2', {}, 'Select members'), filter, list,
        h('div', { class: 'pane-footer' }, button('Select', () => { pane.hidden = true; }, { primary: true, id: 'select-members-done' }), button('Close', () => { pane.hidden = true; }))));
    pane.hidden = false;
  }
  const description = h('input', { id: 'assignment-description', placeholder: 'Optional', autocomplete: 'off' });

  const reviewPanel = h('div', { class: 'tab-panel' });
  const panels = [
    h('div', { class: 'tab-panel' }, h('p', { class: 'section-note' }, 'A role definition is a collection of permissions. You can use the built-in roles or you can create your own custom roles.'), kinds, search, roleTable),
    h('div', { class: 'tab-panel' },
      h('div', { class: 'form-row' }, h('div', { class: 'form-label' }, 'Selected role'), h('div', { class: 'form-control', id: 'selected-role' })),
      h('div', { class: 'form-row' }, h('div', { class: 'form-label' }, 'Assign access to'), h('div', { class: 'form-control' },
        radios('assign-to', [['principal', 'User, group, or service principal'], ['msi', 'Managed identity', true]], 'principal'))),
      h('div', { class: 'form-row' }, h('div', { class: 'form-label' }, 'Members'), h('div', { class: 'form-control' },
        h('button', { type: 'button', class: 'link-button', id: 'select-members', onclick: openPane }, '+ Select members'),
        h('div', { class: 'inline' }, objectIdInput, button('Add by object ID', () => { addMember(objectIdInput.value); objectIdInput.value = ''; }, { id: 'add-object-id' })),
        memberError, memberTable)),
      h('div', { class: 'form-row' }, h('label', { class: 'form-label', for: 'assignment-description' }, 'Description'), h('div', { class: 'form-control' }, description))),
    reviewPanel,
  ];

  async function assign() {
    clear(status, loading('Adding role assignment...'));
    const roleDefinitionId = `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${role.name}`;
    try {
      for (const m of members) {
        const properties = { roleDefinitionId, principalId: m.objectId, description: description.value.trim() || undefined };
        if (m.principalType) properties.principalType = m.principalType;
        await arm('PUT', `${id}/providers/Microsoft.Authorization/roleAssignments/${crypto.randomUUID()}`, API_VERSIONS.authorization, { properties });
      }
      notify('success', 'Added Role assignment', `${members.map((m) => m.displayName).join(', ')} was added as ${role.properties.roleName} for ${name}.`);
      navigate(hash('iam'));
    } catch (error) {
      clear(status, errorBox(error));
    }
  }

  const names = ['Role', 'Members', 'Review + assign'];
  const nav = h('div', { class: 'wizard-footer' });
  function show(index) {
    if (index > 0 && !role) { index = 0; clear(status, errorBox({ message: 'Select a role first.' }, 'A role is required')); } else clear(status);
    if (index > 1 && members.length === 0) { index = 1; add(status, errorBox({ message: 'Select at least one member.' }, 'Members are required')); }
    bar.select(index);
    panels.forEach((p, i) => { p.hidden = i !== index; });
    const roleSlot = panels[1].querySelector('#selected-role');
    clear(roleSlot, role ? role.properties.roleName : 'No role selected');
    if (index === 2) {
      clear(reviewPanel, section('Review', h('dl', { class: 'summary' },
        h('dt', {}, 'Role'), h('dd', { 'data-testid': 'review-role' }, role.properties.roleName),
        h('dt', {}, 'Scope'), h('dd', { class: 'mono' }, id),
        h('dt', {}, 'Members'), h('dd', {}, members.map((m) => h('div', {}, `${m.displayName} (${m.objectId})`))),
        h('dt', {}, 'Description'), h('dd', {}, description.value.trim() || 'No description'))));
    }
    clear(nav, button('Review + assign', () => (index === 2 ? assign() : show(2)), { primary: true, id: 'review-assign' }),
      button('Previous', () => show(index - 1), { disabled: index === 0, id: 'previous' }),
      button('Next', () => show(index + 1), { disabled: index === 2, id: 'next' }));
  }
  const bar = tabs(names, show);
  add(view, h('h2', { class: 'blade-subtitle' }, 'Add role assignment'), h('div', { class: 'wizard' }, bar, panels), status, nav, pane);
  drawRoles();
  drawMembers();
  show(0);
}
"""#
}
