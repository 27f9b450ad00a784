import CockpitCore
import Foundation

/// `:admins` (super-admin): the account's admins, with whether they may sign in locally; n adds one (a password,
/// typed hidden, is optional: without it only SSO), e sets or removes an admin's password (their sessions end),
/// d removes an admin (its email typed; the last admin stays).
enum AdminsScreen: Screen {
    static let name = "admins"
    static let usage = "admins"
    static let summary = "the account's admins: add, set or remove a password, remove"
    static let superAdminOnly = true
    static let bindings: [KeyBinding] = [
        KeyBinding(
            keys: [.char("n")], action: .new,
            description: "add an admin (a password is optional: without one, SSO only)", hint: "add"),
        KeyBinding(
            keys: [.char("e")], action: .edit,
            description: "set the selected admin's password, or remove it (empty: SSO only); their sessions end",
            hint: "password"),
        KeyBinding(
            keys: [.char("d")], action: .delete,
            description: "remove the selected admin (type the email; the last admin stays)", hint: "remove"),
    ]

    static func admins(_ s: CockpitState) -> [AccountAdmin]? { s.session.screenData[name]?.get([AccountAdmin].self) }
    static func rowCount(_ s: CockpitState) -> Int? { admins(s)?.count ?? 0 }

    static func handle(_ s: CockpitState, _ screen: ScreenState, _ action: Action) -> (CockpitState, [Effect]) {
        var s = s
        if action == .new {
            s.mode = .form(
                form(
                    "new", title: "add an admin to \(s.account?.name ?? "the account")",
                    fields: [
                        .init(name: "email", label: "email"),
                        .init(name: "password", label: "password", hint: "optional: empty for SSO only", secret: true),
                    ]))
            return (s, [])
        }
        guard let admins = admins(s), screen.selected < admins.count else { return (s, []) }
        let admin = admins[screen.selected]
        switch action {
        case .edit:
            // The verb carries the admin's email (admins have no id of their own).
            s.mode = .form(
                form(
                    "password " + admin.email,
                    title: "password of \(admin.email) (\(admin.hasPassword ? "has one" : "none: SSO only"))",
                    fields: [
                        .init(name: "password", label: "new password", hint: "empty removes it: SSO only", secret: true)
                    ]))
        case .delete:
            var back = screen
            back.selected = max(0, screen.selected - 1)
            s.mode = .confirm(
                ConfirmState(
                    title:
                        "remove \(admin.email) as an admin of \(s.account?.name ?? "the account")? Their sessions end.",
                    expected: admin.email,
                    effect: .perform(name, account: s.accountID, ScreenCommand("delete", text: admin.email)),
                    returnTo: .screen(back)))
        default: break
        }
        return (s, [])
    }

    static func draw(_ b: inout ScreenBuffer, _ s: CockpitState, _ screen: ScreenState) {
        let admins = admins(s)
        let (x, y, width, height) = Box.dialog(
            &b, maxWidth: 90, rows: max(2, (admins?.count ?? 1) + 1),
            title: "admins of \(s.account?.name ?? "")\(admins.map { " (\($0.count))" } ?? "")")
        let rows = admins?.map { a in
            ListTable.Row(cells: [
                a.email + " ", a.role + " ", a.hasPassword ? "password and SSO" : "SSO only",
                String(Timestamp.format(a.createdAt).prefix(10)),
            ])
        }
        ListTable.draw(
            &b, x: x, y: y + 1, width: width, height: height - 2,
            columns: [
                .init(title: "email", width: min(36, width - 48)), .init(title: "role", width: 15),
                .init(title: "sign-in", width: 18),
                .init(title: "since", width: 0),
            ],
            rows: rows, selected: screen.selected, empty: "no admins")
    }

    static func load(_ c: ScreenContext, _ screen: ScreenState) async throws -> ScreenUpdate {
        .data(name, try await c.backend.admins(account: try c.requireAccount()))
    }

    static func submit(_ c: ScreenContext, _ form: FormState, verb: String, id: UUID?) async throws -> ScreenUpdate {
        let account = try c.requireAccount()
        let password = form.rawValue("password")
        let admin: AccountAdmin
        if verb == "new" {
            admin = try await c.backend.addAdmin(
                account: account, email: form.value("email"), password: password.isEmpty ? nil : password)
        } else {
            admin = try await c.backend.setAdminPassword(
                account: account, email: String(verb.dropFirst("password ".count)),
                password: password.isEmpty ? nil : password)
        }
        let all = try await c.backend.admins(account: account)
        let added = verb == "new"
        return ScreenUpdate(
            session: { $0.screenData[name] = ScreenData(all) },
            state: {
                $0.mode = .screen(ScreenState(name: name, selected: all.firstIndex { $0.email == admin.email } ?? 0))
                $0.message =
                    added
                    ? "added \(admin.email)"
                    : (admin.hasPassword
                        ? "password set for \(admin.email)" : "\(admin.email) now signs in through SSO only")
            })
    }

    static func perform(_ c: ScreenContext, _ command: ScreenCommand) async throws -> ScreenUpdate {
        guard command.verb == "delete", let email = command.text else {
            throw CockpitError.invalid(field: "action", reason: "admins cannot \(command.verb)")
        }
        let account = try c.requireAccount()
        try await c.backend.removeAdmin(account: account, email: email)
        var update = ScreenUpdate.data(name, try await c.backend.admins(account: account))
        update.state = { $0.message = "removed \(email)" }
        return update
    }
}
