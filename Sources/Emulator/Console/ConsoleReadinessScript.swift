// Emulator: the console's Data Connect readiness blade (/console/readiness.js): the seed's requirements, checked.

/// Checks the vault against "Use encryption with Microsoft Graph Data Connect" with the signed-in
/// caller's own access, and shows pass or fail per portal step with what was found.
enum ConsoleReadinessScript {
    static let js = #"""
// Console: is this vault set up as Data Connect custom encryption requires?

import { API_VERSIONS, listArm, vault } from './api.js';
import { add, clear, formatUTC, h, loading } from './dom.js';
import { rsaBits } from './keys.js';

const CRYPTO_USER = '12338af0-0e69-4776-bea7-57ae8d297424';

const TABS = {
  setup: 'Setting up Azure Key Vault',
  existing: 'Using your existing Azure Key Vault',
  keys: 'Generating RSA keys with your Azure Key Vault',
};

function describe(error) {
  // The first line only: Key Vault's RBAC denials go on for ten lines of diagnostics.
  return `${error.title || 'Error'} \u2014 ${[error.code, error.innerCode].filter(Boolean).join(' / ')}: ${String(error.message).split(/\r?\n/)[0]}`;
}

function checkVaultProperties(p, check) {
  check('permission-model', TABS.setup, 'Step 3', 'Permission model: Azure role-based access control (recommended)',
    p.enableRbacAuthorization ? 'pass' : 'fail',
    p.enableRbacAuthorization ? 'The vault uses Azure RBAC.' : 'The vault uses vault access policies; role assignments do not apply to its data plane.');
  const acls = p.networkAcls || {};
  const publicOk = p.publicNetworkAccess !== 'Disabled' && acls.defaultAction !== 'Deny';
  check('public-access', TABS.setup, 'Step 4', 'Networking: public access enabled (all networks)', publicOk ? 'pass' : 'fail',
    p.publicNetworkAccess === 'Disabled' ? 'Public network access is disabled: Data Connect cannot reach the vault.'
      : acls.defaultAction === 'Deny' ? 'Public access is limited to selected networks: Data Connect is not among them.'
        : 'Public network access is enabled from all networks.');
}

async function evaluate({ vault: resource, armError, id, name, session }) {
  const checks = [];
  const check = (key, tab, step, requirement, status, finding) => checks.push({ key, tab, step, requirement, status, finding });
  if (!resource) {
    const finding = `The vault could not be read through Azure Resource Manager: ${describe(armError)}`;
    check('permission-model', TABS.setup, 'Step 3', 'Permission model: Azure role-based access control (recommended)', 'unknown', finding);
    check('public-access', TABS.setup, 'Step 4', 'Networking: public access enabled (all networks)', 'unknown', finding);
  } else {
    checkVaultProperties(resource.properties, check);
  }
  const tenantId = resource ? resource.properties.tenantId : session.tenantId;

  const app = session.directory.find((principal) => principal.wellKnownRole === 'dataConnectApp');
  if (!app) {
    check('crypto-user', TABS.existing, 'Steps 5-7', 'Key Vault Crypto User for the Data Connect application\u2019s service principal', 'unknown', 'This directory has no Data Connect application.');
  } else {
    try {
      const assignments = await listArm(`${id}/providers/Microsoft.Authorization/roleAssignments?$filter=${encodeURIComponent(`principalId eq '${app.objectId}'`)}`, API_VERSIONS.authorization);
      const keyScope = `${id}/keys/${tenantId}`.toLowerCase();
      const vaultScope = id.toLowerCase();
      const covers = (scope) => vaultScope === scope || vaultScope.startsWith(scope + '/') || scope === keyScope;
      const granting = assignments.find((a) => a.properties.roleDefinitionId.toLowerCase().endsWith(CRYPTO_USER)
        && covers(a.properties.scope.toLowerCase().replace(/\/+$/, '')));
      check('crypto-user', TABS.existing, 'Steps 5-7', 'Key Vault Crypto User for the Data Connect application\u2019s service principal',
        granting ? 'pass' : 'fail',
        granting ? `${app.displayName} (object ID ${app.objectId}) holds it at ${granting.properties.scope}.`
          : `No Key Vault Crypto User assignment for ${app.displayName} (object ID ${app.objectId}) at this vault or above.`);
    } catch (error) {
      check('crypto-user', TABS.existing, 'Steps 5-7', 'Key Vault Crypto User for the Data Connect application\u2019s service principal', 'unknown', `Role assignments could not be read: ${describe(error)}`);
    }
  }

  let bundle = null;
  let keyProblem = null;
  try {
    bundle = await vault(name, 'GET', `/keys/${tenantId}`);
  } catch (error) {
    keyProblem = error;
  }
  const keyRequirement = `An RSA key named after the tenant ID (${tenantId})`;
  if (!bundle) {
    const missing = keyProblem.status === 404;
    const finding = missing ? `No key named ${tenantId} in this vault.` : `The key could not be read as ${session.displayName}: ${describe(keyProblem)}`;
    check('key-exists', TABS.keys, 'Step 4', keyRequirement, missing ? 'fail' : 'unknown', finding);
    check('key-rsa-2048', TABS.keys, 'Step 4', 'Key type RSA, key size 2048 bits', 'unknown', 'Needs the key.');
    check('key-expiration', TABS.keys, 'Step 4 (note)', 'An expiration date, in the future; the key enabled', 'unknown', 'Needs the key.');
    return checks;
  }
  const { key, attributes } = bundle;
  check('key-exists', TABS.keys, 'Step 4', keyRequirement, 'pass', `Found ${key.kid}.`);
  const bits = key.kty.startsWith('RSA') ? rsaBits(key.n) : null;
  check('key-rsa-2048', TABS.keys, 'Step 4', 'Key type RSA, key size 2048 bits', bits === 2048 ? 'pass' : 'fail',
    bits ? `${key.kty}, ${bits} bits.` : `${key.kty} ${key.crv || ''}: not an RSA key.`);
  const now = Date.now() / 1000;
  let expiry = 'pass';
  let finding = `Expires ${attributes.exp ? formatUTC(attributes.exp) : ''}.`;
  if (!attributes.exp) { expiry = 'fail'; finding = 'No expiration date is set.'; }
  else if (attributes.exp <= now) { expiry = 'fail'; finding = `Expired ${formatUTC(attributes.exp)}.`; }
  else if (!attributes.enabled) { expiry = 'fail'; finding = 'The current version is disabled.'; }
  else if (attributes.nbf && attributes.nbf > now) { expiry = 'fail'; finding = `Not active before ${formatUTC(attributes.nbf)}.`; }
  check('key-expiration', TABS.keys, 'Step 4 (note)', 'An expiration date, in the future; the key enabled', expiry, finding);
  return checks;
}

const GLYPH = { pass: '\u2714', fail: '\u2716', unknown: '?' };

export async function renderReadiness(scope) {
  const { view } = scope;
  const body = h('div', {}, loading('Checking the vault...'));
  add(view, h('div', { class: 'command-bar' }, h('button', { type: 'button', class: 'command', id: 'rerun-checks', onclick: () => run() }, h('span', { class: 'glyph' }, '\u21bb'), 'Re-run checks')),
    h('p', { class: 'section-note' }, 'The requirements of \u201cUse encryption with Microsoft Graph Data Connect\u201d, checked against this vault with your access.'), body);
  async function run() {
    clear(body, loading('Checking the vault...'));
    const checks = await evaluate(scope);
    const failing = checks.filter((c) => c.status !== 'pass').length;
    const ready = failing === 0;
    clear(body,
      h('div', { class: `message-bar ${ready ? 'success' : 'error'}`, 'data-testid': 'readiness-summary', 'data-status': ready ? 'pass' : 'fail' },
        h('span', { class: 'bar-glyph', 'aria-hidden': 'true' }, ready ? '\u2714' : '\u2716'),
        h('div', {}, ready ? 'Ready: Data Connect can encrypt deliveries with this vault\u2019s key.'
          : `Not ready: ${failing} of ${checks.length} requirements are not met.`)),
      Object.values(TABS).map((tab) => h('section', { class: 'form-section' }, h('h2', {}, tab),
        h('table', { class: 'grid readiness' }, h('tbody', {}, checks.filter((c) => c.tab === tab).map((c) =>
          h('tr', { 'data-check': c.key, 'data-status': c.status },
            h('td', { class: `status ${c.status}` }, h('span', { 'aria-hidden': 'true' }, GLYPH[c.status]), h('span', { class: 'status-text' }, c.status === 'pass' ? 'Passed' : c.status === 'fail' ? 'Failed' : 'Not checked')),
            h('td', { class: 'step' }, c.step),
            h('td', {}, h('div', { class: 'requirement' }, c.requirement), h('div', { class: 'muted finding' }, c.finding)))))))));
  }
  await run();
}
"""#
}
