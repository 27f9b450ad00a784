import Foundation

/// SQL shared by the catalog's repositories: the tree columns a grant row binds for its scope's foreign key, and the
/// condition "this grant reaches a copilot user" (grants on the user, their teams, their teams' organizations, the
/// organizations they are members of, and the account), so effective visibility is one query per kind.
package enum CatalogReach {
    /// `org_id`, `team_id`, `user_id` of a grant row: the scope's UUID in its own column, NULL in the others.
    package static func treeColumns(_ scope: CatalogScope) -> (org: SQLValue, team: SQLValue, user: SQLValue) {
        let id: SQLValue = scope.treeID.map(SQLValue.uuid) ?? .null
        return (
            scope.type == .org ? id : .null, scope.type == .team ? id : .null, scope.type == .user ? id : .null
        )
    }

    /// A condition on a grant table aliased `g` (columns `scope_type`, `scope_id`) true when the grant reaches
    /// `user` of `account`'s copilot tree; appends its three parameters.
    package static func reachesUser(_ user: UUID, account: UUID, _ p: inout [SQLValue]) -> String {
        p += [.text(user.lowercased), .text(account.lowercased), .uuid(user)]
        let (u, a, member) = ("$\(p.count - 2)", "$\(p.count - 1)", "$\(p.count)")
        return """
            ((g.scope_type = 'user' AND g.scope_id = \(u))
             OR (g.scope_type = 'account' AND g.scope_id = \(a))
             OR (g.scope_type = 'team' AND g.scope_id IN (
                 SELECT CAST(m.team_id AS TEXT) FROM team_memberships m
                 WHERE m.user_id = \(member) AND m.domain = 'copilot'))
             OR (g.scope_type = 'org' AND g.scope_id IN (
                 SELECT CAST(t.org_id AS TEXT) FROM team_memberships m JOIN teams t ON t.id = m.team_id
                 WHERE m.user_id = \(member) AND m.domain = 'copilot'
                 UNION SELECT CAST(o.org_id AS TEXT) FROM organization_memberships o
                 WHERE o.user_id = \(member) AND o.domain = 'copilot')))
            """
    }
}
