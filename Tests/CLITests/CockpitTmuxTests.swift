import CockpitTesting
import Foundation
import Testing

/// The real binary under tmux, as an admin over SSH would use it: start on the demo data, navigate, create a team and
/// rename it, resize to 80×24 and back, quit with exit status 0 and the terminal given back; the screen is read with
/// capture-pane.
@Suite(.serialized) struct CockpitTmuxTests {
    /// Runs tmux and returns what it printed (through a file: `new-session` starts the tmux server, which would keep
    /// a pipe open for ever). Each session has a server of its own (`-L`), killed at the end with all it started.
    static func tmux(_ session: String, _ arguments: String...) async throws -> String {
        try await ChildProcess.run("/usr/bin/env", ["tmux", "-L", session] + arguments).stdout
    }

    static var tmuxAvailable: Bool {
        get async { (try? await ChildProcess.run("/usr/bin/env", ["tmux", "-V"]).stdout)?.hasPrefix("tmux") == true }
    }

    /// Waits (up to 20 s) until the pane shows `text`; returns the screen.
    static func waitFor(_ session: String, _ text: String) async throws -> String {
        var screen = ""
        for _ in 0..<200 {
            screen = try await tmux(session, "capture-pane", "-t", session, "-p")
            if screen.contains(text) { return screen }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the screen never showed '\(text)':\n\(screen)")
        return screen
    }

    @Test func startNavigateResizeAndQuit() async throws {
        guard await Self.tmuxAvailable else {
            if TestStores.servicesRequired { Issue.record("tmux is missing: scripts/setup.sh --test installs it") }
            return
        }
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("cockpit-tmux-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: home) }
        let session = "cockpit-\(UUID().uuidString.prefix(8))"
        let command =
            "env -u DATABASE_URL COCKPIT_HOME=\(home) TERM=xterm-256color \(CLITests.binary.path) demo; echo EXIT=$?; sleep 60"
        _ = try await Self.tmux(session, "new-session", "-d", "-s", session, "-x", "120", "-y", "32", command)
        do {
            try await Self.drive(session)
        } catch {
            _ = try? await Self.tmux(session, "kill-server")
            throw error
        }
        _ = try? await Self.tmux(session, "kill-server")
    }

    /// The walk through the cockpit in the tmux session.
    static func drive(_ session: String) async throws {
        var screen = try await Self.waitFor(session, "account: Acme Corp")
        #expect(
            screen.contains("demo super-admin") && screen.contains("console ▸ Acme Corp")
                && screen.contains("copilot ▸ Acme Corp"))
        _ = try await Self.tmux(session, "send-keys", "-t", session, "Enter")
        screen = try await Self.waitFor(session, "▾")
        #expect(screen.contains("teams"))
        // Create a team in the open organization through the form.
        _ = try await Self.tmux(session, "send-keys", "-t", session, "n")
        _ = try await Self.waitFor(session, "team name")
        _ = try await Self.tmux(session, "send-keys", "-t", session, "-l", "E2E Team")
        _ = try await Self.tmux(session, "send-keys", "-t", session, "Enter")
        screen = try await Self.waitFor(session, "created team E2E Team")
        #expect(screen.contains("▸ E2E Team"))
        // Rename it: e opens the name, typed over.
        _ = try await Self.tmux(session, "send-keys", "-t", session, "e")
        _ = try await Self.waitFor(session, "rename console team E2E Team")
        for _ in 0..<4 { _ = try await Self.tmux(session, "send-keys", "-t", session, "BSpace") }
        _ = try await Self.tmux(session, "send-keys", "-t", session, "-l", "Crew")
        _ = try await Self.tmux(session, "send-keys", "-t", session, "Enter")
        screen = try await Self.waitFor(session, "renamed to E2E Crew")
        #expect(screen.contains("▸ E2E Crew"))
        _ = try await Self.tmux(session, "resize-window", "-t", session, "-x", "80", "-y", "24")
        screen = try await Self.waitFor(session, "[tab: copilot]")
        #expect(screen.split(separator: "\n").allSatisfy { $0.count <= 80 })
        _ = try await Self.tmux(session, "send-keys", "-t", session, "Tab")
        screen = try await Self.waitFor(session, "[tab: console]")
        _ = try await Self.tmux(session, "resize-window", "-t", session, "-x", "120", "-y", "32")
        screen = try await Self.waitFor(session, "console ▸ Acme Corp")
        #expect(screen.contains("copilot ▸ Acme Corp"), "both panes again at 120 columns")
        // The demo's copilot credits: the plan's split and usage bars, then the ledger by day.
        _ = try await Self.tmux(session, "send-keys", "-t", session, "-l", ":credits")
        _ = try await Self.tmux(session, "send-keys", "-t", session, "Enter")
        screen = try await Self.waitFor(session, "usage of the allocation")
        #expect(screen.contains("copilot credits of Acme Corp") && screen.contains("distributed"))
        _ = try await Self.tmux(session, "send-keys", "-t", session, "u")
        screen = try await Self.waitFor(session, "breakdowns over all the ledger's rows")
        #expect(screen.contains("last 30 days") && screen.contains("by day"))
        _ = try await Self.tmux(session, "send-keys", "-t", session, "Escape")
        _ = try await Self.tmux(session, "send-keys", "-t", session, "?")
        _ = try await Self.waitFor(session, "help — esc closes")
        _ = try await Self.tmux(session, "send-keys", "-t", session, "Escape")
        _ = try await Self.tmux(session, "send-keys", "-t", session, "q")
        screen = try await Self.waitFor(session, "EXIT=0")
        #expect(!screen.contains("┌─ cockpit"), "the terminal was given back (endwin)")
    }
}
