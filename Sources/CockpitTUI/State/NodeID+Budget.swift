import CockpitCore
import Foundation

extension NodeID {
    /// The budget subject, id and route segment of a tree node (a member's budget is its user's); nil for a row that is
    /// not a node.
    var budgetSubject: (BudgetSubject, UUID, path: String)? {
        switch self {
        case .org(let id): (.org, id, "orgs")
        case .team(let id): (.team, id, "teams")
        case .member(_, let user): (.user, user, "users")
        case .more: nil
        }
    }
}
