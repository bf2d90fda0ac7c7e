// Emulator: the console's page (/): the shell the scripts fill; no inline script or style.

/// The single HTML page of the console. Everything it shows is built by `/console/app.js`.
enum ConsoleIndexPage {
    static let html = #"""
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Microsoft Azure (emulator)</title>
<link rel="icon" href="/console/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/console/console.css">
<script type="module" src="/console/app.js"></script>
</head>
<body>
<header class="topbar">
  <a class="brand" href="#/">Microsoft Azure <span class="badge">Emulator</span></a>
  <div class="search" aria-hidden="true">Search resources, services, and docs</div>
  <div id="account" class="account"></div>
</header>
<main id="main" class="main">
  <noscript><p class="page">The console needs JavaScript.</p></noscript>
</main>
<div id="notifications" class="notifications" aria-live="polite"></div>
</body>
</html>
"""#
}
