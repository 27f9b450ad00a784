import CockpitTesting
import Foundation
import Testing

/// The real binary under tmux at 80×24 on the demo data: `:agents` (the demo's agents with their presets and
/// marketplace state, `/` narrowing them, esc clearing it), `:connections` (one of each type, "set" for their sealed
/// dummy secrets, which no screen ever shows, not even in the edit form) and `:marketplace`; quit with status 0.
@Suite(.serialized) struct CockpitCatalogTmuxTests {
    /// True when the screen shows one of the demo's dummy secrets (`demo-<uuid>`).
    static func showsASecret(_ screen: String) -> Bool {
        screen.range(of: "demo-[0-9a-f]{8}-[0-9a-f]{4}", options: .regularExpression) != nil
    }

    @Test func theCatalogViewsOnTheDemo() async throws {
        guard await CockpitTmuxTests.tmuxAvailable else {
            if TestStores.servicesRequired { Issue.record("tmux is missing: scripts/setup.sh --test installs it") }
            return
        }
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("cockpit-tmux-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: home) }
        let session = "catalog-\(UUID().uuidString.prefix(8))"
        let command =
            "env -u DATABASE_URL COCKPIT_HOME=\(home) TERM=xterm-256color \(CLITests.binary.path) demo; echo EXIT=$?; sleep 60"
        _ = try await CockpitTmuxTests.tmux(
            session, "new-session", "-d", "-s", session, "-x", "80", "-y", "24", command)
        do {
            try await Self.drive(session)
        } catch {
            _ = try? await CockpitTmuxTests.tmux(session, "kill-server")
            throw error
        }
        _ = try? await CockpitTmuxTests.tmux(session, "kill-server")
    }

    /// Sends keys by their tmux names (`Enter`, `Escape`), or text as typed when `literal`.
    static func keys(_ session: String, _ keys: String..., literal: Bool = false) async throws {
        for key in keys {
            let arguments = ["-L", session, "send-keys", "-t", session] + (literal ? ["-l"] : []) + [key]
            _ = try await ChildProcess.run("/usr/bin/env", ["tmux"] + arguments)
        }
    }

    static func drive(_ session: String) async throws {
        let tmux = CockpitTmuxTests.self
        _ = try await tmux.waitFor(session, "account: Acme Corp")
        try await keys(session, ":agents", literal: true)
        try await keys(session, "Enter")
        var screen = try await tmux.waitFor(session, "agents of Acme Corp (3)")
        #expect(screen.contains("Support triage") && screen.contains("pii, toxic") && screen.contains("published ★"))
        #expect(screen.split(separator: "\n").allSatisfy { $0.count <= 80 })
        try await keys(session, "/")
        try await keys(session, "sales", literal: true)
        try await keys(session, "Enter")
        screen = try await tmux.waitFor(session, "(1 of 3 matching /sales)")
        #expect(screen.contains("Sales research") && !screen.contains("Support triage"))
        try await keys(session, "Escape")
        _ = try await tmux.waitFor(session, "agents of Acme Corp (3)")

        try await keys(session, "Escape")
        try await keys(session, ":connections", literal: true)
        try await keys(session, "Enter")
        screen = try await tmux.waitFor(session, "connections of Acme Corp (3)")
        #expect(screen.contains("set (sealed; never shown)") && !showsASecret(screen), "\(screen)")
        try await keys(session, "e")
        screen = try await tmux.waitFor(session, "edit connection")
        #expect(screen.contains("secret") && !showsASecret(screen), "\(screen)")
        try await keys(session, "Escape")
        _ = try await tmux.waitFor(session, "connections of Acme Corp (3)")

        try await keys(session, "Escape")
        try await keys(session, ":marketplace", literal: true)
        try await keys(session, "Enter")
        screen = try await tmux.waitFor(session, "marketplace of Acme Corp")
        #expect(screen.contains("published") && screen.contains("lists"))
        try await keys(session, "Escape")
        try await keys(session, "q")
        screen = try await tmux.waitFor(session, "EXIT=0")
        #expect(!screen.contains("┌─ cockpit"), "the terminal was given back (endwin)")
    }
}
