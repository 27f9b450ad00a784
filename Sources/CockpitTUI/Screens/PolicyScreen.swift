import CockpitCore
import Foundation

/// `:policy` (super-admin): the account's console model policy (models allowed and denied across the whole console
/// tree, before any grant) and its feature pack; e edits the policy, f replaces the feature pack (JSON with
/// `features` and `config`).
enum PolicyScreen: Screen {
    static let name = "policy"
    static let usage = "policy"
    static let summary = "the account's console model policy (allow and deny lists) and feature pack"
    static let superAdminOnly = true
    static let bindings: [KeyBinding] = [
        KeyBinding(
            keys: [.char("e")], action: .edit,
            description: "edit the console model policy: models allowed and denied (comma-separated)",
            hint: "policy"),
        KeyBinding(
            keys: [.char("f")], action: .pack, description: "replace the feature pack (a JSON object)",
            hint: "feature pack"),
    ]

    /// What the view shows.
    struct Settings: Equatable, Sendable {
        var policy: ConsoleModelPolicy
        var pack: FeaturePack
    }

    static func settings(_ s: CockpitState) -> Settings? { s.session.screenData[name]?.get(Settings.self) }

    static func handle(_ s: CockpitState, _ screen: ScreenState, _ action: Action) -> (CockpitState, [Effect]) {
        var s = s
        guard let current = settings(s) else { return (s, []) }
        switch action {
        case .edit:
            s.mode = .form(
                form(
                    "policy", title: "console model policy of \(s.account?.name ?? "the account")",
                    fields: [
                        .init(
                            name: "allow", label: "allowed models", value: current.policy.allow.joined(separator: ", "),
                            hint: "comma-separated; empty = any"),
                        .init(
                            name: "deny", label: "denied models", value: current.policy.deny.joined(separator: ", "),
                            hint: "comma-separated; deny wins"),
                    ]))
        case .pack:
            s.mode = .form(
                form(
                    "pack", title: "feature pack of \(s.account?.name ?? "the account")",
                    fields: [
                        .init(
                            name: "feature_pack", label: "feature pack (JSON object)",
                            value: current.pack.json.encodedString
                        )
                    ]))
        default: break
        }
        return (s, [])
    }

    static func draw(_ b: inout ScreenBuffer, _ s: CockpitState, _ screen: ScreenState) {
        let (x, y, width, height) = Box.panel(&b, title: "policy of \(s.account?.name ?? "")")
        guard let current = settings(s) else { b.put("loading…", x: x + 2, y: y + 1, role: .statusWarn); return }
        let list = { (models: [String], none: String) in models.isEmpty ? none : models.joined(separator: ", ") }
        var lines: [(String, StyleRole)] = [
            ("console model policy", .title),
            ("  allowed  " + list(current.policy.allow, "any model (no allow list)"), .dialog),
            ("  denied   " + list(current.policy.deny, "none"), current.policy.deny.isEmpty ? .dialog : .statusWarn),
            ("", .dialog), ("feature pack", .title),
        ]
        let pack = current.pack.json.encodedString
        for start in stride(from: 0, to: max(1, pack.count), by: max(1, width - 8)) {
            lines.append(("  " + String(pack.dropFirst(start).prefix(width - 8)), .dialog))
        }
        for (i, line) in lines.prefix(height - 2).enumerated() {
            b.put(line.0, x: x + 2, y: y + 1 + i, role: line.1, limit: width - 4)
        }
    }

    static func load(_ c: ScreenContext, _ screen: ScreenState) async throws -> ScreenUpdate {
        let account = try c.requireAccount()
        return .data(
            name,
            Settings(
                policy: try await c.backend.consoleModelPolicy(account: account),
                pack: try await c.backend.featurePack(account: account)))
    }

    static func submit(_ c: ScreenContext, _ form: FormState, verb: String, id: UUID?) async throws -> ScreenUpdate {
        let account = try c.requireAccount()
        var message = "console model policy saved"
        if verb == "pack" {
            let json: JSONValue
            do { json = try JSONValue.parse(form.value("feature_pack")) } catch {
                throw CockpitError.invalid(field: "feature pack", reason: "must be a JSON object")
            }
            let pack = try FeaturePack(json: json)
            _ = try await c.backend.setFeaturePack(account: account, pack)
            message = "feature pack saved"
        } else {
            _ = try await c.backend.setConsoleModelPolicy(
                account: account,
                ConsoleModelPolicy(
                    allow: FormState.list(form.value("allow")),
                    deny: FormState.list(form.value("deny"))))
        }
        var update = try await load(c, ScreenState(name: name))
        let saved = message
        update.state = {
            $0.mode = .screen(ScreenState(name: name)); $0.message = saved
        }
        return update
    }
}
