import CockpitAPI
import CockpitCore
import Foundation

/// `:keys` (and `K`): the account's virtual keys in a dialog, alias, masked key, state and spend; n generates one
/// (its secret shown once), e edits one, r revokes one (its alias typed).
enum KeysScreen: Screen {
    static let name = "keys"
    static let usage = "keys"
    static let summary = "the account's virtual keys: generate, edit, revoke"
    static let bindings: [KeyBinding] = [
        KeyBinding(
            keys: [.char("n")], action: .new, description: "generate a key (its secret is shown once)", hint: "generate"
        ),
        KeyBinding(
            keys: [.char("e")], action: .edit,
            description: "edit the selected key: alias, models, budget and its period, rate limits, expiry",
            hint: "edit"),
        KeyBinding(
            keys: [.char("r")], action: .revoke, description: "revoke the selected key (type its alias to confirm)",
            hint: "revoke"),
    ]

    static func rowCount(_ s: CockpitState) -> Int? { s.session.keys?.count ?? 0 }

    static func handle(_ s: CockpitState, _ screen: ScreenState, _ action: Action) -> (CockpitState, [Effect]) {
        var s = s
        let keys = s.session.keys ?? []
        switch action {
        case .new: s.mode = .form(form(nil))
        case .edit:
            guard screen.selected < keys.count else { break }
            s.mode = .form(form(keys[screen.selected]))
        case .revoke:
            guard screen.selected < keys.count else { break }
            let k = keys[screen.selected]
            guard !k.blocked else { s.message = "\(k.keyAlias ?? k.maskedKey) is already revoked"; break }
            s.mode = .confirm(
                ConfirmState(
                    title: "revoke key \(k.keyAlias ?? k.maskedKey)? Requests with it are refused at once.",
                    expected: k.keyAlias ?? k.maskedKey,
                    effect: .perform(name, account: s.accountID, ScreenCommand("revoke", id: k.id)),
                    returnTo: s.mode))
        default: break
        }
        return (s, [])
    }

    static func draw(_ b: inout ScreenBuffer, _ s: CockpitState, _ screen: ScreenState) {
        let keys = s.session.keys
        let (x, y, width, height) = Box.dialog(
            &b, maxWidth: 90, rows: max(2, (keys?.count ?? 1) + 1),
            title: "keys of \(s.account?.name ?? "")\(keys.map { " (\($0.count))" } ?? "")")
        let rows = keys?.map { k in
            ListTable.Row(
                cells: [
                    k.keyAlias ?? "–", k.maskedKey, k.blocked ? "revoked" : (k.isExpired() ? "expired" : "active"),
                    DetailsView.money(k.spend) + " ",
                    limits(k),
                ], role: k.blocked ? .statusWarn : .dialog)
        }
        ListTable.draw(
            &b, x: x, y: y + 1, width: width, height: height - 2,
            columns: [
                .init(title: "alias", width: 26), .init(title: "key", width: 14), .init(title: "state", width: 10),
                .init(title: "spend", width: 12), .init(title: "limits", width: 0),
            ],
            rows: rows, selected: screen.selected, empty: "no keys yet: n generates one")
    }

    /// A key's budget and limits in a few characters: `$50/30d 60rpm 10k tpm ×4 exp 2027-01-01`.
    static func limits(_ k: VirtualKey) -> String {
        var parts: [String] = []
        if let budget = k.maxBudget {
            parts.append(DetailsView.money(budget) + (k.budgetDuration.map { "/\($0)" } ?? ""))
        }
        if let rpm = k.rpmLimit { parts.append("\(rpm)rpm") }
        if let tpm = k.tpmLimit { parts.append("\(tpm)tpm") }
        if let parallel = k.maxParallelRequests { parts.append("×\(parallel)") }
        if let expiry = k.expiresAt { parts.append("exp " + Timestamp.format(expiry).prefix(10)) }
        return parts.isEmpty ? "–" : parts.joined(separator: " ")
    }

    static func load(_ c: ScreenContext, _ screen: ScreenState) async throws -> ScreenUpdate {
        let keys = try await c.backend.keys(account: try c.requireAccount())
        return ScreenUpdate(session: { $0.keys = keys })
    }

    /// The form for a new virtual key, or the one that changes `key` (never its secret, which is not kept).
    static func form(_ key: VirtualKey?, now: Date = Date()) -> FormState {
        let expiry =
            key?.expiresAt.map { "empty keeps it: \(Timestamp.format($0).prefix(10))" } ?? "e.g. 90d; empty = never"
        return form(
            key == nil ? "new" : "edit", id: key?.id,
            title: key.map { "edit key \($0.keyAlias ?? $0.maskedKey)" } ?? "generate a key",
            fields: [
                .init(name: "key_alias", label: "alias", value: key?.keyAlias ?? ""),
                .init(
                    name: "models", label: "models", value: key?.models.joined(separator: ", ") ?? "",
                    hint: "comma-separated; empty = every model"),
                .init(
                    name: "max_budget", label: "budget in USD",
                    value: key?.maxBudget.map { FormState.amount($0) } ?? "", hint: "empty for none"),
                .init(
                    name: "budget_duration", label: "budget period", value: key?.budgetDuration ?? "",
                    hint: "e.g. 30d or 1mo; empty = the key's lifetime"),
                .init(
                    name: "rpm_limit", label: "requests per minute", value: FormState.text(key?.rpmLimit),
                    hint: "empty = no limit"),
                .init(
                    name: "tpm_limit", label: "tokens per minute", value: FormState.text(key?.tpmLimit),
                    hint: "empty = no limit"),
                .init(
                    name: "max_parallel_requests", label: "parallel requests",
                    value: FormState.text(key?.maxParallelRequests),
                    hint: "empty = no limit"),
                .init(name: "expires_in", label: "expires in", hint: expiry),
            ])
    }

    /// The key settings a form describes.
    static func settings(_ form: FormState) throws -> KeyFields {
        func text(_ name: String) -> String? { form.value(name).isEmpty ? nil : form.value(name) }
        return KeyFields(
            keyAlias: form.value("key_alias"), models: FormState.list(form.value("models")),
            maxBudget: try FormState.amount(form.value("max_budget"), field: "max_budget"),
            budgetDuration: text("budget_duration"),
            rpmLimit: try FormState.count(form.value("rpm_limit"), field: "rpm_limit"),
            tpmLimit: try FormState.count(form.value("tpm_limit"), field: "tpm_limit"),
            maxParallelRequests: try FormState.count(
                form.value("max_parallel_requests"), field: "max_parallel_requests"),
            expiresIn: text("expires_in"))
    }

    static func submit(_ c: ScreenContext, _ form: FormState, verb: String, id: UUID?) async throws -> ScreenUpdate {
        let account = try c.requireAccount()
        let settings = try settings(form)
        if let id {
            let key = try await c.backend.updateKey(account: account, id: id, settings)
            let keys = try await c.backend.keys(account: account)
            return ScreenUpdate(
                session: { $0.keys = keys },
                state: {
                    $0.mode = .screen(ScreenState(name: name, selected: keys.firstIndex { $0.id == key.id } ?? 0))
                    $0.message = "saved key \(key.keyAlias ?? key.maskedKey)"
                })
        }
        let (key, secret) = try await c.backend.generateKey(account: account, settings)
        let keys = try await c.backend.keys(account: account)
        return ScreenUpdate(
            session: { $0.keys = keys },
            state: { $0.mode = .secret(alias: key.keyAlias ?? key.maskedKey, secret: secret) })
    }

    static func perform(_ c: ScreenContext, _ command: ScreenCommand) async throws -> ScreenUpdate {
        guard command.verb == "revoke", let id = command.id else {
            throw CockpitError.invalid(field: "action", reason: "keys cannot \(command.verb)")
        }
        let account = try c.requireAccount()
        try await c.backend.revokeKey(account: account, id: id)
        let keys = try await c.backend.keys(account: account)
        return ScreenUpdate(
            session: { $0.keys = keys }, state: { $0.message = "key revoked: the gateway refuses it from now on" })
    }
}
