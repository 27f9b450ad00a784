import CockpitCore
import Foundation

/// `:zitadel`: the server's Zitadel status, the account's settings, the provisioning plan (what a bootstrap would
/// create, what it found, what it cannot resolve) and, after `b`, what the bootstrap did.
enum ZitadelView {
    static func draw(_ b: inout ScreenBuffer, _ s: CockpitState) {
        let (x, y, width, height) = ReportsView.frame(&b, title: "Zitadel for \(s.account?.name ?? "")")
        guard let z = s.session.zitadel else { b.put("loading…", x: x + 2, y: y + 1, role: .statusWarn); return }
        var lines = self.lines(z)
        lines.append(("", .dialog))
        lines.append(("b runs the bootstrap · R reloads · esc closes", .hintText))
        for (i, line) in lines.prefix(height - 2).enumerated() {
            b.put(line.text, x: x + 2, y: y + 1 + i, role: line.role, limit: width - 4)
        }
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
