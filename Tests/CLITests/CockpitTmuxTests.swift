import CockpitTesting
import Foundation
import Testing

/// The real binary under tmux, as an admin over SSH would use it: start on the demo data, navigate, create a team,
/// resize to 80×24 and back, quit with exit status 0 and the terminal given back; the screen is read with capture-pane.
@Suite(.serialized) struct CockpitTmuxTests {
    /// Runs tmux and returns what it printed. Output goes through a file, not a pipe: `new-session` starts the tmux
    /// server, which would keep a pipe open for ever.
    static func tmux(_ arguments: String...) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString).out")
        FileManager.default.createFile(atPath: file.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux"] + arguments
        process.standardOutput = try FileHandle(forWritingTo: file)
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    }

    static var tmuxAvailable: Bool { (try? tmux("-V"))?.hasPrefix("tmux") == true }

    /// Waits (up to 20 s) until the pane shows `text`; returns the screen.
    static func waitFor(_ session: String, _ text: String) throws -> String {
        var screen = ""
        for _ in 0..<200 {
            screen = try tmux("capture-pane", "-t", session, "-p")
            if screen.contains(text) { return screen }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("the screen never showed '\(text)':\n\(screen)")
        return screen
    }

    @Test func startNavigateResizeAndQuit() throws {
        guard Self.tmuxAvailable else {
            if TestStores.servicesRequired { Issue.record("tmux is missing: scripts/setup.sh --test installs it") }
            return
        }
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("cockpit-tmux-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        let session = "cockpit-\(UUID().uuidString.prefix(8))"
        let command = "env -u DATABASE_URL COCKPIT_HOME=\(home) TERM=xterm-256color \(CLITests.binary.path) demo; echo EXIT=$?; sleep 60"
        _ = try Self.tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "32", command)
        defer { _ = try? Self.tmux("kill-session", "-t", session) }
        var screen = try Self.waitFor(session, "account: Acme Corp")
        #expect(screen.contains("demo super-admin") && screen.contains("console ▸ Acme Corp") && screen.contains("copilot ▸ Acme Corp"))
        _ = try Self.tmux("send-keys", "-t", session, "Enter")
        screen = try Self.waitFor(session, "▾")
        #expect(screen.contains("teams"))
        // Create a team in the open organization through the form.
        _ = try Self.tmux("send-keys", "-t", session, "n")
        _ = try Self.waitFor(session, "team name")
        _ = try Self.tmux("send-keys", "-t", session, "-l", "E2E Team")
        _ = try Self.tmux("send-keys", "-t", session, "Enter")
        screen = try Self.waitFor(session, "created team E2E Team")
        #expect(screen.contains("▸ E2E Team"))
        _ = try Self.tmux("resize-window", "-t", session, "-x", "80", "-y", "24")
        screen = try Self.waitFor(session, "[tab: copilot]")
        #expect(screen.split(separator: "\n").allSatisfy { $0.count <= 80 })
        _ = try Self.tmux("send-keys", "-t", session, "Tab")
        screen = try Self.waitFor(session, "[tab: console]")
        _ = try Self.tmux("resize-window", "-t", session, "-x", "120", "-y", "32")
        screen = try Self.waitFor(session, "console ▸ Acme Corp")
        #expect(screen.contains("copilot ▸ Acme Corp"), "both panes again at 120 columns")
        _ = try Self.tmux("send-keys", "-t", session, "?")
        _ = try Self.waitFor(session, "help — esc closes")
        _ = try Self.tmux("send-keys", "-t", session, "Escape")
        _ = try Self.tmux("send-keys", "-t", session, "q")
        screen = try Self.waitFor(session, "EXIT=0")
        #expect(!screen.contains("┌─ cockpit"), "the terminal was given back (endwin)")
    }
}
