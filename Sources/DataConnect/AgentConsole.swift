// DataConnect: where the agent reports its steps (stdout) and warnings (stderr).

import Foundation

/// The agent's voice. Steps are plain sentences on stdout; warnings go to stderr prefixed `warning: `.
public protocol AgentConsole: Sendable {
    func step(_ line: String)
    func warning(_ line: String)
}

/// stdout and stderr of the process, written unbuffered so steps appear as they happen.
public struct StandardConsole: AgentConsole {
    public init() {}

    public func step(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    public func warning(_ line: String) {
        FileHandle.standardError.write(Data(("warning: " + line + "\n").utf8))
    }
}

/// A console that keeps what it is told (tests, and callers that print later).
public final class RecordingConsole: AgentConsole, @unchecked Sendable {
    private let lock = NSLock()
    private var stepLines: [String] = []
    private var warningLines: [String] = []

    public init() {}

    public func step(_ line: String) { lock.withLock { stepLines.append(line) } }
    public func warning(_ line: String) { lock.withLock { warningLines.append(line) } }

    public var steps: [String] { lock.withLock { stepLines } }
    public var warnings: [String] { lock.withLock { warningLines } }
}
