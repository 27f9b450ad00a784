import CockpitCore
import Foundation

/// `:features`: the feature entitlements of the focused tree per scope; n turns a feature on or off at the selected
/// node, d removes an entitlement, c asks whether a feature is on at the selected node and what decides it.
enum FeaturesScreen: Screen {
    static let name = "features"
    static let usage = "features"
    static let summary =
        "feature entitlements of the focused tree: on or off at the selected node, remove, check the effective value"
    static let bindings: [KeyBinding] = [
        KeyBinding(
            keys: [.char("n")], action: .new,
            description: "turn a feature on or off at the node selected in the tree (the account when none)",
            hint: "new"),
        KeyBinding(
            keys: [.char("d")], action: .delete, description: "remove the selected entitlement (y to confirm)",
            hint: "remove"),
        KeyBinding(
            keys: [.char("c")], action: .check,
            description: "is a feature on for the selected node? the value and what decides it", hint: "check"),
    ]

    static func entitlements(_ s: CockpitState) -> [FeatureEntitlement]? {
        s.session.screenData[name]?.get([FeatureEntitlement].self)
    }
    static func rowCount(_ s: CockpitState) -> Int? { entitlements(s)?.count ?? 0 }

    static func handle(_ s: CockpitState, _ screen: ScreenState, _ action: Action) -> (CockpitState, [Effect]) {
        var s = s
        let at = TreeSelection(s)
        switch action {
        case .new:
            s.mode = .form(
                form(
                    "new", title: "a \(at.domain.rawValue) feature for \(at.name)",
                    fields: [
                        .init(name: "feature_code", label: "feature", hint: "its code, e.g. playground"),
                        .init(name: "enabled", label: "on or off", value: "on"),
                    ]))
        case .check:
            s.mode = .form(
                form(
                    "check", title: "is a feature on for \(at.name)?",
                    fields: [.init(name: "feature_code", label: "feature")], changes: false))
        case .delete:
            guard let rows = entitlements(s), screen.selected < rows.count else { break }
            let e = rows[screen.selected]
            s.mode = .confirm(
                ConfirmState(
                    title: "remove \(e.featureCode) (\(e.enabled ? "on" : "off")) for \(at.label(e.scope))?",
                    expected: "y",
                    effect: .perform(name, account: s.accountID, ScreenCommand("delete", id: e.id)), returnTo: s.mode))
        default: break
        }
        return (s, [])
    }

    static func draw(_ b: inout ScreenBuffer, _ s: CockpitState, _ screen: ScreenState) {
        let at = TreeSelection(s)
        let rows = entitlements(s)?.map { e in
            ListTable.Row(
                cells: [at.label(e.scope) + " ", e.featureCode + " ", e.enabled ? "on" : "off"],
                role: e.enabled ? .dialog : .statusWarn)
        }
        ScopedRules.draw(
            &b, s, screen, title: "\(at.domain.rawValue) features of \(s.account?.name ?? "")", rows: rows,
            rule: "feature",
            value: "value", empty: "no entitlements: every feature is off")
    }

    static func load(_ c: ScreenContext, _ screen: ScreenState) async throws -> ScreenUpdate {
        let rows = try await c.backend.entitlements(account: try c.requireAccount(), domain: c.state.session.focus)
        return .data(name, rows.sorted { ($0.scope.order, $0.featureCode) < ($1.scope.order, $1.featureCode) })
    }

    static func submit(_ c: ScreenContext, _ form: FormState, verb: String, id: UUID?) async throws -> ScreenUpdate {
        let account = try c.requireAccount(), at = TreeSelection(c.state), feature = form.value("feature_code")
        if verb == "check" {
            let answer = try await c.backend.effectiveFeature(
                account: account, domain: at.domain, feature: feature, at: at.point)
            return ScopedRules.answered(name, feature, at: at, answer, yes: "on", no: "off")
        }
        let enabled: Bool
        switch form.value("enabled").lowercased() {
        case "on", "yes", "true": enabled = true
        case "off", "no", "false": enabled = false
        default: throw CockpitError.invalid(field: "on or off", reason: "must be on or off")
        }
        let saved = try await c.backend.setEntitlement(
            account: account, domain: at.domain, feature: feature, scope: at.scope, enabled: enabled)
        var update = try await load(c, ScreenState(name: name))
        update.state = {
            $0.mode = .screen(ScreenState(name: name));
            $0.message = "\(saved.featureCode) \(saved.enabled ? "on" : "off") for \(at.name)"
        }
        return update
    }

    static func perform(_ c: ScreenContext, _ command: ScreenCommand) async throws -> ScreenUpdate {
        guard command.verb == "delete", let id = command.id else {
            throw CockpitError.invalid(field: "action", reason: "features cannot \(command.verb)")
        }
        try await c.backend.deleteEntitlement(account: try c.requireAccount(), domain: c.state.session.focus, id: id)
        var update = try await load(c, ScreenState(name: name))
        update.state = { $0.message = "entitlement removed" }
        return update
    }
}
