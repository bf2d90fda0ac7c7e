// Emulator: the console's Keys blade (/console/keys.js): list, versions, properties, Generate/Import.

/// The seed's third tab: Keys > Generate/Import > RSA, 2048 bits, named after the tenant id,
/// with an expiration date > Create, through the vault's data plane (`/vaults/{name}/keys...`).
enum ConsoleKeysScript {
    static let js = #"""
// Console: keys of one vault through its data plane.

import { listVault, parseKid, vault } from './api.js';
import { add, button, clear, commandBar, errorBox, field, formatDate, formatUTC, h, link, loading, notify, radioValue, radios, section, table } from './dom.js';

/// The modulus size in bits of a JWK's base64url `n` (no padding, no leading zero byte).
export function rsaBits(n) {
  return n ? Math.floor((n.length * 3) / 4) * 8 : null;
}

function typeLabel(key) {
  if (!key) return '';
  if (key.kty.startsWith('RSA')) return `${key.kty} ${rsaBits(key.n)}`;
  return `${key.kty} ${key.crv || ''}`.trim();
}

function statusLabel(attributes) {
  const now = Date.now() / 1000;
  if (!attributes.enabled) return 'Disabled';
  if (attributes.exp && attributes.exp <= now) return 'Expired';
  if (attributes.nbf && attributes.nbf > now) return 'Not yet active';
  return 'Enabled';
}

export async function renderKeys({ view, name, hash, navigate }) {
  const body = h('div', {}, loading());
  add(view, commandBar(['+', 'Generate/Import', () => navigate(hash('keys/generate')), 'generate-import'], ['\u21bb', 'Refresh', () => navigate(hash('keys'))]), body);
  try {
    const items = await listVault(name, '/keys');
    const keys = await Promise.all(items.map(async (item) => {
      const keyName = parseKid(item.kid).name;
      const bundle = await vault(name, 'GET', `/keys/${encodeURIComponent(keyName)}`).catch(() => null);
      return { name: keyName, attributes: item.attributes, key: bundle ? bundle.key : null };
    }));
    clear(body, table([
      ['Name', (k) => link(hash(`keys/${encodeURIComponent(k.name)}`), k.name, { 'data-testid': `key-${k.name}` })],
      ['Type', (k) => typeLabel(k.key)],
      ['Status', (k) => statusLabel(k.attributes)],
      ['Expiration date', (k) => formatDate(k.attributes.exp)],
    ], keys, { empty: 'There are no keys available.', testid: 'key-list' }));
  } catch (error) {
    clear(body, errorBox(error));
  }
}

export async function renderKeyVersions({ view, name, hash, navigate }, keyName) {
  const body = h('div', {}, loading());
  add(view, h('h2', { class: 'blade-subtitle' }, `${keyName} | Versions`),
    commandBar(['+', 'New Version', () => navigate(hash(`keys/generate/${encodeURIComponent(keyName)}`)), 'new-version'], ['\u21bb', 'Refresh', () => navigate(hash(`keys/${encodeURIComponent(keyName)}`))]), body);
  try {
    const versions = await listVault(name, `/keys/${encodeURIComponent(keyName)}/versions`);
    versions.sort((a, b) => b.attributes.created - a.attributes.created);
    const row = (title, list) => list.length ? [h('h3', { class: 'group-title' }, title), table([
      ['Version', (v) => link(hash(`keys/${encodeURIComponent(keyName)}/${parseKid(v.kid).version}`), parseKid(v.kid).version, { class: 'mono' })],
      ['Status', (v) => statusLabel(v.attributes)],
      ['Activation date', (v) => formatDate(v.attributes.nbf)],
      ['Expiration date', (v) => formatDate(v.attributes.exp)],
    ], list, { testid: title === 'CURRENT VERSION' ? 'current-version' : 'older-versions' })] : [];
    clear(body, row('CURRENT VERSION', versions.slice(0, 1)), row('OLDER VERSIONS', versions.slice(1)));
  } catch (error) {
    clear(body, errorBox(error));
  }
}

export async function renderKeyVersion({ view, name }, keyName, version) {
  const body = h('div', {}, loading());
  add(view, h('h2', { class: 'blade-subtitle mono' }, version), body);
  try {
    const bundle = await vault(name, 'GET', `/keys/${encodeURIComponent(keyName)}/${encodeURIComponent(version)}`);
    const { key, attributes } = bundle;
    const ops = ['encrypt', 'decrypt', 'sign', 'verify', 'wrapKey', 'unwrapKey'];
    clear(body, section('Properties', h('dl', { class: 'summary', 'data-testid': 'key-properties' },
      h('dt', {}, 'Key type'), h('dd', { 'data-testid': 'key-type' }, key.kty),
      key.n ? [h('dt', {}, 'RSA key size'), h('dd', { 'data-testid': 'key-size' }, String(rsaBits(key.n)))] : [h('dt', {}, 'Elliptic curve name'), h('dd', {}, key.crv)],
      h('dt', {}, 'Created'), h('dd', {}, formatDate(attributes.created)),
      h('dt', {}, 'Updated'), h('dd', {}, formatDate(attributes.updated)),
      h('dt', {}, 'Key identifier'), h('dd', { class: 'mono wrap', 'data-testid': 'key-id' }, key.kid))),
    section('Settings', h('dl', { class: 'summary' },
      h('dt', {}, 'Activation date'), h('dd', {}, attributes.nbf ? `${formatDate(attributes.nbf)} (${formatUTC(attributes.nbf)})` : 'Not set'),
      h('dt', {}, 'Expiration date'), h('dd', { 'data-testid': 'key-expires' }, attributes.exp ? `${formatDate(attributes.exp)} (${formatUTC(attributes.exp)})` : 'Not set'),
      h('dt', {}, 'Enabled'), h('dd', {}, attributes.enabled ? 'Yes' : 'No'),
      h('dt', {}, 'Permitted operations'), h('dd', {}, h('div', { class: 'ops' }, ops.map((op) =>
        h('label', { class: 'check' }, h('input', { type: 'checkbox', disabled: true, checked: (key.key_ops || []).includes(op) }), ` ${op}`)))))));
  } catch (error) {
    clear(body, errorBox(error));
  }
}

/// `YYYY-MM-DDTHH:MM` in local time, the value format of datetime-local inputs.
function localInputValue(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function dateSetting(id, label, defaultDate) {
  const toggle = h('input', { type: 'checkbox', id: `${id}-set` });
  const input = h('input', { type: 'datetime-local', id, value: localInputValue(defaultDate), disabled: true });
  const preview = h('div', { class: 'hint', id: `${id}-utc` });
  const update = () => {
    input.disabled = !toggle.checked;
    const seconds = Math.floor(new Date(input.value).getTime() / 1000);
    preview.textContent = toggle.checked && Number.isFinite(seconds) ? `= ${formatUTC(seconds)}` : '';
  };
  toggle.addEventListener('change', update);
  input.addEventListener('input', update);
  input.addEventListener('change', update);
  update();
  return {
    row: field(label, h('div', {}, h('label', { class: 'check' }, toggle, ' Set'), ' ', input, preview)),
    seconds: () => (toggle.checked ? Math.floor(new Date(input.value).getTime() / 1000) : undefined),
  };
}

export async function renderGenerateKey({ view, name, hash, navigate }, fixedName) {
  const status = h('div', { class: 'wizard-status' });
  const options = h('select', { id: 'key-options' }, h('option', { value: 'generate' }, 'Generate'), h('option', { value: 'import', disabled: true }, 'Import (not available in the emulator console)'));
  const nameInput = h('input', { id: 'key-name', autocomplete: 'off', spellcheck: 'false', value: fixedName || '', disabled: !!fixedName });
  const sizeRow = field('RSA key size', radios('key-size', [['2048', '2048'], ['3072', '3072'], ['4096', '4096']], '2048'));
  const curveRow = field('Elliptic curve name', radios('curve', [['P-256', 'P-256'], ['P-256K', 'P-256K'], ['P-384', 'P-384'], ['P-521', 'P-521']], 'P-256'));
  const form = h('div', { class: 'wizard' });
  const typeRow = field('Key type', radios('key-type', [['RSA', 'RSA'], ['EC', 'EC']], 'RSA', () => {
    const rsa = radioValue(form, 'key-type') === 'RSA';
    sizeRow.hidden = !rsa; curveRow.hidden = rsa;
  }));
  curveRow.hidden = true;
  const now = new Date();
  const activation = dateSetting('activation-date', 'Activation date', now);
  const expiration = dateSetting('expiration-date', 'Expiration date', new Date(now.getTime() + 2 * 365 * 86400 * 1000));
  const enabledRow = field('Enabled', radios('key-enabled', [['yes', 'Yes'], ['no', 'No']], 'yes'));

  async function create() {
    const keyName = nameInput.value.trim();
    if (!/^[0-9a-zA-Z-]{1,127}$/.test(keyName)) { clear(status, errorBox({ message: 'The key name must be 1-127 letters, digits and hyphens.' }, 'The name is not valid')); return; }
    const rsa = radioValue(form, 'key-type') === 'RSA';
    const attributes = { enabled: radioValue(form, 'key-enabled') === 'yes', nbf: activation.seconds(), exp: expiration.seconds() };
    const body = rsa ? { kty: 'RSA', key_size: Number(radioValue(form, 'key-size')), attributes } : { kty: 'EC', crv: radioValue(form, 'curve'), attributes };
    clear(status, loading('Creating the key...'));
    createButton.disabled = true;
    try {
      await vault(name, 'POST', `/keys/${encodeURIComponent(keyName)}/create`, body);
      notify('success', 'Key created', `The key ${keyName} was created successfully.`);
      navigate(hash(fixedName ? `keys/${encodeURIComponent(keyName)}` : 'keys'));
    } catch (error) {
      clear(status, errorBox(error));
    } finally {
      createButton.disabled = false;
    }
  }
  const createButton = button('Create', create, { primary: true, id: 'create-key' });
  add(form, field('Options', options), field('Name', nameInput, { required: true, hint: fixedName ? 'A new version of this key.' : 'Letters, digits and hyphens.' }),
    typeRow, sizeRow, curveRow, activation.row, expiration.row, enabledRow);
  add(view, h('h2', { class: 'blade-subtitle' }, fixedName ? `Create a new version of ${fixedName}` : 'Create a key'), form, status,
    h('div', { class: 'wizard-footer' }, createButton, button('Cancel', () => navigate(hash('keys')), { id: 'cancel' })));
}
"""#
}
