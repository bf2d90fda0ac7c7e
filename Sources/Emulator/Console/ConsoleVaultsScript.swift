// Emulator: the console's key vault pages (/console/vaults.js): list, create wizard, deployment.

/// "Key vaults", "Create a key vault" and "Your deployment is complete", as the seed's first tab
/// walks them.
enum ConsoleVaultsScript {
    static let js = #"""
// Console: key vaults through Azure Resource Manager (/arm/...).

import { API_VERSIONS, arm, listArm, parseVaultId, vaultId } from './api.js';
import { add, button, clear, commandBar, errorBox, field, h, infoBar, link, loading, notify, radioValue, radios, section, table, tabs, vaultIcon } from './dom.js';

export const REGIONS = [
  ['eastus', 'East US'], ['eastus2', 'East US 2'], ['westus', 'West US'], ['westus2', 'West US 2'], ['centralus', 'Central US'],
  ['northeurope', 'North Europe'], ['westeurope', 'West Europe'], ['uksouth', 'UK South'], ['southeastasia', 'Southeast Asia'],
];

export function regionName(location) {
  const found = REGIONS.find(([value]) => value === String(location).toLowerCase());
  return found ? found[1] : location;
}

export function vaultHash(sub, rg, name, blade = 'overview') {
  return `#/vault/${sub}/${encodeURIComponent(rg)}/${encodeURIComponent(name)}/${blade}`;
}

export async function renderVaultList(ctx) {
  const { view, breadcrumb, session } = ctx;
  const body = h('div', {}, loading());
  add(view, breadcrumb(['Key vaults']), h('div', { class: 'page' },
    h('div', { class: 'page-header' }, vaultIcon(28), h('div', {}, h('h1', {}, 'Key vaults'), h('div', { class: 'subtitle' }, 'Default Directory'))),
    commandBar(['+', 'Create', () => ctx.navigate('#/keyvaults/create'), 'create-vault'], ['\u21bb', 'Refresh', () => ctx.navigate('#/keyvaults')]),
    body));
  try {
    const vaults = [];
    for (const sub of session.subscriptions) {
      vaults.push(...await listArm(`/subscriptions/${sub}/providers/Microsoft.KeyVault/vaults`, API_VERSIONS.vaults));
    }
    clear(body, table([
      ['Name', (v) => { const id = parseVaultId(v.id); return h('span', { class: 'name-cell' }, vaultIcon(16), link(vaultHash(id.subscription, id.resourceGroup, v.name), v.name, { 'data-testid': `vault-${v.name}` })); }],
      ['Type', () => 'Key vault'],
      ['Resource group', (v) => parseVaultId(v.id).resourceGroup],
      ['Location', (v) => regionName(v.location)],
      ['Subscription', (v) => parseVaultId(v.id).subscription],
    ], vaults, { empty: 'No key vaults to display. Select \u201c+ Create\u201d to create one.', testid: 'vault-list' }));
  } catch (error) {
    clear(body, errorBox(error));
  }
}

export async function renderCreateVault(ctx) {
  const { view, breadcrumb, session } = ctx;
  const sub = session.subscriptions[0];
  const status = h('div', { class: 'wizard-status' });
  let groups = [];
  try { groups = await listArm(`/subscriptions/${sub}/resourcegroups`, API_VERSIONS.resourceGroups); } catch (error) { add(status, errorBox(error)); }

  const groupSelect = h('select', { id: 'resource-group' }, h('option', { value: '' }, 'Select a resource group'),
    groups.map((g) => h('option', { value: g.name }, g.name)));
  const newGroup = h('input', { id: 'new-resource-group', placeholder: 'Name of the new resource group', hidden: true });
  const toggleNew = h('button', { type: 'button', class: 'link-button', id: 'create-new-group' }, 'Create new');
  toggleNew.addEventListener('click', () => {
    const creating = newGroup.hidden;
    newGroup.hidden = !creating; groupSelect.hidden = creating;
    toggleNew.textContent = creating ? 'Use existing' : 'Create new';
  });
  const nameInput = h('input', { id: 'vault-name', placeholder: 'Enter the name', autocomplete: 'off', spellcheck: 'false' });
  const region = h('select', { id: 'region' }, REGIONS.map(([value, text]) => h('option', { value }, text)));
  const tier = h('select', { id: 'pricing-tier' }, h('option', { value: 'standard' }, 'Standard'), h('option', { value: 'premium' }, 'Premium'));
  const publicAccess = h('input', { type: 'checkbox', id: 'public-access', checked: true });

  const panels = [
    h('div', { class: 'tab-panel' },
      section('Project details', field('Subscription', h('div', { class: 'static' }, sub)),
        field('Resource group', h('div', {}, groupSelect, newGroup, h('div', {}, toggleNew)), { required: true })),
      section('Instance details', field('Key vault name', nameInput, { required: true, hint: '3-24 characters: letters, digits and hyphens; starts with a letter.' }),
        field('Region', region, { required: true }), field('Pricing tier', tier, { required: true }))),
    h('div', { class: 'tab-panel' }, section('Permission model',
      h('p', { class: 'section-note' }, 'Grant data plane access by using an Azure RBAC or Key Vault access policy.'),
      radios('permission-model', [['rbac', 'Azure role-based access control (recommended)'], ['policy', 'Vault access policy']], 'rbac'))),
    h('div', { class: 'tab-panel' }, section('Network connectivity',
      h('p', { class: 'section-note' }, 'You can connect to this key vault either publicly, via public IP addresses or service endpoints, or privately, using a private endpoint.'),
      field('Enable public access', h('label', { class: 'check' }, publicAccess, ' Allow access from all networks')))),
    h('div', { class: 'tab-panel' }),
  ];
  const names = ['Basics', 'Access configuration', 'Networking', 'Review + create'];
  let current = 0;
  const form = h('div', { class: 'wizard' });
  const nav = h('div', { class: 'wizard-footer' });

  function values() {
    const creatingGroup = !newGroup.hidden;
    return {
      resourceGroup: (creatingGroup ? newGroup.value : groupSelect.value).trim(), creatingGroup,
      name: nameInput.value.trim(), location: region.value, sku: tier.value,
      rbac: radioValue(form, 'permission-model') === 'rbac', publicAccess: publicAccess.checked,
    };
  }

  function problems(v) {
    const list = [];
    if (!v.resourceGroup) list.push('Select or create a resource group.');
    if (!/^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/.test(v.name) || v.name.includes('--')) list.push('The key vault name must be 3-24 characters of letters, digits and single hyphens, start with a letter and end with a letter or digit.');
    return list;
  }

  function show(index) {
    current = index;
    bar.select(index);
    panels.forEach((p, i) => { p.hidden = i !== index; });
    clear(status);
    if (index === 3) {
      const v = values();
      const issues = problems(v);
      clear(panels[3], issues.length ? h('div', {}, issues.map((t) => h('div', { class: 'message-bar error' }, h('span', { class: 'bar-glyph' }, '\u2716'), h('div', {}, t))))
        : infoBar('Validation passed', 'success'),
      section('Basics', summary([['Subscription', sub], ['Resource group', v.resourceGroup + (v.creatingGroup ? ' (new)' : '')], ['Key vault name', v.name], ['Region', regionName(v.location)], ['Pricing tier', v.sku === 'premium' ? 'Premium' : 'Standard']])),
      section('Access configuration', summary([['Permission model', v.rbac ? 'Azure role-based access control' : 'Vault access policy']])),
      section('Networking', summary([['Enable public access', v.publicAccess ? 'Yes' : 'No']])));
    }
    clear(nav,
      index === 3 ? button('Create', () => create(), { primary: true, id: 'create', disabled: problems(values()).length > 0 })
        : button('Review + create', () => show(3), { primary: true, id: 'review-create' }),
      button('< Previous', () => show(index - 1), { disabled: index === 0, id: 'previous' }),
      index < 3 ? button(`Next : ${names[index + 1]} >`, () => show(index + 1), { id: 'next' }) : null);
  }

  async function create() {
    const v = values();
    clear(status, loading('Deployment is in progress...'));
    nav.querySelectorAll('button').forEach((b) => { b.disabled = true; });
    try {
      const existing = await arm('GET', vaultId(sub, v.resourceGroup, v.name), API_VERSIONS.vaults).catch((e) => { if (e.status === 404) return null; throw e; });
      if (existing) throw { title: 'Validation failed', code: 'VaultAlreadyExists', message: `The vault name '${v.name}' is already in use.` };
      if (v.creatingGroup) await arm('PUT', `/subscriptions/${sub}/resourcegroups/${encodeURIComponent(v.resourceGroup)}`, API_VERSIONS.resourceGroups, { location: v.location });
      await arm('PUT', vaultId(sub, v.resourceGroup, v.name), API_VERSIONS.vaults, {
        location: v.location,
        properties: {
          tenantId: session.tenantId, sku: { family: 'A', name: v.sku },
          enableRbacAuthorization: v.rbac, enableSoftDelete: true, softDeleteRetentionInDays: 90,
          publicNetworkAccess: v.publicAccess ? 'Enabled' : 'Disabled',
          networkAcls: { defaultAction: v.publicAccess ? 'Allow' : 'Deny', bypass: 'AzureServices', ipRules: [], virtualNetworkRules: [] },
          // The portal gives the creator an access policy when that model is chosen.
          accessPolicies: v.rbac ? [] : [{ tenantId: session.tenantId, objectId: session.objectId, permissions: { keys: ['all'], secrets: ['all'], certificates: ['all'] } }],
        },
      });
      notify('success', 'Deployment succeeded', `Key vault ${v.name} was created.`);
      ctx.navigate(`#/deployment/${sub}/${encodeURIComponent(v.resourceGroup)}/${encodeURIComponent(v.name)}`);
    } catch (error) {
      show(3);
      add(status, errorBox(error, `Deployment failed: ${error.title || 'error'}`));
    }
  }

  const bar = tabs(names, show);
  add(form, bar, panels);
  add(view, breadcrumb(['Key vaults', '#/keyvaults'], ['Create a key vault']), h('div', { class: 'page' },
    h('div', { class: 'page-header' }, vaultIcon(28), h('h1', {}, 'Create a key vault')), form, status, nav));
  show(0);
}

export function summary(rows) {
  return h('dl', { class: 'summary' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

export async function renderDeployment(ctx, sub, rg, name) {
  ctx.view.append(ctx.breadcrumb(['Deployment']), h('div', { class: 'page' },
    h('div', { class: 'page-header' }, h('span', { class: 'done-glyph', 'aria-hidden': 'true' }, '\u2714'), h('h1', {}, 'Your deployment is complete')),
    summary([['Deployment name', `Microsoft.KeyVault-${name}`], ['Subscription', sub], ['Resource group', rg]]),
    h('div', { class: 'actions' }, button('Go to resource', () => ctx.navigate(vaultHash(sub, rg, name)), { primary: true, id: 'go-to-resource' }))));
}

"""#
}
