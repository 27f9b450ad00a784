import CockpitCore
import Foundation

/// The three catalog views (`:agents`, `:connections`, `:marketplace`): each lists rows of the account's catalog
/// overview that the filter matches (and, once the core was asked about a tree node with `c`, only those its answer
/// names), opens the same way and acts on the selected row. A view says which rows, their ids and the texts the
/// filter looks in; the rest is here.
protocol CopilotCatalogScreen: Screen {
    associatedtype Row
    /// The view's rows in the overview, unfiltered.
    static func all(_ o: CatalogOverview) -> [Row]
    /// A row's id (what the core's answer names).
    static func id(_ row: Row) -> UUID
    /// The texts of a row the filter looks in.
    static func texts(_ row: Row, _ o: CatalogOverview) -> [String]
    /// The status line while the overview loads (`the agents are loading`).
    static var loadingMessage: String { get }
    /// The status line when an action needs a row and none is selected.
    static var noSelectionMessage: String { get }
}

extension CopilotCatalogScreen {
    static func overview(_ s: CockpitState) -> CatalogOverview? { CatalogOverview.of(s, name) }

    /// The rows shown: those the filter matches (and, asked about a node, those the answer names).
    static func rows(_ s: CockpitState, _ screen: ScreenState) -> [Row]? {
        guard let o = overview(s) else { return nil }
        let needle = screen.filter.lowercased()
        return all(o).filter { row in
            (o.answer.map { $0.items[id(row)] != nil } ?? true)
                && (needle.isEmpty || texts(row, o).contains { $0.lowercased().contains(needle) })
        }
    }

    static func rowCount(_ s: CockpitState) -> Int? {
        guard case .screen(let screen) = s.mode else { return 0 }
        return rows(s, screen)?.count ?? 0
    }

    static func open(_ s: CockpitState, argument: String?) -> (CockpitState, [Effect]) {
        CatalogActions.open(s, name, argument: argument)
    }

    /// The selected row, or nil with `noSelectionMessage` on the status line.
    static func selected(_ s: inout CockpitState, _ screen: ScreenState) -> Row? {
        let shown = rows(s, screen) ?? []
        guard screen.selected < shown.count else {
            s.message = noSelectionMessage
            return nil
        }
        return shown[screen.selected]
    }
}

extension CopilotCatalogScreen {
    /// The view loaded again after a change, with `message` and the row of `id` selected while it is still shown.
    static func reloaded(
        _ c: ScreenContext, _ back: ScreenState, _ message: String, selecting id: UUID?
    ) async throws -> ScreenUpdate {
        try await CatalogActions.reloaded(self, c, back, message) { s, screen in
            rows(s, screen)?.firstIndex { Self.id($0) == id }
        }
    }

    /// A confirmed publish, withdraw or delete (or a verb of the view's own, `other`); the core's refusal goes to
    /// the status line in its words. `delete` removes the row and says whether it was there; `noun` names a row
    /// (`agent`), `plural` the view in a refusal (`agents`).
    static func perform(
        _ c: ScreenContext, _ command: ScreenCommand, noun: String, plural: String,
        other: (ScreenCommand) async throws -> ScreenUpdate? = { _ in nil },
        delete: (UUID) async throws -> Bool
    ) async throws -> ScreenUpdate {
        var back = ScreenState(name: name)
        if case .screen(let screen) = c.state.mode, screen.name == name { back = CatalogActions.back(screen) }
        do {
            if let message = try await MarketplaceForms.publishing(c, command) {
                return try await CatalogActions.reloaded(self, c, back, message)
            }
            if let update = try await other(command) { return update }
            guard command.verb == "delete", let id = command.id else {
                throw CockpitError.invalid(field: "action", reason: "\(plural) cannot \(command.verb)")
            }
            let gone = try await delete(id)
            back.selected = max(0, back.selected - 1)
            return try await CatalogActions.reloaded(
                self, c, back, gone ? "\(noun) deleted" : "the \(noun) was gone already")
        } catch let error as CockpitError {
            return ScreenUpdate(state: { $0.message = "\(command.verb) refused: \(error.message)" })
        }
    }
}
