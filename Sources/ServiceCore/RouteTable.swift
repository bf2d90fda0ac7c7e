// ServiceCore: routes as data, and the matcher that picks one.

/// One entry of an operation table: a method, a path template and what to run.
public struct Route<Payload: Sendable>: Sendable {
    public let method: String
    public let template: PathTemplate
    public let payload: Payload

    public init(_ method: String, _ template: String, _ payload: Payload) {
        self.method = method.uppercased()
        self.template = PathTemplate(template)
        self.payload = payload
    }
}

/// A table of routes checked for conflicts when it is built. 404 and 405 come from here, never
/// from handlers.
///
/// ```swift
/// let table = try RouteTable([Route("GET", "/keys/{name}", getKey), Route("GET", "/keys/{name}/versions", listVersions)])
/// table.match(method: "GET", path: "/keys/k1/versions")   // .found(listVersions, ["name": "k1"])
/// ```
public struct RouteTable<Payload: Sendable>: Sendable {
    public enum Match {
        case found(Payload, parameters: [String: String])
        /// The path exists with other methods.
        case methodNotAllowed(allowed: [String])
        case notFound
    }

    /// Two routes with the same method and the same template shape.
    public struct Conflict: Error, CustomStringConvertible {
        public let description: String
    }

    public let routes: [Route<Payload>]

    public init(_ routes: [Route<Payload>]) throws {
        var seen: [String: String] = [:]
        for route in routes {
            let key = "\(route.method) \(route.template.shape)"
            if let other = seen[key] {
                throw Conflict(description: "routes '\(other)' and '\(route.method) \(route.template)' match the same paths")
            }
            seen[key] = "\(route.method) \(route.template)"
        }
        self.routes = routes
    }

    public func match(method: String, path: String) -> Match {
        let segments = PathTemplate.segments(of: path)
        let lowered = segments.map { $0.lowercased() }
        var best: (route: Route<Payload>, parameters: [String: String])?
        var allowed: Set<String> = []
        for route in routes {
            guard let parameters = route.template.match(segments, lowered: lowered) else { continue }
            guard route.method == method.uppercased() else {
                allowed.insert(route.method)
                continue
            }
            // Keep the most specific match: literals before parameters before rests, left to right.
            if let current = best, !current.route.template.rank.lexicographicallyPrecedes(route.template.rank) { continue }
            best = (route, parameters)
        }
        if let best { return .found(best.route.payload, parameters: best.parameters) }
        return allowed.isEmpty ? .notFound : .methodNotAllowed(allowed: allowed.sorted())
    }
}
