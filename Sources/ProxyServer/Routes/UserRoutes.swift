import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// Users and memberships of both trees: `/v1/{domain}/users…` and `/v1/{domain}/teams/{id}/members`.
enum UserRoutes {
    static func register(_ table: RouteTable) {
        for d in ProductDomain.allCases {
            let base = "/v1/\(d.rawValue)"
            table.add(.get, "\(base)/users") { request, _, c in
                if let q = request.query("q") {
                    // A search: email or display-name prefix, one page of at most `limit` (20 by default).
                    let limit = try request.page().limit
                    return WireJSON.list(
                        try await c.directory.searchUsers(
                            account: try c.callerAccount(), domain: d, prefix: q, limit: min(limit, 100)))
                }
                return WireJSON.page(
                    try await c.directory.users(account: try c.callerAccount(), domain: d, page: request.page()))
            }
            table.add(.post, "\(base)/users") { request, context, c in
                let input = try await WireJSON.decode(UserFields.self, from: request, context).input()
                // 200 for a new user too, as the original answers its upsert.
                let (user, _) = try await c.directory.upsertUser(account: try c.callerAccount(), domain: d, input)
                return WireJSON.item(user)
            }
            table.add(.get, "\(base)/users/{id}") { request, context, c in
                WireJSON.item(
                    try await c.directory.user(
                        account: try c.callerAccount(), domain: d, id: try request.id("id", context)))
            }
            table.add(.patch, "\(base)/users/{id}") { request, context, c in
                let id = try request.id("id", context)
                let input = try await WireJSON.decode(UserFields.self, from: request, context).input()
                return WireJSON.item(
                    try await c.directory.updateUser(account: try c.callerAccount(), domain: d, id: id, input))
            }
            table.add(.delete, "\(base)/users/{id}") { request, context, c in
                let id = try request.id("id", context)
                try await c.directory.deleteUser(account: try c.callerAccount(), domain: d, id: id)
                return WireJSON.ok(["id": .string(id.lowercased)])
            }
            table.add(.get, "\(base)/users/{id}/memberships") { request, context, c in
                WireJSON.list(
                    try await c.directory.memberships(
                        account: try c.callerAccount(), domain: d, userID: try request.id("id", context)))
            }
            table.add(.get, "\(base)/teams/{id}/members") { request, context, c in
                let page = try await c.directory.members(
                    account: try c.callerAccount(), domain: d, teamID: try request.id("id", context),
                    page: request.page())
                return WireJSON.page(Page(items: page.items.map(Member.init), nextCursor: page.nextCursor))
            }
            // Cockpit's addition: every membership of the tree with its team, a page at a time.
            table.add(.get, "\(base)/members") { request, _, c in
                let page = try await c.directory.treeMembers(
                    account: try c.callerAccount(), domain: d, page: request.page())
                return WireJSON.page(Page(items: page.items.map(Member.init), nextCursor: page.nextCursor))
            }
            table.add(.post, "\(base)/teams/{id}/members") { request, context, c in
                let team = try request.id("id", context)
                let body = try await WireJSON.decode(MemberChange.self, from: request, context)
                let user = try userID(body.userID ?? request.query("user_id"))
                let role =
                    try body.role.map { text -> MembershipRole in
                        guard let role = MembershipRole(rawValue: text) else {
                            throw APIError(.badRequest, "role must be member or admin")
                        }
                        return role
                    } ?? .member
                return WireJSON.item(
                    try await c.directory.addMember(
                        account: try c.callerAccount(), domain: d, teamID: team, userID: user, role: role),
                    status: .created)
            }
            table.add(.delete, "\(base)/teams/{id}/members") { request, context, c in
                let team = try request.id("id", context)
                var text = request.query("user_id")
                if text == nil { text = try await WireJSON.decode(MemberChange.self, from: request, context).userID }
                let user = try userID(text)
                try await c.directory.removeMember(
                    account: try c.callerAccount(), domain: d, teamID: team, userID: user)
                return WireJSON.ok(["team_id": .string(team.lowercased), "user_id": .string(user.lowercased)])
            }
        }
    }

    static func userID(_ text: String?) throws -> UUID {
        guard let text else { throw APIError(.unprocessableContent, "user_id is required") }
        guard let id = UUID(uuidString: text) else { throw APIError(.badRequest, "user_id is not a valid id") }
        return id
    }

    /// A member as listed: the user and the membership role (and its team, in the whole tree's list).
    struct Member: Encodable {
        let user: User
        let role: MembershipRole
        var teamID: UUID?
        init(_ m: TeamMember) {
            user = m.user
            role = m.role
        }
        init(_ m: TreeMember) {
            self.init(m.member)
            teamID = m.teamID
        }
    }
}

extension UserFields {
    /// The directory's input; `team_ids` must hold ids.
    func input() throws -> UserInput {
        let teams = try (teamIds ?? []).map { text -> UUID in
            guard let id = UUID(uuidString: text) else { throw APIError(.badRequest, "team_ids holds an invalid id") }
            return id
        }
        return UserInput(
            email: email, identityUserID: identityUserID, displayName: displayName, role: role, metadata: metadata,
            maxBudget: maxBudget, teamIDs: teams)
    }
}
