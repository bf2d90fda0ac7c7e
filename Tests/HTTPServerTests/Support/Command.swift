// HTTPServerTests: running curl, openssl and python3 as child processes.

import Foundation

struct CommandError: Error, Sendable { let message: String }

/// What a finished child process produced.
struct CommandResult: Sendable {
    let status: Int32
    let standardOutput: Data
    let standardError: Data
    var standardOutputText: String { String(decoding: standardOutput, as: UTF8.self) }
    var standardErrorText: String { String(decoding: standardError, as: UTF8.self) }
}

enum Command {
    /// Runs `executable` with `arguments`, output captured through files (no pipe deadlocks).
    static func run(_ executable: String, _ arguments: [String], in directory: String? = nil,
                    input: Data? = nil) throws(CommandError) -> CommandResult {
        let scratch = NSTemporaryDirectory() + "cmd-\(UUID().uuidString)"
        let outPath = scratch + ".out", errPath = scratch + ".err", inPath = scratch + ".in"
        defer { [outPath, errPath, inPath].forEach { try? FileManager.default.removeItem(atPath: $0) } }
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        _ = FileManager.default.createFile(atPath: inPath, contents: input ?? Data())
        guard let out = FileHandle(forWritingAtPath: outPath), let err = FileHandle(forWritingAtPath: errPath),
              let inHandle = FileHandle(forReadingAtPath: inPath) else {
            throw CommandError(message: "cannot open capture files")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inHandle
        do { try process.run() } catch { throw CommandError(message: "cannot run \(executable): \(error)") }
        process.waitUntilExit()
        try? out.close(); try? err.close(); try? inHandle.close()
        return CommandResult(status: process.terminationStatus,
                             standardOutput: FileManager.default.contents(atPath: outPath) ?? Data(),
                             standardError: FileManager.default.contents(atPath: errPath) ?? Data())
    }

    /// Runs a python3 script given on stdin with `arguments` as sys.argv[1...].
    static func python(_ script: String, _ arguments: [String]) throws(CommandError) -> CommandResult {
        try run("/usr/bin/env", ["python3", "-"] + arguments, input: Data(script.utf8))
    }
}
