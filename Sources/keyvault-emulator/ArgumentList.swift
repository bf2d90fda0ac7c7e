// keyvault-emulator: a small parser for `--flag value` arguments.

/// Flags of one subcommand: `--name value` pairs (repeatable) and bare `--switch`es.
struct ArgumentList {
    struct UsageError: Error, CustomStringConvertible { let description: String }

    private var values: [String: [String]] = [:]
    private var switches: Set<String> = []

    /// Parses `arguments`; `valued` names the flags that take a value, `switches` those that do not.
    init(_ arguments: [String], valued: Set<String>, switches allowed: Set<String> = []) throws {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.hasPrefix("--") else { throw UsageError(description: "unexpected argument '\(argument)'") }
            let name = String(argument.dropFirst(2))
            if allowed.contains(name) {
                switches.insert(name)
                index += 1
            } else if valued.contains(name) {
                guard index + 1 < arguments.count else { throw UsageError(description: "--\(name) needs a value") }
                values[name, default: []].append(arguments[index + 1])
                index += 2
            } else {
                throw UsageError(description: "unknown option --\(name)")
            }
        }
    }

    func value(_ name: String) -> String? { values[name]?.last }
    func all(_ name: String) -> [String] { values[name] ?? [] }
    func has(_ name: String) -> Bool { switches.contains(name) }

    func integer(_ name: String) throws -> Int? {
        guard let text = value(name) else { return nil }
        guard let number = Int(text) else { throw UsageError(description: "--\(name) takes a whole number, not '\(text)'") }
        return number
    }

    func number(_ name: String) throws -> Double? {
        guard let text = value(name) else { return nil }
        guard let number = Double(text) else { throw UsageError(description: "--\(name) takes a number, not '\(text)'") }
        return number
    }
}
