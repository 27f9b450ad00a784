import CockpitCore
import Foundation

/// `:zitadel` (super-admin): the server's Zitadel status, the account's settings, the provisioning plan (what a
/// bootstrap would create, what it found, what it cannot resolve) and, after `b`, what the bootstrap did; e edits the
/// account's settings, u grants project roles to one user, p ensures one project role.
enum ZitadelScreen: Screen {
    static let name = "zitadel"
    static let usage = "zitadel"
    static let summary = "Zitadel: status, the account's settings, the provisioning plan; b runs the bootstrap"
    static let superAdminOnly = true
    /// Each load asks Zitadel for the plan: only when opened and on `R`.
    static let refreshPolicy = RefreshPolicy.onRequest
    static let bindings: [KeyBinding] = [
        KeyBinding(
            keys: [.char("b")], action: .bootstrap,
            description: "run the bootstrap: project, roles, admin grants (y to confirm)",
            hint: "bootstrap", superAdminOnly: true),
        KeyBinding(
            keys: [.char("e")], action: .edit,
            description: "edit the account's Zitadel settings: sign-in on or off, organization, project, role mappings",
            hint: "edit", superAdminOnly: true),
        KeyBinding(
            keys: [.char("u")], action: .grantRoles,
            description: "grant project roles to one Zitadel user (by id or email)", hint: "user grant",
            superAdminOnly: true),
        KeyBinding(
            keys: [.char("p")], action: .ensureRole, description: "ensure one role in the account's Zitadel project",
            hint: "project role",
            superAdminOnly: true),
    ]

    static func overview(_ s: CockpitState) -> ZitadelOverview? {
        s.session.screenData[name]?.get(ZitadelOverview.self)
    }

    static func handle(_ s: CockpitState, _ screen: ScreenState, _ action: Action) -> (CockpitState, [Effect]) {
        var s = s
        guard let account = s.accountID else { return (s, []) }
        switch action {
        case .bootstrap:
            s.mode = .confirm(
                ConfirmState(
                    title:
                        "run the Zitadel bootstrap for \(s.account?.name ?? "this account")? It creates what the plan lists.",
                    expected: "y", effect: .perform(name, account: account, ScreenCommand("bootstrap")),
                    returnTo: s.mode))
        case .edit:
            guard let c = overview(s)?.config else { break }
            let mappings = c.roleMappings.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                separator: ", ")
            s.mode = .form(
                form(
                    "config", title: "Zitadel settings of \(s.account?.name ?? "the account")",
                    fields: [
                        .init(
                            name: "enabled", label: "sign-in through Zitadel", value: c.enabled ? "on" : "off",
                            hint: "on or off"),
                        .init(
                            name: "organization_id", label: "organization id", value: c.organizationID,
                            hint: "the account's organization in Zitadel"),
                        .init(
                            name: "project_id", label: "project id", value: c.projectID,
                            hint: "empty: the bootstrap creates one"),
                        .init(
                            name: "issuer", label: "issuer", value: c.issuer, hint: "empty: the server's ZITADEL_ISSUER"
                        ),
                        .init(name: "audience", label: "audience", value: c.audience, hint: "optional"),
                        .init(
                            name: "role_mappings", label: "role mappings", value: mappings,
                            hint: "cockpit_role=zitadel_role_key, comma-separated"),
                        .init(
                            name: "account_id_claim", label: "account id claim", value: c.accountIDClaim,
                            hint: "optional"),
                    ]))
        case .grantRoles:
            s.mode = .form(
                form(
                    "grant", title: "grant project roles to a Zitadel user",
                    fields: [
                        .init(name: "user", label: "user", hint: "a Zitadel user id, or an email"),
                        .init(name: "role_keys", label: "roles", hint: "comma-separated, e.g. console_org_admin"),
                    ]))
        case .ensureRole:
            s.mode = .form(
                form(
                    "role", title: "ensure a project role",
                    fields: [
                        .init(name: "key", label: "role key", hint: "e.g. copilot_team_admin"),
                        .init(name: "display_name", label: "display name", hint: "optional"),
                        .init(name: "group", label: "group", hint: "optional"),
                    ]))
        default: break
        }
        return (s, [])
    }

    static func submit(_ c: ScreenContext, _ form: FormState, verb: String, id: UUID?) async throws -> ScreenUpdate {
        let account = try c.requireAccount()
        let message: String
        switch verb {
        case "config":
            var config = overview(c.state)?.config ?? ZitadelAccountConfig()
            switch form.value("enabled").lowercased() {
            case "on", "yes", "true": config.enabled = true
            case "off", "no", "false": config.enabled = false
            default: throw CockpitError.invalid(field: "sign-in through Zitadel", reason: "must be on or off")
            }
            (config.organizationID, config.projectID, config.issuer) = (
                form.value("organization_id"), form.value("project_id"), form.value("issuer")
            )
            (config.audience, config.accountIDClaim) = (form.value("audience"), form.value("account_id_claim"))
            config.roleMappings = try roleMappings(form.value("role_mappings"))
            _ = try await c.backend.setZitadelConfig(account: account, config)
            message = "Zitadel settings saved"
        case "grant":
            let report = try await c.backend.grantZitadelRoles(
                account: account, user: form.value("user"), roleKeys: FormState.list(form.value("role_keys")))
            message = "user grant: " + summary(report)
        default:
            let key = form.value("key"), display = form.value("display_name")
            let report = try await c.backend.ensureZitadelRole(
                account: account,
                ZitadelRole(
                    key: key, displayName: display.isEmpty ? key : display,
                    group: form.value("group")))
            message = "project role: " + summary(report)
        }
        var update = try await load(c, ScreenState(name: name))
        update.state = {
            $0.mode = .screen(ScreenState(name: name)); $0.message = message
        }
        return update
    }

    /// `cockpit_role=zitadel_role_key, …` as a map; a pair without `=` is refused naming it.
    static func roleMappings(_ text: String) throws -> [String: String] {
        var out: [String: String] = [:]
        for pair in FormState.list(text) {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw CockpitError.invalid(
                    field: "role mappings", reason: "'\(pair)' is not cockpit_role=zitadel_role_key")
            }
            out[parts[0]] = parts[1]
        }
        return out
    }

    /// What a provisioning step did, in a few words.
    static func summary(_ r: ProvisioningReport) -> String {
        let parts = [("created", r.created), ("found", r.found), ("updated", r.updated), ("unresolved", r.unresolved)]
            .filter { !$0.1.isEmpty }
        return parts.isEmpty
            ? "nothing to do" : parts.map { "\($0.0) \($0.1.joined(separator: ", "))" }.joined(separator: "; ")
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
            $0.message =
                "bootstrap done: \(report.created.count) created, \(report.found.count) found, \(report.unresolved.count) unresolved"
        }
        return update
    }

    /// The view's text, line by line, with the role each is drawn in.
    static func lines(_ z: ZitadelOverview) -> [(text: String, role: StyleRole)] {
        var out: [(text: String, role: StyleRole)] = []
        if z.configured {
            let jwks = z.status["jwks"] ?? .null
            let keys =
                jwks["reachable"] == .bool(true)
                ? "signing keys reachable (\(jwks["keys"]?.doubleValue.flatMap(CheckedNumber.int) ?? 0))"
                : "signing keys unreachable: \(jwks["error"]?.stringValue ?? "?")"
            out.append(
                (
                    "server   issuer \(z.status["issuer"]?.stringValue ?? "?") · \(keys)",
                    jwks["reachable"] == .bool(true) ? .statusOK : .statusError
                ))
        } else {
            out.append(("server   Zitadel is off: ZITADEL_ISSUER is not set", .statusWarn))
        }
        let c = z.config
        out.append(
            (
                "account  sign-in through Zitadel \(c.enabled ? "on" : "off") · organization \(c.organizationID.isEmpty ? "–" : c.organizationID)"
                    + " · project \(c.projectID.isEmpty ? "–" : c.projectID)", c.enabled ? .dialog : .statusWarn
            ))
        if let plan = z.plan {
            out.append(("plan     (a dry run: nothing changed)", .title))
            out += report(plan, verbs: ("would create", "exists", "would update"))
            if plan.created.isEmpty && plan.updated.isEmpty {
                out.append(("         nothing to do: the account is provisioned", .statusOK))
            }
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
    static func report(
        _ r: ProvisioningReport, verbs: (create: String, found: String, update: String)
    ) -> [(text: String, role: StyleRole)] {
        let change: StyleRole = r.dryRun ? .statusWarn : .statusOK
        func line(_ verb: String, _ item: String, _ role: StyleRole) -> (text: String, role: StyleRole) {
            ("  " + TextWidth.fit(verb, to: 13) + " " + item, role)
        }
        return r.created.map { line(verbs.create, $0, change) } + r.updated.map { line(verbs.update, $0, change) }
            + r.found.map { line(verbs.found, $0, .dialog) } + r.unresolved.map { line("unresolved", $0, .statusError) }
    }
}
