import CockpitCore
import Foundation

/// `:zitadel` (super-admin): the server's Zitadel status, the account's settings, the provisioning plan (what a
/// bootstrap would create, what it found, what it cannot resolve) and, after `b`, what the bootstrap did.
enum ZitadelScreen: Screen {
    static let name = "zitadel"
    static let usage = "zitadel"
    static let summary = "Zitadel: status, the account's settings, the provisioning plan; b runs the bootstrap"
    static let superAdminOnly = true
    /// Each load asks Zitadel for the plan: only when opened and on `R`.
    static let refreshPolicy = RefreshPolicy.onRequest
    static let bindings: [KeyBinding] = [
        KeyBinding(keys: [.char("b")], action: .bootstrap, description: "run the bootstrap: project, roles, admin grants (y to confirm)",
                   hint: "bootstrap", superAdminOnly: true),
    ]

    static func overview(_ s: CockpitState) -> ZitadelOverview? { s.session.screenData[name]?.get(ZitadelOverview.self) }

    static func handle(_ s: CockpitState, _ screen: ScreenState, _ action: Action) -> (CockpitState, [Effect]) {
        var s = s
        guard action == .bootstrap, let account = s.accountID else { return (s, []) }
        s.mode = .confirm(ConfirmState(title: "run the Zitadel bootstrap for \(s.account?.name ?? "this account")? It creates what the plan lists.",
                                       expected: "y", effect: .perform(name, account: account, ScreenCommand("bootstrap")), returnTo: s.mode))
        return (s, [])
    }

    static func draw(_ b: inout ScreenBuffer, _ s: CockpitState, _ screen: ScreenState) {
        let (x, y, width, height) = Box.panel(&b, title: "Zitadel for \(s.account?.name ?? "")")
        guard let z = overview(s) else { b.put("loading…", x: x + 2, y: y + 1, role: .statusWarn); return }
        for (i, line) in lines(z).prefix(height - 2).enumerated() {
            b.put(line.text, x: x + 2, y: y + 1 + i, role: line.role, limit: width - 4)
        }
    }

    static func load(_ c: ScreenContext, _ screen: ScreenState) async throws -> ScreenUpdate {
        .data(name, try await c.backend.zitadel(account: try c.requireAccount()))
    }

    static func perform(_ c: ScreenContext, _ command: ScreenCommand) async throws -> ScreenUpdate {
        let account = try c.requireAccount()
        let report = try await c.backend.bootstrapZitadel(account: account)
        var overview = try await c.backend.zitadel(account: account)
        overview.bootstrap = report
        var update = ScreenUpdate.data(name, overview)
        update.state = {
            $0.message = "bootstrap done: \(report.created.count) created, \(report.found.count) found, \(report.unresolved.count) unresolved"
        }
        return update
    }

    /// The view's text, line by line, with the role each is drawn in.
    static func lines(_ z: ZitadelOverview) -> [(text: String, role: StyleRole)] {
        var out: [(text: String, role: StyleRole)] = []
        if z.configured {
            let jwks = z.status["jwks"] ?? .null
            let keys = jwks["reachable"] == .bool(true)
                ? "signing keys reachable (\(jwks["keys"]?.doubleValue.flatMap(CheckedNumber.int) ?? 0))"
                : "signing keys unreachable: \(jwks["error"]?.stringValue ?? "?")"
            out.append(("server   issuer \(z.status["issuer"]?.stringValue ?? "?") · \(keys)", jwks["reachable"] == .bool(true) ? .statusOK : .statusError))
        } else {
            out.append(("server   Zitadel is off: ZITADEL_ISSUER is not set", .statusWarn))
        }
        let c = z.config
        out.append(("account  sign-in through Zitadel \(c.enabled ? "on" : "off") · organization \(c.organizationID.isEmpty ? "–" : c.organizationID)"
                    + " · project \(c.projectID.isEmpty ? "–" : c.projectID)", c.enabled ? .dialog : .statusWarn))
        if let plan = z.plan {
            out.append(("plan     (a dry run: nothing changed)", .title))
            out += report(plan, verbs: ("would create", "exists", "would update"))
            if plan.created.isEmpty && plan.updated.isEmpty { out.append(("         nothing to do: the account is provisioned", .statusOK)) }
        } else if let why = z.planError {
            out.append(("plan     none: \(why)", .statusWarn))
        }
        if let done = z.bootstrap {
            out.append(("bootstrap done\(done.projectID.map { " · project \($0)" } ?? "")", .title))
            out += report(done, verbs: ("created", "found", "updated"))
        }
        return out
    }

    /// A report's items, one a line: what is (or would be) created or updated, what exists, what cannot be resolved.
    static func report(_ r: ProvisioningReport, verbs: (create: String, found: String, update: String)) -> [(text: String, role: StyleRole)] {
        let change: StyleRole = r.dryRun ? .statusWarn : .statusOK
        func line(_ verb: String, _ item: String, _ role: StyleRole) -> (text: String, role: StyleRole) {
            ("  " + TextWidth.fit(verb, to: 13) + " " + item, role)
        }
        return r.created.map { line(verbs.create, $0, change) } + r.updated.map { line(verbs.update, $0, change) }
            + r.found.map { line(verbs.found, $0, .dialog) } + r.unresolved.map { line("unresolved", $0, .statusError) }
    }
}
