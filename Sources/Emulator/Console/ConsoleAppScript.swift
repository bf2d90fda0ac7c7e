// Emulator: the console's entry module (/console/app.js): shell, hash router, sign-in and home.

/// Loads `settings.json`, draws the top bar and routes `#/...` to the views of `vaults.js`.
enum ConsoleAppScript {
    static let js = #"""
// Console: the shell around every page, the router and the sign-in page.

import { ApiError, getSession, getSettings, loadSettings, signIn, signOut } from './api.js';
import { add, clear, errorBox, h, link, vaultIcon } from './dom.js';
import { renderVault } from './vault.js';
import { renderCreateVault, renderDeployment, renderVaultList } from './vaults.js';

const main = document.getElementById('main');
const account = document.getElementById('account');
let afterSignIn = '#/';

function navigate(hash) {
  if (location.hash === hash) route(); else location.hash = hash;
}

function breadcrumb(...items) {
  const nav = h('nav', { class: 'breadcrumb', 'aria-label': 'Breadcrumb' }, link('#/', 'Home'));
  items.forEach(([text, href], index) => add(nav, h('span', { class: 'sep', 'aria-hidden': 'true' }, ' > '),
    href && index < items.length - 1 ? link(href, text) : h('span', { 'aria-current': index === items.length - 1 ? 'page' : null }, text)));
  return nav;
}

function drawAccount() {
  const session = getSession();
  if (!session) { clear(account); return; }
  clear(account,
    h('div', { class: 'who' },
      h('div', { class: 'who-name', 'data-testid': 'signed-in-as' }, session.displayName),
      h('div', { class: 'who-tenant' }, `Tenant ${session.tenantId}`)),
    h('button', { type: 'button', class: 'signout', 'data-testid': 'sign-out', onclick: () => { signOut(); drawAccount(); navigate('#/signin'); } }, 'Sign out'));
}

function renderSignIn(view) {
  const settings = getSettings();
  const tenant = settings.tenants[0] || { tenantId: '', principals: [] };
  const admin = tenant.principals.find((p) => p.wellKnownRole === 'admin');
  const status = h('div', { class: 'signin-status' });
  const tenantInput = h('input', { id: 'tenant-id', name: 'tenant', autocomplete: 'off', spellcheck: 'false', placeholder: tenant.tenantId });
  const clientInput = h('input', { id: 'client-id', name: 'client', autocomplete: 'off', spellcheck: 'false', placeholder: admin ? admin.appId : 'Application (client) ID' });
  const secretInput = h('input', { id: 'client-secret', name: 'secret', type: 'password', autocomplete: 'off', placeholder: 'Client secret value' });
  const submit = h('button', { type: 'submit', class: 'btn primary wide', id: 'sign-in' }, 'Sign in');
  const form = h('form', { class: 'signin-form', novalidate: true },
    h('label', { for: 'tenant-id' }, 'Directory (tenant) ID'), tenantInput,
    h('label', { for: 'client-id' }, 'Application (client) ID'), clientInput,
    h('label', { for: 'client-secret' }, 'Client secret'), secretInput,
    status, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(status);
    const values = [tenantInput.value.trim(), clientInput.value.trim(), secretInput.value];
    if (values.some((v) => !v)) { add(status, h('div', { class: 'field-error' }, 'Enter the tenant ID, the client ID and the client secret.')); return; }
    submit.disabled = true;
    try {
      await signIn(...values);
      secretInput.value = '';
      drawAccount();
      navigate(afterSignIn === '#/signin' ? '#/' : afterSignIn);
    } catch (error) {
      add(status, errorBox(error instanceof ApiError ? error : { message: String(error) }, error.title || 'Sign-in failed'));
    } finally {
      submit.disabled = false;
    }
  });
  const identities = h('details', { class: 'identities' }, h('summary', {}, 'Well-known identities of this emulator'),
    h('ul', {}, tenant.principals.map((p) => h('li', {}, h('strong', {}, p.displayName), ` \u2014 client ID ${p.appId || 'n/a'}`))),
    h('p', {}, 'Their secrets are in connection.json and the README.'));
  add(view, h('div', { class: 'signin-page' }, h('div', { class: 'signin-card' },
    h('div', { class: 'ms-logo', 'aria-hidden': 'true' }, h('span'), h('span'), h('span'), h('span')),
    h('h1', {}, 'Sign in'),
    h('p', { class: 'signin-lead' }, 'Sign in to the Azure portal emulator with an application\u2019s client credentials.'),
    form, identities)));
}

function renderHome(view) {
  add(view, h('div', { class: 'page home' },
    h('h1', { class: 'home-title' }, 'Azure services'),
    h('div', { class: 'tiles' },
      h('a', { class: 'tile', href: '#/keyvaults', 'data-testid': 'tile-keyvaults' }, vaultIcon(40), h('span', {}, 'Key vaults')),
      h('a', { class: 'tile', href: '#/keyvaults/create' }, h('span', { class: 'tile-plus', 'aria-hidden': 'true' }, '+'), h('span', {}, 'Create a resource'))),
    h('p', { class: 'home-note' }, 'This console drives the emulator\u2019s Azure Resource Manager, Entra ID and Key Vault APIs. ',
      'Follow \u201cUse encryption with Microsoft Graph Data Connect\u201d: create a key vault, grant roles, generate the key, ',
      'then open the vault\u2019s Data Connect readiness page.')));
}

async function route() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const parts = hash.split('/').filter(Boolean).map(decodeURIComponent);
  const view = h('div', { class: 'view' });
  clear(main, view);
  if (!getSession()) {
    if (parts[0] !== 'signin') afterSignIn = location.hash || '#/';
    document.title = 'Sign in \u2013 Microsoft Azure (emulator)';
    renderSignIn(view);
    return;
  }
  const ctx = { view, navigate, breadcrumb, session: getSession() };
  document.title = 'Microsoft Azure (emulator)';
  try {
    if (parts.length === 0 || parts[0] === 'signin') renderHome(view);
    else if (parts[0] === 'keyvaults' && parts[1] === 'create') await renderCreateVault(ctx);
    else if (parts[0] === 'keyvaults') await renderVaultList(ctx);
    else if (parts[0] === 'deployment' && parts.length >= 4) await renderDeployment(ctx, parts[1], parts[2], parts[3]);
    else if (parts[0] === 'vault' && parts.length >= 4) await renderVault(ctx, parts[1], parts[2], parts[3], parts[4] || 'overview', parts.slice(5));
    else add(view, breadcrumb(['Not found']), h('div', { class: 'page' }, h('h1', {}, 'Page not found'), link('#/', 'Go to Home')));
  } catch (error) {
    add(view, h('div', { class: 'page' }, errorBox(error)));
  }
}

async function start() {
  await loadSettings();
  window.addEventListener('hashchange', route);
  await route();
  document.body.dataset.ready = 'true';
}

start().catch((error) => clear(main, errorBox({ message: `The console could not start: ${error}` })));
"""#
}
