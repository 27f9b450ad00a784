import CockpitCore
import Foundation

/// A tree (the copilot one unless named) as the catalog and guardrail views read it: who a set of grants reaches (a user grant the user, a team grant
/// its members, an organization grant the members of its teams, the account grant everyone in the tree), scopes by
/// name (`team Support`, `user ana@acme.io`), and a scope typed in a form read back. Built once per loaded tree.
struct TreeReach: Equatable, Sendable {
    private(set) var users: [UUID: User] = [:]
    private var teamMembers: [UUID: Set<UUID>] = [:]
    private var orgMembers: [UUID: Set<UUID>] = [:]
    private var orgs: [UUID: Organization] = [:]
    private var teams: [UUID: Team] = [:]
    /// The tree it reads (named in its refusals).
    private var domain = ProductDomain.copilot

    init(_ tree: TreeData = TreeData(), domain: ProductDomain = .copilot) {
        self.domain = domain
        for org in tree.orgs ?? [] { orgs[org.id] = org }
        for team in tree.teams.values.joined() {
            teams[team.id] = team
            let members = tree.members[team.id] ?? []
            teamMembers[team.id] = Set(members.map(\.user.id))
            orgMembers[team.orgID, default: []].formUnion(members.map(\.user.id))
            for m in members { users[m.user.id] = m.user }
        }
    }

    /// The users the scopes reach, by email (or name), sorted; one the loaded tree does not hold by short id.
    func reached(_ scopes: [CatalogScope]) -> [String] {
        var ids = Set<UUID>()
        for scope in scopes {
            switch scope.type {
            case .account: ids.formUnion(users.keys)
            case .org: ids.formUnion(scope.treeID.flatMap { orgMembers[$0] } ?? [])
            case .team: ids.formUnion(scope.treeID.flatMap { teamMembers[$0] } ?? [])
            case .user: if let id = scope.treeID { ids.insert(id) }
            }
        }
        return ids.map { id in users[id].map { $0.email ?? $0.displayName } ?? String(id.lowercased.prefix(8)) }
            .sorted { $0.lowercased() < $1.lowercased() }
    }

    /// A scope by what it is and its name (`the account`, `org global`, `team Support`, `user ana@acme.io`).
    func label(_ scope: CatalogScope) -> String {
        let short = String(scope.id.prefix(8))
        switch scope.type {
        case .account: return "the account"
        case .org: return "org " + (scope.treeID.flatMap { orgs[$0]?.name } ?? short)
        case .team: return "team " + (scope.treeID.flatMap { teams[$0]?.name } ?? short)
        case .user: return "user " + (scope.treeID.flatMap { users[$0] }.map { $0.email ?? $0.displayName } ?? short)
        }
    }

    /// The scope a tree node is (a member: their user); the account for nothing selected.
    static func scope(of node: NodeID?, account: UUID?) -> CatalogScope {
        switch node {
        case .org(let id)?: CatalogScope(type: .org, id: id.lowercased)
        case .team(let id)?: CatalogScope(type: .team, id: id.lowercased)
        case .member(_, let user)?: CatalogScope(type: .user, id: user.lowercased)
        case .more?, nil: CatalogScope(type: .account, id: account?.lowercased ?? "")
        }
    }

    /// A scope as typed in a form (`team Support`, by id where the name is not unique; `account`).
    func text(_ scope: CatalogScope) -> String {
        guard let id = scope.treeID else { return "account" }
        switch scope.type {
        case .org: return text(.org(id))
        case .team: return text(.team(id))
        case .user, .account: return "user " + (users[id]?.email ?? id.lowercased)
        }
    }

    /// A tree node as a scope typed in a form (`team Support`; by id where the name is not unique): what the grant
    /// form starts with. Nothing selected is the account.
    func text(_ node: NodeID?) -> String {
        switch node {
        case .org(let id)?: return "org " + Self.unique(orgs[id]?.name, among: orgs.values.map(\.name), else: id)
        case .team(let id)?: return "team " + Self.unique(teams[id]?.name, among: teams.values.map(\.name), else: id)
        case .member(_, let user)?: return "user " + (users[user]?.email ?? user.lowercased)
        case .more?, nil: return "account"
        }
    }

    /// A scope typed in a form: `account`, or `org`, `team` or `user` followed by a name, an email or an id.
    func scope(_ text: String, account: UUID) throws -> CatalogScope {
        let typed = text.trimmingCharacters(in: .whitespaces)
        let words = typed.split(separator: " ", maxSplits: 1).map(String.init)
        guard let first = words.first?.lowercased() else { throw Self.refusal("is required") }
        if first == "account" || first == "the" && words.count == 2 && words[1].lowercased() == "account" {
            return CatalogScope(type: .account, id: account.lowercased)
        }
        guard let type = CatalogScopeType(rawValue: first), type != .account, words.count == 2 else {
            throw Self.refusal("must be account, org NAME, team NAME or user EMAIL")
        }
        let name = words[1].trimmingCharacters(in: .whitespaces)
        if let id = UUID(uuidString: name) { return CatalogScope(type: type, id: id.lowercased) }
        let found: [UUID]
        switch type {
        case .org: found = orgs.values.filter { $0.name.lowercased() == name.lowercased() }.map(\.id)
        case .team: found = teams.values.filter { $0.name.lowercased() == name.lowercased() }.map(\.id)
        case .user:
            found = users.values.filter {
                $0.email?.lowercased() == name.lowercased() || $0.displayName.lowercased() == name.lowercased()
            }.map(\.id)
        case .account: found = []
        }
        guard found.count == 1 else {
            throw Self.refusal(
                found.isEmpty
                    ? "names no \(type.rawValue) of the \(domain.rawValue) tree: \(name)"
                    : "names \(found.count) \(type.rawValue)s called \(name): type its id instead")
        }
        return CatalogScope(type: type, id: found[0].lowercased)
    }

    /// A name when no other of its kind has it (as a form reads names: any case), else the id.
    static func unique(_ name: String?, among names: [String], else id: UUID) -> String {
        guard let name, names.filter({ $0.lowercased() == name.lowercased() }).count == 1 else { return id.lowercased }
        return name
    }

    static func refusal(_ reason: String) -> CockpitError { CockpitError.invalid(field: "scope", reason: reason) }
}
