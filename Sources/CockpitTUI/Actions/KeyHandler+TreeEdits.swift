import CockpitCore
import Foundation

/// Edits in the trees: `e` and `d` on the selected row. Refused in read-only mode here, before anything reaches a
/// backend.
extension KeyHandler {
    /// `e` in a tree: rename an organization or a team; a member's name and team role.
    static func edit(_ s: inout CockpitState, _ row: TreeRow?, domain: ProductDomain) {
        guard !s.readOnly else { s.message = readOnlyMessage; return }
        guard let row,
            let form = FormState.edit(
                row.id, domain: domain, data: s.session.data[domain] ?? TreeData(), label: row.label)
        else {
            s.message = "select an organization, a team or a member to edit"
            return
        }
        s.mode = .form(form)
    }

    /// `d` in a tree: remove a member (confirm with y), delete a team or an organization (type its name).
    static func delete(_ s: inout CockpitState, _ row: TreeRow?, domain: ProductDomain) {
        guard !s.readOnly else { s.message = readOnlyMessage; return }
        guard let row, let account = s.accountID else { s.message = "select what to delete first"; return }
        switch row.id {
        case .member:
            s.mode = .confirm(
                ConfirmState(
                    title: "remove \(row.label) from the team? The user stays in the tree.", expected: "y",
                    effect: .delete(account: account, domain: domain, node: row.id)))
        case .more: s.message = "select an organization, a team or a member to delete"
        case .team, .org:
            let what = row.depth == 0 ? "organization" : "team"
            s.mode = .confirm(
                ConfirmState(
                    title: "delete \(domain.rawValue) \(what) \(row.label) and everything under it?",
                    expected: row.label,
                    effect: .delete(account: account, domain: domain, node: row.id)))
        }
    }
}
