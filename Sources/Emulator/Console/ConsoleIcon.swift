// Emulator: the console's tab icon (/console/favicon.svg), the key vault glyph.

/// Served so the browser does not ask for a missing `/favicon.ico`.
enum ConsoleIcon {
    static let svg = #"""
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 18 18">
<circle cx="9" cy="9" r="8.5" fill="#0078d4"/>
<circle cx="9" cy="9" r="6" fill="#fff"/>
<circle cx="9" cy="7.2" r="2.2" fill="#ffb900"/>
<rect x="8.1" y="8.5" width="1.8" height="5" rx="0.4" fill="#ffb900"/>
</svg>
"""#
}
