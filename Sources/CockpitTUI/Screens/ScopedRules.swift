import CockpitCore
import Foundation

/// What `:grants` and `:features` share: rules of the focused tree per scope, listed under the last effective answer
/// asked for the selected node.
enum ScopedRules {
    /// Where a view keeps the last effective answer (`grants.answer`).
    static func answerKey(_ view: String) -> String { view + ".answer" }

    /// The panel: the title, the last answer, then the rules (scope, rule, value).
    static func draw(
        _ b: inout ScreenBuffer, _ s: CockpitState, _ screen: ScreenState, title: String, rows: [ListTable.Row]?,
        rule: String, value: String, empty: String
    ) {
        let (x, y, width, height) = Box.panel(&b, title: title + (rows.map { " (\($0.count))" } ?? ""))
        var top = y + 1
        if let answer = s.session.screenData[answerKey(screen.name)]?.get(String.self) {
            b.put(answer, x: x + 2, y: top, role: .title, limit: width - 4)
            top += 2
        }
        ListTable.draw(
            &b, x: x, y: top, width: width, height: height - 1 - (top - y),
            columns: columns(width: width, rule: rule, value: value), rows: rows, selected: screen.selected,
            empty: empty)
    }

    /// The columns: the scope, the rule, its value; narrower on a small screen.
    static func columns(width: Int, rule: String, value: String) -> [ListTable.Column] {
        let room = width - 14
        let scope = min(40, room / 2)
        return [
            .init(title: "scope", width: scope), .init(title: rule, width: min(30, room - scope)),
            .init(title: value, width: 0),
        ]
    }

    /// An effective answer, in words, kept for the view, which shows again.
    static func answered(
        _ view: String, _ subject: String, at: TreeSelection, _ answer: EffectiveAccess, yes: String, no: String
    ) -> ScreenUpdate {
        let line = "\(subject) for \(at.name): \(answer.allowed ? yes : no) (decided by \(decider(answer, at)))"
        return ScreenUpdate(
            session: { $0.screenData[answerKey(view)] = ScreenData(line) },
            state: { $0.mode = .screen(ScreenState(name: view)) })
    }

    /// What decided an effective answer, by name: `team SRE`, `the account's console model policy`, `no grant anywhere`.
    static func decider(_ answer: EffectiveAccess, _ at: TreeSelection) -> String {
        switch answer.decidedBy {
        case "account_policy": return "the account's console model policy"
        case "default": return "no grant anywhere"
        case let kind:
            guard let id = answer.scopeID, let scope = try? GrantScope.parse(kind: kind, id: id) else { return kind }
            return at.label(scope)
        }
    }
}

extension GrantScope {
    /// Account first, then organizations, teams and users (how the views list rules).
    var order: Int {
        switch self {
        case .account: 0
        case .org: 1
        case .team: 2
        case .user: 3
        }
    }
}
