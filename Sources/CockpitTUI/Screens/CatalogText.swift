import CockpitCore
import Foundation

/// Words the catalog views share: grants by scope with names from the tree and who they reach, a JSON document in a
/// line, and the divider that says where `+` grants.
enum CatalogText {
    /// The grants in scope order (account, organizations, teams, users) by name, and the users they reach.
    static func grants(
        _ grants: [CatalogScope], _ o: CatalogOverview, manage: Set<CatalogScope> = []
    ) -> [CatalogView.Detail] {
        guard !grants.isEmpty else {
            return [.init("grants", "none: nobody can use it yet (+ grants it)", .statusWarn)]
        }
        let order = CatalogScopeType.allCases
        let sorted = grants.sorted {
            (order.firstIndex(of: $0.type)!, o.reach.label($0)) < (order.firstIndex(of: $1.type)!, o.reach.label($1))
        }
        let named = sorted.map { o.reach.label($0) + (manage.contains($0) ? " (manages)" : "") }
        let users = o.reach.reached(grants)
        let who =
            grants.contains { $0.type == .account }
            ? "everyone in the account: \(users.count) \(users.count == 1 ? "user" : "users") in teams"
            : "\(users.count) \(users.count == 1 ? "user" : "users")"
        return [
            .init("grants", named.joined(separator: " · ")),
            .init(
                "can use", users.isEmpty ? who : "\(who): " + CatalogView.names(users),
                users.isEmpty ? .statusWarn : .dialog),
        ]
    }

    /// A JSON object in a line: its members' names and size (`3 members: model, prompt, tools · 412 B`).
    static func document(_ value: JSONValue) -> String {
        let keys = (value.objectValue ?? [:]).keys.sorted()
        let size = JSONField.size(value.encodedString.utf8.count)
        guard !keys.isEmpty else { return "{} (empty)" }
        return "\(keys.count) \(keys.count == 1 ? "member" : "members"): \(keys.joined(separator: ", ")) · \(size)"
    }

    /// The divider between list and details: the selection, and where `+` grants (the copilot tree's selection).
    static func divider(_ selected: String?, _ o: CatalogOverview?, _ s: CockpitState) -> String {
        let target = o.map { $0.reach.label(TreeReach.scope(of: CatalogActions.copilotNode(s), account: s.accountID)) }
        return [selected, target.map { "+ grants to \($0)" }].compactMap { $0 }.joined(separator: " · ")
    }
}
