// Emulator: the console's API client (/console/api.js): sign-in, tokens in memory, ARM and vault calls.

/// Every call goes to the portal's own origin (`/login/`, `/arm/`, `/vaults/{name}/`), which the
/// server forwards to the real planes. Tokens live in module variables only: no cookie, no storage.
enum ConsoleAPIScript {
    static let js = #"""
// Console: the emulator's public APIs through the portal's same-origin prefixes.

export const API_VERSIONS = {
  resourceGroups: '2022-09-01',
  vaults: '2023-07-01',
  authorization: '2022-04-01',
  keys: '7.5',
};

const STATUS_TEXT = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  409: 'Conflict', 413: 'Payload Too Large', 429: 'Too Many Requests', 500: 'Internal Server Error', 501: 'Not Implemented',
};

/// An error answer of any of the APIs: Azure's {"error":{code,message,innererror}} or OAuth2's
/// {"error","error_description"}; `title` is the status line ("403 Forbidden").
export class ApiError extends Error {
  constructor(status, body, fallback) {
    const azure = body && typeof body.error === 'object' && body.error ? body.error : null;
    const oauth = body && typeof body.error === 'string' ? body : null;
    const message = azure ? azure.message : oauth ? oauth.error_description : fallback;
    super(message || `HTTP ${status}`);
    this.status = status;
    this.title = `${status} ${STATUS_TEXT[status] || ''}`.trim();
    this.code = azure ? azure.code : oauth ? oauth.error : null;
    this.innerCode = azure && azure.innererror ? azure.innererror.code : null;
  }
}

let settings = null;
let session = null;

export async function loadSettings() {
  const response = await fetch('/console/settings.json', { cache: 'no-store', credentials: 'omit' });
  settings = await response.json();
  return settings;
}

export function getSettings() { return settings; }
export function getSession() { return session; }

export function signOut() { session = null; }

function claims(token) {
  const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(atob(part + '='.repeat((4 - part.length % 4) % 4)));
}

async function requestToken(tenantId, clientId, clientSecret, resource) {
  const body = new URLSearchParams({
    grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: `${resource}/.default`,
  });
  const response = await fetch(`/login/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`, {
    method: 'POST', body, cache: 'no-store', credentials: 'omit',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  const json = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, json, response.statusText);
  return json.access_token;
}

/// Client credentials for both resources at once; the secret is not kept afterwards.
export async function signIn(tenantId, clientId, clientSecret) {
  const management = await requestToken(tenantId, clientId, clientSecret, settings.managementResource);
  const vault = await requestToken(tenantId, clientId, clientSecret, settings.vaultResource);
  const c = claims(management);
  const tenant = settings.tenants.find((t) => t.tenantId.toLowerCase() === String(c.tid).toLowerCase());
  // The caller's directory (as Graph would list it); the well-known principals if it cannot be read.
  let directory = tenant ? tenant.principals : [];
  try { directory = (await call('/console/directory.json', management, 'GET')).value; } catch { /* keep the well-known ones */ }
  const known = directory.find((p) => p.objectId.toLowerCase() === String(c.oid).toLowerCase());
  session = {
    tenantId: c.tid, objectId: c.oid, appId: c.appid,
    displayName: known ? known.displayName : c.appid,
    subscriptions: tenant ? tenant.subscriptions : [],
    directory,
    tokens: { management, vault },
  };
  return session;
}

async function call(url, token, method, body) {
  const headers = { Authorization: `Bearer ${token}` };
  const init = { method, headers, cache: 'no-store', credentials: 'omit' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(url, init);
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (!response.ok) throw new ApiError(response.status, json, text || response.statusText);
  return json;
}

function withVersion(path, version) {
  return path + (path.includes('?') ? '&' : '?') + `api-version=${encodeURIComponent(version)}`;
}

function requireSession() {
  if (!session) throw new ApiError(401, null, 'Sign in first.');
  return session;
}

/// `path` is an ARM path (/subscriptions/...); `version` one of API_VERSIONS.
export function arm(method, path, version, body) {
  return call('/arm' + withVersion(path, version), requireSession().tokens.management, method, body);
}

export function vault(vaultName, method, path, body) {
  return call(`/vaults/${encodeURIComponent(vaultName)}` + withVersion(path, API_VERSIONS.keys),
              requireSession().tokens.vault, method, body);
}

/// The portal path for an absolute nextLink or id of the management or a vault host.
export function portalPath(absolute) {
  const url = new URL(absolute);
  const host = url.hostname.toLowerCase();
  if (host.startsWith('management.')) return '/arm' + url.pathname + url.search;
  const vaultSuffix = '.' + settings.vaultDnsSuffix.split(':')[0];
  if (host.endsWith(vaultSuffix)) return `/vaults/${host.slice(0, -vaultSuffix.length)}` + url.pathname + url.search;
  throw new Error(`not an emulator API URL: ${absolute}`);
}

/// Every item of a paged list, following nextLink through the portal.
export async function listAll(first, token) {
  const items = [];
  let page = await first();
  for (;;) {
    items.push(...(page.value || []));
    if (!page.nextLink) return items;
    page = await call(portalPath(page.nextLink), token(), 'GET');
  }
}

export function listArm(path, version) {
  return listAll(() => arm('GET', path, version), () => requireSession().tokens.management);
}

export function listVault(vaultName, path) {
  return listAll(() => vault(vaultName, 'GET', path), () => requireSession().tokens.vault);
}

/// {vault, name, version} of a key identifier, whose host is {vault}.vault.<sfx> and path /keys/{name}[/{version}].
export function parseKid(kid) {
  const url = new URL(kid);
  const parts = url.pathname.split('/').filter(Boolean);
  return { vault: url.hostname.split('.')[0], name: decodeURIComponent(parts[1] || ''), version: parts[2] || '' };
}

/// The parts of a vault resource id.
export function parseVaultId(id) {
  const p = id.split('/');
  return { subscription: p[2], resourceGroup: p[4], name: p[8] };
}

export function vaultId(subscription, resourceGroup, name) {
  return `/subscriptions/${subscription}/resourceGroups/${encodeURIComponent(resourceGroup)}/providers/Microsoft.KeyVault/vaults/${encodeURIComponent(name)}`;
}

let roleCache = null;

/// Role definitions of the subscription by GUID (built-in and custom), fetched once per sign-in.
export async function roleDefinitions(subscription) {
  if (roleCache && roleCache.subscription === subscription && roleCache.session === session) return roleCache.roles;
  const list = await listArm(`/subscriptions/${subscription}/providers/Microsoft.Authorization/roleDefinitions`, API_VERSIONS.authorization);
  const roles = new Map(list.map((r) => [r.name.toLowerCase(), r]));
  roleCache = { subscription, session, roles };
  return roles;
}

export function principalName(objectId) {
  const known = session && session.directory.find((p) => p.objectId.toLowerCase() === String(objectId).toLowerCase());
  return known ? known.displayName : null;
}
"""#
}
