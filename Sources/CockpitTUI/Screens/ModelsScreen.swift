import CockpitCore
import Foundation

/// `:models`: the models the account may route to, its own (n adds, e edits, d deletes, the name typed) and the
/// global ones of the super-admin catalogue (listed only).
enum ModelsScreen: Screen {
    static let name = "models"
    static let usage = "models"
    static let summary = "the models the account may use: add, edit and delete its own"
    static let bindings: [KeyBinding] = [
        KeyBinding(keys: [.char("n")], action: .new, description: "add a model to the account", hint: "add"),
        KeyBinding(
            keys: [.char("e")], action: .edit,
            description: "edit the selected model of the account (its provider key is typed hidden)", hint: "edit"),
        KeyBinding(
            keys: [.char("d")], action: .delete,
            description: "delete the selected model of the account (type its name)", hint: "delete"),
    ]

    static func rowCount(_ s: CockpitState) -> Int? { models(s)?.count ?? 0 }

    static func models(_ s: CockpitState) -> [ModelDeployment]? {
        s.session.screenData[name]?.get([ModelDeployment].self)
    }

    static func handle(_ s: CockpitState, _ screen: ScreenState, _ action: Action) -> (CockpitState, [Effect]) {
        var s = s
        let models = models(s) ?? []
        if action == .new { s.mode = .form(form(nil)); return (s, []) }
        guard [.edit, .delete].contains(action), screen.selected < models.count, let account = s.accountID else {
            return (s, [])
        }
        let model = models[screen.selected]
        guard model.accountID == account else {
            s.message = "\(model.modelName) is a global model: the super-admin catalogue owns it"; return (s, [])
        }
        if action == .edit { s.mode = .form(form(model)); return (s, []) }
        var back = screen
        back.selected = max(0, screen.selected - 1)
        s.mode = .confirm(
            ConfirmState(
                title: "delete model \(model.modelName)? Keys that use it are refused for it at once.",
                expected: model.modelName,
                effect: .perform(name, account: account, ScreenCommand("delete", id: model.id)),
                returnTo: .screen(back)))
        return (s, [])
    }

    static func draw(_ b: inout ScreenBuffer, _ s: CockpitState, _ screen: ScreenState) {
        let models = models(s)
        let (x, y, width, height) = Box.panel(
            &b, title: "models of \(s.account?.name ?? "")\(models.map { " (\($0.count))" } ?? "")")
        let rows = models?.map { m in
            ListTable.Row(cells: [
                m.modelName + " ", m.providerModel + " ", m.accountID == nil ? "global" : "this account",
                m.hasCredentials ? "stored" : "–",
            ])
        }
        ListTable.draw(
            &b, x: x, y: y + 1, width: width, height: height - 2,
            columns: [
                .init(title: "model ", width: 29), .init(title: "provider/model ", width: 37),
                .init(title: "owner", width: 13),
                .init(title: "key", width: 0),
            ],
            rows: rows, selected: screen.selected, empty: "no models yet: n adds one (or list them in config.yaml)")
    }

    static func load(_ c: ScreenContext, _ screen: ScreenState) async throws -> ScreenUpdate {
        .data(name, try await c.backend.models(account: try c.requireAccount()))
    }

    /// The form for a model of the account, empty or filled from one (its provider key is never shown: empty keeps it).
    static func form(_ model: ModelDeployment?) -> FormState {
        form(
            "save", id: model?.id, title: model.map { "edit model \($0.modelName)" } ?? "add a model",
            fields: ModelForm.fields(model))
    }

    static func submit(_ c: ScreenContext, _ form: FormState, verb: String, id: UUID?) async throws -> ScreenUpdate {
        let account = try c.requireAccount()
        let model = try await c.backend.saveModel(account: account, ModelForm.input(form, id: id))
        let models = try await c.backend.models(account: account)
        return ScreenUpdate(
            session: { $0.screenData[name] = ScreenData(models) },
            state: {
                $0.mode = .screen(ScreenState(name: name, selected: models.firstIndex { $0.id == model.id } ?? 0))
                $0.message = "\(id == nil ? "added" : "saved") model \(model.modelName)"
            })
    }

    static func perform(_ c: ScreenContext, _ command: ScreenCommand) async throws -> ScreenUpdate {
        guard command.verb == "delete", let id = command.id else {
            throw CockpitError.invalid(field: "action", reason: "models cannot \(command.verb)")
        }
        let account = try c.requireAccount()
        try await c.backend.deleteModel(account: account, id: id)
        var update = ScreenUpdate.data(name, try await c.backend.models(account: account))
        update.state = { $0.message = "model deleted" }
        return update
    }
}
