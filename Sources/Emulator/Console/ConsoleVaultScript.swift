// Emulator: the console's vault page (/console/vault.js): the resource menu, breadcrumbs and Overview.

/// One key vault: the left menu of the portal's resource page, leading to Overview here and to the
/// IAM, Keys and readiness blades of the other modules.
enum ConsoleVaultScript {
    static let js = #"""
// Console: one key vault's page and its Overview blade.

import { API_VERSIONS, arm, vaultId } from './api.js';
import { renderAccessControl } from './access.js';
import { renderAddRoleAssignment } from './assign.js';
import { renderGenerateKey, renderKeyVersion, renderKeyVersions, renderKeys } from './keys.js';
import { renderReadiness } from './readiness.js';
import { regionName, summary, vaultHash } from './vaults.js';
import { add, clear, errorBox, h, link, loading, vaultIcon } from './dom.js';

const BLADES = [
  ['overview', 'Overview'], ['iam', 'Access control (IAM)'], ['#Objects'], ['keys', 'Keys'],
  ['#Data Connect'], ['readiness', 'Data Connect readiness'],
];

export async function renderVault(ctx, sub, rg, name, blade, rest) {
  const id = vaultId(sub, rg, name);
  const content = h('div', { class: 'blade-content' }, loading());
  const menu = h('nav', { class: 'resource-menu', 'aria-label': 'Resource menu' }, BLADES.map(([key, text]) => key.startsWith('#')
    ? h('div', { class: 'menu-heading' }, key.slice(1))
    : link(vaultHash(sub, rg, name, key), text, { class: key === blade ? 'menu-item selected' : 'menu-item', 'data-testid': `menu-${key}` })));
  const bladeTitle = (BLADES.find(([key]) => key === blade) || [blade, blade])[1];
  const crumbs = [['Key vaults', '#/keyvaults'], [name, vaultHash(sub, rg, name)], [bladeTitle, vaultHash(sub, rg, name, blade)]];
  if (blade === 'keys' && rest[0] === 'generate') crumbs.push(['Create a key']);
  else if (blade === 'keys' && rest[0]) crumbs.push([rest[0], vaultHash(sub, rg, name, `keys/${encodeURIComponent(rest[0])}`)], ...(rest[1] ? [[rest[1]]] : []));
  else if (blade === 'iam' && rest[0] === 'add') crumbs.push(['Add role assignment']);
  ctx.view.append(ctx.breadcrumb(...crumbs),
    h('div', { class: 'page resource' },
      h('div', { class: 'page-header' }, vaultIcon(28), h('div', {}, h('h1', {}, `${name} | ${bladeTitle}`), h('div', { class: 'subtitle' }, 'Key vault'))),
      h('div', { class: 'resource-body' }, menu, content)));
  // A caller with data-plane roles only (the Data Connect app) may not read the vault through
  // ARM; the data-plane blades still work for it, as in the portal.
  let vault = null;
  let armError = null;
  try { vault = await arm('GET', id, API_VERSIONS.vaults); } catch (error) { armError = error; }
  const scope = { ...ctx, view: content, vault, armError, sub, rg, name, id, hash: (b) => vaultHash(sub, rg, name, b) };
  clear(content);
  if (armError) add(content, errorBox(armError, `The vault's properties could not be read: ${armError.title || 'error'}`));
  if (blade === 'overview') { if (vault) renderOverview(scope); }
  else if (blade === 'iam' && rest[0] === 'add') await renderAddRoleAssignment(scope);
  else if (blade === 'iam') await renderAccessControl(scope);
  else if (blade === 'keys' && rest[0] === 'generate') await renderGenerateKey(scope, rest[1]);
  else if (blade === 'keys' && rest.length === 2) await renderKeyVersion(scope, rest[0], rest[1]);
  else if (blade === 'keys' && rest.length === 1) await renderKeyVersions(scope, rest[0]);
  else if (blade === 'keys') await renderKeys(scope);
  else if (blade === 'readiness') await renderReadiness(scope);
  else add(content, errorBox({ message: `No blade '${blade}'.` }));
}

function renderOverview({ view, vault, sub, rg }) {
  const p = vault.properties;
  const acls = p.networkAcls || {};
  add(view, h('h2', { class: 'essentials-title' }, 'Essentials'), h('div', { class: 'essentials', 'data-testid': 'essentials' },
    summary([['Resource group', rg], ['Location', regionName(vault.location)], ['Subscription ID', sub], ['Directory ID', p.tenantId]]),
    summary([
      ['Vault URI', h('span', { 'data-testid': 'vault-uri' }, p.vaultUri)], ['Pricing tier', p.sku.name === 'premium' ? 'Premium' : 'Standard'],
      ['Permission model', h('span', { 'data-testid': 'permission-model' }, p.enableRbacAuthorization ? 'Azure role-based access control' : 'Vault access policy')],
      ['Public network access', h('span', { 'data-testid': 'public-network-access' }, p.publicNetworkAccess === 'Disabled' ? 'Disabled' : (acls.defaultAction === 'Deny' ? 'Enabled from selected networks' : 'Enabled'))],
      ['Soft-delete', p.enableSoftDelete === false ? 'Disabled' : `Enabled (${p.softDeleteRetentionInDays || 90} days)`],
      ['Purge protection', p.enablePurgeProtection ? 'Enabled' : 'Disabled'],
    ])));
}
"""#
}
