import CockpitCore
import Foundation

/// `:catalog` (super-admin): the global model catalogue, the models every account may be given; n adds one, e edits
/// one (its provider key typed hidden: empty keeps the stored one), d deletes one (its name typed).
enum CatalogScreen: Screen {
    static let name = "catalog"
    static let usage = "catalog"
    static let summary = "the global model catalogue: add, edit, delete (provider keys typed hidden, never shown)"
    static let superAdminOnly = true
    static let needsAccount = false
    static let bindings: [KeyBinding] = [
        KeyBinding(keys: [.char("n")], action: .new, description: "add a global model", hint: "add"),
        KeyBinding(
            keys: [.char("e")], action: .edit,
            description: "edit the selected global model (its provider key typed hidden)", hint: "edit"),
        KeyBinding(
            keys: [.char("d")], action: .delete, description: "delete the selected global model (type its name)",
            hint: "delete"),
    ]

    static func rowCount(_ s: CockpitState) -> Int? { s.catalog?.count ?? 0 }

    static func handle(_ s: CockpitState, _ screen: ScreenState, _ action: Action) -> (CockpitState, [Effect]) {
        var s = s
        if action == .new { s.mode = .form(form(nil)); return (s, []) }
        guard let models = s.catalog, screen.selected < models.count else { return (s, []) }
        let model = models[screen.selected]
        switch action {
        case .edit: s.mode = .form(form(model))
        case .delete:
            var back = screen
            back.selected = max(0, screen.selected - 1)
            s.mode = .confirm(
                ConfirmState(
                    title: "delete global model \(model.modelName)? Every account loses it at once.",
                    expected: model.modelName,
                    effect: .perform(name, account: s.accountID, ScreenCommand("delete", id: model.id)),
                    returnTo: .screen(back)))
        default: break
        }
        return (s, [])
    }

    static func draw(_ b: inout ScreenBuffer, _ s: CockpitState, _ screen: ScreenState) {
        let (x, y, width, height) = Box.panel(
            &b, title: "global model catalogue\(s.catalog.map { " (\($0.count))" } ?? "")")
        let rows = s.catalog?.map { m in
            ListTable.Row(cells: [
                m.modelName + " ", m.providerModel + " ", m.visibleToAll ? "every account" : "when granted",
                m.hasCredentials ? "stored" : "–",
            ])
        }
        ListTable.draw(
            &b, x: x, y: y + 1, width: width, height: height - 2,
            columns: [
                .init(title: "model ", width: 29), .init(title: "provider/model ", width: 37),
                .init(title: "visible to", width: 15),
                .init(title: "key", width: 0),
            ],
            rows: rows, selected: screen.selected, empty: "no global models yet: n adds one")
    }

    static func load(_ c: ScreenContext, _ screen: ScreenState) async throws -> ScreenUpdate {
        let models = try await c.backend.catalog()
        return ScreenUpdate(state: { $0.catalog = models })
    }

    /// The form for a global model, empty or filled from one (its provider key is never shown: empty keeps it).
    static func form(_ model: ModelDeployment?) -> FormState {
        form(
            "save", id: model?.id, title: model.map { "edit global model \($0.modelName)" } ?? "add a global model",
            fields: ModelForm.fields(model) + [
                .init(
                    name: "visible_to_all", label: "every account may use it",
                    value: model?.visibleToAll == true ? "yes" : "no", hint: "yes or no")
            ])
    }

    static func submit(_ c: ScreenContext, _ form: FormState, verb: String, id: UUID?) async throws -> ScreenUpdate {
        let visible: Bool
        switch form.value("visible_to_all").lowercased() {
        case "yes", "y", "true": visible = true
        case "no", "n", "false", "": visible = false
        default: throw CockpitError.invalid(field: "every account may use it", reason: "must be yes or no")
        }
        let model = try await c.backend.saveCatalogModel(ModelForm.input(form, id: id, visibleToAll: visible))
        let models = try await c.backend.catalog()
        return ScreenUpdate(state: {
            $0.catalog = models
            $0.mode = .screen(ScreenState(name: name, selected: models.firstIndex { $0.id == model.id } ?? 0))
            $0.message = "\(id == nil ? "added" : "saved") global model \(model.modelName)"
        })
    }

    static func perform(_ c: ScreenContext, _ command: ScreenCommand) async throws -> ScreenUpdate {
        guard command.verb == "delete", let id = command.id else {
            throw CockpitError.invalid(field: "action", reason: "the catalogue cannot \(command.verb)")
        }
        try await c.backend.deleteCatalogModel(id: id)
        let models = try await c.backend.catalog()
        return ScreenUpdate(state: {
            $0.catalog = models; $0.message = "global model deleted"
        })
    }
}
