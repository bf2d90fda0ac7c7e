// Emulator: the console's Access control (IAM) blade (/console/access.js): the role assignments list.

/// The seed's second tab starts here: "Access control (IAM)" lists the assignments at, above and
/// below the vault, and "+ Add" leads to "Add role assignment" (assign.js).
enum ConsoleAccessScript {
    static let js = #"""
// Console: role assignments at the vault's scope.

import { API_VERSIONS, listArm, principalName, roleDefinitions } from './api.js';
import { add, clear, commandBar, errorBox, h, loading, table } from './dom.js';

function roleGuid(roleDefinitionId) {
  return String(roleDefinitionId).split('/').pop().toLowerCase();
}

function scopeLabel(assignmentScope, vaultId) {
  const scope = assignmentScope.toLowerCase();
  const vault = vaultId.toLowerCase();
  if (scope === vault) return 'This resource';
  if (scope.startsWith(vault + '/')) return `Child resource (${assignmentScope.slice(vaultId.length + 1)})`;
  if (/^\/subscriptions\/[^/]+$/.test(scope)) return 'Subscription (Inherited)';
  if (/^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+$/.test(scope)) return 'Resource group (Inherited)';
  return `${assignmentScope} (Inherited)`;
}

export async function renderAccessControl({ view, id, sub, hash, navigate }) {
  const menu = h('div', { class: 'dropdown-menu', hidden: true, role: 'menu' },
    h('button', { type: 'button', role: 'menuitem', class: 'menu-entry', 'data-testid': 'add-role-assignment', onclick: () => navigate(hash('iam/add')) }, 'Add role assignment'));
  const bar = commandBar(['+', 'Add', () => { menu.hidden = !menu.hidden; }, 'iam-add'], ['\u21bb', 'Refresh', () => navigate(hash('iam'))]);
  const body = h('div', {}, loading());
  add(view, h('div', { class: 'dropdown-anchor' }, bar, menu), h('h2', { class: 'blade-subtitle' }, 'Role assignments'),
    h('p', { class: 'section-note' }, 'Role assignments grant access at this key vault or inherit it from the resource group and subscription.'), body);
  try {
    const [assignments, roles] = await Promise.all([
      listArm(`${id}/providers/Microsoft.Authorization/roleAssignments`, API_VERSIONS.authorization),
      roleDefinitions(sub),
    ]);
    const roleName = (a) => { const r = roles.get(roleGuid(a.properties.roleDefinitionId)); return r ? r.properties.roleName : roleGuid(a.properties.roleDefinitionId); };
    assignments.sort((a, b) => roleName(a).localeCompare(roleName(b)));
    clear(body, h('div', { class: 'count' }, `${assignments.length} role assignment${assignments.length === 1 ? '' : 's'}`), table([
      ['Name', (a) => h('div', {}, h('div', {}, principalName(a.properties.principalId) || 'Unknown principal'), h('div', { class: 'muted mono' }, a.properties.principalId))],
      ['Type', (a) => a.properties.principalType === 'ServicePrincipal' ? 'App' : a.properties.principalType],
      ['Role', (a) => h('span', { class: 'role-name' }, roleName(a))],
      ['Scope', (a) => scopeLabel(a.properties.scope, id)],
    ], assignments, { empty: 'No role assignments.', testid: 'role-assignments' }));
  } catch (error) {
    clear(body, errorBox(error));
  }
}

"""#
}
