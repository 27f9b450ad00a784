import CockpitCore
import Foundation

/// `:audit`: the account's newest audit entries, newest first: when, who, what, on what.
enum AuditScreen: Screen {
    static let name = "audit"
    static let usage = "audit"
    static let summary = "the newest audit entries of the account"
    static let bindings: [KeyBinding] = []

    static func handle(_ s: CockpitState, _ screen: ScreenState, _ action: Action) -> (CockpitState, [Effect]) {
        (s, [])
    }

    static func draw(_ b: inout ScreenBuffer, _ s: CockpitState, _ screen: ScreenState) {
        let (x, y, width, height) = Box.panel(&b, title: "audit of \(s.account?.name ?? "")")
        guard let entries = s.session.audit else { b.put("loading…", x: x + 2, y: y + 1, role: .statusWarn); return }
        if entries.isEmpty { b.put("no entries", x: x + 2, y: y + 1, role: .statusWarn) }
        for (i, e) in entries.prefix(height - 2).enumerated() {
            let line =
                String(Timestamp.format(e.at).prefix(19)).replacingOccurrences(of: "T", with: " ") + "  "
                + TextWidth.fit(e.actor, to: 22) + " " + TextWidth.fit(e.action, to: 24) + " " + e.objectType + " "
                + e.objectID
            b.put(line, x: x + 2, y: y + 1 + i, role: .dialog, limit: width - 4)
        }
    }

    static func load(_ c: ScreenContext, _ screen: ScreenState) async throws -> ScreenUpdate {
        let entries = try await c.backend.audit(account: try c.requireAccount())
        return ScreenUpdate(session: { $0.audit = entries })
    }
}
