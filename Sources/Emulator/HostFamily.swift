// Emulator: which service a request is for, from its Host header.

/// The emulator answers several Azure hosts on one port and tells them apart by name, as Azure's
/// own DNS layout does (`login.`, `management.`, `<vault>.vault.`).
enum HostFamily: Equatable {
    case login
    case management
    case vault(name: String)
    case portal
    /// `localhost` and the loopback addresses: health and the admin API.
    case admin
    case unknown(host: String)

    init(host: String, dnsSuffix: String) {
        let name = Self.hostName(host).lowercased()
        let suffix = dnsSuffix.lowercased()
        switch name {
        case "login.\(suffix)": self = .login
        case "management.\(suffix)": self = .management
        case "portal.\(suffix)": self = .portal
        case suffix, "localhost", "127.0.0.1", "::1": self = .admin
        default:
            let vaultSuffix = ".vault.\(suffix)"
            if name.hasSuffix(vaultSuffix) {
                let label = String(name.dropLast(vaultSuffix.count))
                if !label.isEmpty, !label.contains(".") { self = .vault(name: label); return }
            }
            self = .unknown(host: name)
        }
    }

    /// The host without its port (`[::1]:8443` -> `::1`, `kv1.vault.localhost:8443` -> `kv1.vault.localhost`).
    static func hostName(_ host: String) -> String {
        if host.hasPrefix("["), let end = host.firstIndex(of: "]") { return String(host[host.index(after: host.startIndex)..<end]) }
        if let colon = host.lastIndex(of: ":"), host.filter({ $0 == ":" }).count == 1 { return String(host[..<colon]) }
        return host
    }

    /// `:port` as the client wrote it, or "" (for 443 or no port).
    static func portSuffix(_ host: String) -> String {
        let name = hostName(host)
        let rest = host.hasPrefix("[") ? String(host.drop(while: { $0 != "]" }).dropFirst()) : String(host.dropFirst(name.count))
        return rest == ":443" ? "" : rest
    }
}
