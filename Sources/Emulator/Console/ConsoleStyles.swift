// Emulator: the console's style sheet (/console/console.css), after the Azure portal's look.

/// Colours and spacing of the Azure portal's light theme (Fluent UI): blue command links, grey
/// rules, 13 px Segoe UI (Liberation Sans or DejaVu Sans where Segoe is absent).
enum ConsoleStyles {
    static let css = #"""
:root {
  --blue: #0078d4; --blue-dark: #106ebe; --text: #323130; --muted: #605e5c; --rule: #edebe9;
  --hover: #f3f2f1; --red: #a4262c; --red-bg: #fde7e9; --green: #107c10; --green-bg: #dff6dd;
  --yellow-bg: #fff4ce; --info-bg: #f3f2f1;
}
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body {
  font: 13px/1.45 "Segoe UI", "Segoe UI Web (West European)", "Liberation Sans", "DejaVu Sans", Arial, sans-serif;
  color: var(--text); background: #faf9f8; min-width: 900px;
}
a { color: var(--blue); text-decoration: none; }
a:hover { text-decoration: underline; }
h1 { font-size: 24px; font-weight: 600; margin: 0; line-height: 1.25; }
h2 { font-size: 16px; font-weight: 600; margin: 0 0 8px; }
h3 { font-size: 12px; font-weight: 600; margin: 16px 0 4px; color: var(--muted); letter-spacing: .04em; }
.mono { font-family: "Cascadia Mono", "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 12px; }
.muted { color: var(--muted); }
.wrap { overflow-wrap: anywhere; }
[hidden] { display: none !important; }

.topbar { display: flex; align-items: center; gap: 24px; height: 40px; padding: 0 16px; background: #1b1a19; color: #fff; }
.brand { color: #fff; font-size: 15px; font-weight: 600; white-space: nowrap; }
.brand:hover { text-decoration: none; }
.badge { font-size: 11px; font-weight: 600; background: var(--blue); border-radius: 2px; padding: 1px 6px; margin-left: 6px; vertical-align: 2px; }
.search { flex: 1; max-width: 520px; margin: 0 auto; height: 28px; line-height: 28px; padding: 0 12px; border-radius: 2px;
  background: #3b3a39; color: #c8c6c4; font-size: 13px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.account { display: flex; align-items: center; gap: 12px; min-width: 0; }
.who { text-align: right; line-height: 1.2; min-width: 0; }
.who-name { font-weight: 600; font-size: 12px; }
.who-tenant { font-size: 10px; color: #c8c6c4; white-space: nowrap; }
.signout { background: none; border: 1px solid #8a8886; color: #fff; border-radius: 2px; padding: 3px 10px; font: inherit; cursor: pointer; }
.signout:hover { background: #3b3a39; }

.main { min-height: calc(100% - 40px); }
.breadcrumb { padding: 10px 24px 0; font-size: 12px; color: var(--muted); }
.breadcrumb .sep { color: var(--muted); }
.page { padding: 12px 24px 32px; max-width: 1400px; }
.page-header { display: flex; align-items: center; gap: 12px; margin-bottom: 12px; }
.subtitle { color: var(--muted); font-size: 12px; margin-top: 2px; }
.icon { flex: none; }

.home-title { font-size: 20px; margin: 8px 0 16px; }
.tiles { display: flex; gap: 16px; flex-wrap: wrap; }
.tile { width: 120px; height: 104px; display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 10px;
  background: #fff; border: 1px solid var(--rule); border-radius: 2px; color: var(--text); text-align: center; }
.tile:hover { text-decoration: none; background: var(--hover); }
.tile-plus { font-size: 34px; line-height: 40px; color: var(--blue); }
.home-note { max-width: 720px; color: var(--muted); margin-top: 24px; }

.command-bar { display: flex; flex-wrap: wrap; gap: 2px; border-bottom: 1px solid var(--rule); padding: 4px 0; margin-bottom: 12px; }
.command { display: inline-flex; align-items: center; gap: 6px; background: none; border: 0; border-radius: 2px; padding: 6px 10px;
  font: inherit; color: var(--text); cursor: pointer; }
.command:hover { background: var(--hover); }
.command .glyph { color: var(--blue); font-size: 16px; line-height: 1; }
.dropdown-anchor { position: relative; }
.dropdown-menu { position: absolute; top: 38px; left: 0; z-index: 5; min-width: 220px; background: #fff; border: 1px solid var(--rule);
  box-shadow: 0 6px 14px rgba(0,0,0,.13); padding: 4px 0; }
.menu-entry { display: block; width: 100%; text-align: left; background: none; border: 0; padding: 8px 14px; font: inherit; cursor: pointer; }
.menu-entry:hover { background: var(--hover); }

.grid { width: 100%; border-collapse: collapse; background: #fff; table-layout: auto; }
.grid th { text-align: left; font-weight: 600; padding: 8px 10px; border-bottom: 1px solid #c8c6c4; white-space: nowrap; }
.grid td { padding: 8px 10px; border-bottom: 1px solid var(--rule); vertical-align: top; overflow-wrap: break-word; }
.grid tr.clickable { cursor: pointer; }
.grid tr.clickable:hover td { background: var(--hover); }
.grid tr.selected td, .grid tr.selected:hover td { background: #deecf9; }
.role-name { white-space: nowrap; }
.grid td.empty { color: var(--muted); text-align: center; padding: 20px; }
.name-cell { display: inline-flex; align-items: center; gap: 8px; }
.count { color: var(--muted); margin: 4px 0 8px; }
.group-title { margin-top: 12px; }

.resource .page-header h1 { font-size: 20px; }
.resource-body { display: flex; align-items: flex-start; gap: 0; background: #fff; border: 1px solid var(--rule); min-height: 480px; }
.resource-menu { flex: none; width: 220px; border-right: 1px solid var(--rule); padding: 8px 0; align-self: stretch; }
.menu-item { display: block; padding: 7px 16px; color: var(--text); border-left: 3px solid transparent; }
.menu-item:hover { background: var(--hover); text-decoration: none; }
.menu-item.selected { background: var(--rule); border-left-color: var(--blue); font-weight: 600; }
.menu-heading { padding: 12px 16px 4px; font-size: 12px; font-weight: 600; color: var(--muted); }
.blade-content { flex: 1; min-width: 0; padding: 8px 20px 24px; }
.blade-subtitle { font-size: 16px; margin: 8px 0 8px; }
.essentials-title { font-size: 14px; margin-top: 8px; }
.essentials { display: grid; grid-template-columns: 1fr 1fr; gap: 0 32px; align-items: start; border-bottom: 1px solid var(--rule); padding-bottom: 8px; }

.summary { display: grid; grid-template-columns: minmax(140px, 200px) 1fr; gap: 6px 16px; margin: 0 0 8px; align-content: start; }
.summary dt { color: var(--muted); }
.summary dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }

.wizard { background: #fff; }
.tabs { display: flex; gap: 4px; border-bottom: 1px solid var(--rule); margin-bottom: 16px; }
.tab { background: none; border: 0; border-bottom: 2px solid transparent; padding: 8px 12px; font: inherit; cursor: pointer; color: var(--text); }
.tab:hover { background: var(--hover); }
.tab.selected { border-bottom-color: var(--blue); font-weight: 600; }
.tab-panel { padding: 0 4px; }
.form-section { margin: 8px 0 20px; }
.form-section h2 { font-size: 15px; padding-bottom: 6px; border-bottom: 1px solid var(--rule); }
.section-note { color: var(--muted); max-width: 760px; margin: 4px 0 12px; }
.form-row { display: grid; grid-template-columns: 220px minmax(0, 760px); gap: 12px; align-items: start; padding: 7px 0; }
.form-label { padding-top: 6px; font-weight: 600; }
.required { color: var(--red); }
.form-control { min-width: 0; }
.static { padding-top: 6px; }
.hint { color: var(--muted); font-size: 12px; margin-top: 4px; }
input, select { font: inherit; color: var(--text); }
input:not([type]), input[type=search], input[type=password], input[type=text], input[type=datetime-local], select {
  height: 32px; padding: 0 8px; border: 1px solid #8a8886; border-radius: 2px; background: #fff; width: 100%; max-width: 520px; }
input[type=datetime-local] { width: auto; }
input:focus, select:focus { outline: 2px solid var(--blue); outline-offset: -1px; }
input:disabled { background: var(--hover); color: var(--muted); }
.radios { display: flex; flex-direction: column; gap: 6px; padding-top: 6px; }
.radio, .check { display: inline-flex; align-items: center; gap: 4px; cursor: pointer; }
.radio.disabled { color: #a19f9d; cursor: default; }
.ops { display: flex; flex-wrap: wrap; gap: 4px 16px; }
.inline { display: flex; gap: 8px; margin: 8px 0; max-width: 520px; }
.inline input { flex: 1; }
.link-button { background: none; border: 0; padding: 4px 0; color: var(--blue); font: inherit; cursor: pointer; }
.link-button:hover { text-decoration: underline; }
#role-search, #member-search { margin: 0 0 10px; }

.btn { height: 32px; padding: 0 16px; border: 1px solid #8a8886; border-radius: 2px; background: #fff; color: var(--text);
  font: inherit; font-weight: 600; cursor: pointer; white-space: nowrap; }
.btn:hover { background: var(--hover); }
.btn.primary { background: var(--blue); border-color: var(--blue); color: #fff; }
.btn.primary:hover { background: var(--blue-dark); }
.btn:disabled { background: var(--hover); border-color: var(--hover); color: #a19f9d; cursor: default; }
.btn.wide { width: 100%; margin-top: 16px; }
.wizard-footer, .actions { display: flex; gap: 8px; padding: 12px 0; margin-top: 12px; border-top: 1px solid var(--rule); }
.wizard-status { margin-top: 8px; }

.message-bar { display: flex; gap: 10px; align-items: flex-start; padding: 8px 12px; margin: 8px 0; border-radius: 2px; max-width: 900px; }
.message-bar.error { background: var(--red-bg); }
.message-bar.error .bar-glyph { color: var(--red); }
.message-bar.success { background: var(--green-bg); }
.message-bar.success .bar-glyph { color: var(--green); }
.message-bar.info { background: var(--info-bg); }
.message-bar.warning { background: var(--yellow-bg); }
.bar-glyph { font-size: 14px; line-height: 19px; }
.error-title { font-weight: 600; margin-bottom: 2px; }
.message-bar .k { font-weight: 600; }
.message-bar div { overflow-wrap: anywhere; }
.error-message { white-space: pre-line; }
.field-error { color: var(--red); margin: 6px 0; }
.loading { display: flex; align-items: center; gap: 8px; color: var(--muted); padding: 12px 0; }
.spinner { width: 16px; height: 16px; border: 2px solid #c7e0f4; border-top-color: var(--blue); border-radius: 50%; animation: spin 1s linear infinite; }
@keyframes spin { to { transform: rotate(360deg); } }
.done-glyph { color: var(--green); font-size: 26px; }

.notifications { position: fixed; bottom: 16px; right: 16px; width: 360px; display: flex; flex-direction: column; gap: 8px; z-index: 20; }
.toast { position: relative; background: #fff; border-left: 4px solid var(--green); box-shadow: 0 6px 18px rgba(0,0,0,.18); padding: 10px 32px 10px 12px; }
.toast.error { border-left-color: var(--red); }
.toast-title { font-weight: 600; margin-bottom: 2px; }
.toast-close { position: absolute; top: 6px; right: 8px; background: none; border: 0; font-size: 16px; cursor: pointer; color: var(--muted); }

.side-pane-host .overlay { position: fixed; inset: 0; background: rgba(0,0,0,.25); z-index: 30; }
.side-pane { position: fixed; top: 0; right: 0; bottom: 0; width: 460px; max-width: 100%; background: #fff; z-index: 31; padding: 20px;
  box-shadow: -8px 0 24px rgba(0,0,0,.2); display: flex; flex-direction: column; }
.pane-list { flex: 1; overflow-y: auto; border-top: 1px solid var(--rule); }
.pane-item { display: flex; align-items: center; gap: 10px; width: 100%; text-align: left; background: none; border: 0;
  border-bottom: 1px solid var(--rule); padding: 10px 6px; font: inherit; cursor: pointer; }
.pane-item:hover { background: var(--hover); }
.pane-item.selected { background: #deecf9; }
.pane-text { display: flex; flex-direction: column; min-width: 0; flex: 1; overflow-wrap: anywhere; }
.avatar { flex: none; width: 32px; height: 32px; border-radius: 50%; background: #8764b8; color: #fff; font-size: 12px; font-weight: 600;
  display: flex; align-items: center; justify-content: center; }
.tick { color: var(--blue); }
.pane-footer { display: flex; gap: 8px; padding-top: 12px; border-top: 1px solid var(--rule); }

.readiness td.status { width: 130px; white-space: nowrap; font-weight: 600; }
.readiness td.status span { margin-right: 6px; }
.readiness td.status.pass { color: var(--green); }
.readiness td.status.fail { color: var(--red); }
.readiness td.status.unknown { color: var(--muted); }
.readiness td.step { width: 110px; white-space: nowrap; color: var(--muted); }
.requirement { font-weight: 600; }

.signin-page { display: flex; justify-content: center; padding: 56px 16px; }
.signin-card { width: 440px; background: #fff; padding: 44px; box-shadow: 0 2px 6px rgba(0,0,0,.2); }
.signin-card h1 { font-size: 24px; margin: 16px 0 8px; }
.signin-lead { color: var(--muted); margin: 0 0 16px; }
.signin-form { display: flex; flex-direction: column; }
.signin-form label { font-weight: 600; margin: 12px 0 4px; }
.signin-form input { max-width: none; }
.signin-status .message-bar { margin-top: 16px; }
.ms-logo { display: grid; grid-template-columns: 11px 11px; gap: 2px; width: 24px; }
.ms-logo span { width: 11px; height: 11px; background: #f25022; }
.ms-logo span:nth-child(2) { background: #7fba00; }
.ms-logo span:nth-child(3) { background: #00a4ef; }
.ms-logo span:nth-child(4) { background: #ffb900; }
.identities { margin-top: 24px; color: var(--muted); font-size: 12px; }
.identities summary { cursor: pointer; }
.identities ul { padding-left: 18px; }
"""#
}
