import CockpitAPI
import CockpitCore
import Foundation

/// The cockpit over a running server: the `/v1` control plane and the key endpoints, through libcurl, with a key
/// or session token. It sees exactly what that credential may see (an account admin's cockpit shows one account).
public final class RemoteBackend: CockpitBackend, @unchecked Sendable {
    let base: String
    let credential: String
    let http: CurlHTTPClient
    public private(set) var identity = ""
    public private(set) var isSuperAdmin = false
    private var ownAccount: UUID?
    /// True when every call that would change something is refused here, before it is sent (`--read-only`).
    public let readOnly: Bool

    /// Connects and learns who the credential is (`/v1/me/context`). Plain http is refused except to this machine:
    /// the credential would cross the network readable by anyone on the path.
    public init(
        api: String, credential: String, http: CurlHTTPClient = CurlHTTPClient(), readOnly: Bool = false
    ) async throws {
        try Self.requireSafeTransport(api)
        var base = api
        while base.hasSuffix("/") { base.removeLast() }
        self.base = base
        self.credential = credential
        self.http = http
        self.readOnly = readOnly
        let me = try decode(ContextAnswer.self, try await get("/v1/me/context", account: nil))
        isSuperAdmin = me.isSuperAdmin
        ownAccount = me.accountID
        identity = "\(me.name) @ \(URL(string: base)?.host ?? base)"
    }

    /// https anywhere; http only to a loopback address (`localhost`, 127.0.0.0/8, ::1).
    public static func requireSafeTransport(_ api: String) throws {
        guard let url = URL(string: api), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty
        else {
            throw CockpitError.invalid(field: "--api", reason: "must be a URL such as https://cockpit.example")
        }
        if scheme == "https" { return }
        let loopback =
            host.lowercased() == "localhost"
            || IPAddress(host).map { IPNetwork("127.0.0.0/8")!.contains($0) || $0 == IPAddress("::1") } == true
        guard scheme == "http", loopback else {
            throw CockpitError.invalid(
                field: "--api",
                reason: "must use https (plain http is accepted only to this machine: localhost, 127.0.0.1, ::1)")
        }
    }

    public func accounts() async throws -> [Account] {
        if isSuperAdmin {
            return try decode([AccountBundleView].self, try await get("/v1/accounts?limit=500", account: nil)["items"])
                .map(\.account)
        }
        return [try decode(Account.self, try await get("/v1/me/account", account: nil)["item"])]
    }

    public func organizations(
        account: UUID, domain: ProductDomain, after cursor: String?
    ) async throws -> Page<Organization> {
        let answer = try await get(
            "/v1/\(domain.rawValue)/orgs?limit=\(LocalBackend.pageSize)\(Self.cursor(cursor))", account: account)
        return Page(
            items: try decode([Organization].self, answer["items"]), nextCursor: answer["next_cursor"]?.stringValue)
    }

    public func teams(account: UUID, domain: ProductDomain, org: UUID, after cursor: String?) async throws -> Page<Team>
    {
        let answer = try await get(
            "/v1/\(domain.rawValue)/teams?org_id=\(org.lowercased)&limit=\(LocalBackend.pageSize)\(Self.cursor(cursor))",
            account: account)
        return Page(items: try decode([Team].self, answer["items"]), nextCursor: answer["next_cursor"]?.stringValue)
    }

    public func members(
        account: UUID, domain: ProductDomain, team: UUID, after cursor: String?
    ) async throws -> Page<TeamMember> {
        let answer = try await get(
            "/v1/\(domain.rawValue)/teams/\(team.lowercased)/members?limit=\(LocalBackend.pageSize)\(Self.cursor(cursor))",
            account: account)
        let items = try (answer["items"]?.arrayValue ?? []).map {
            TeamMember(
                user: try decode(User.self, $0["user"]),
                role: MembershipRole(rawValue: $0["role"]?.stringValue ?? "") ?? .member)
        }
        return Page(items: items, nextCursor: answer["next_cursor"]?.stringValue)
    }

    public func allTeams(account: UUID, domain: ProductDomain, after cursor: String?) async throws -> Page<Team> {
        let answer = try await get(
            "/v1/\(domain.rawValue)/teams?limit=\(LocalBackend.pageSize)\(Self.cursor(cursor))", account: account)
        return Page(items: try decode([Team].self, answer["items"]), nextCursor: answer["next_cursor"]?.stringValue)
    }

    public func treeMembers(
        account: UUID, domain: ProductDomain, after cursor: String?
    ) async throws
        -> Page<TreeMember>
    {
        let answer = try await get(
            "/v1/\(domain.rawValue)/members?limit=\(LocalBackend.pageSize)\(Self.cursor(cursor))", account: account)
        let items = try (answer["items"]?.arrayValue ?? []).map { item -> TreeMember in
            guard let team = item["team_id"]?.stringValue.flatMap(UUID.fast) else {
                throw CockpitError.unavailable("the server's member list has no team_id")
            }
            return TreeMember(
                teamID: team,
                member: TeamMember(
                    user: try decode(User.self, item["user"]),
                    role: MembershipRole(rawValue: item["role"]?.stringValue ?? "") ?? .member))
        }
        return Page(items: items, nextCursor: answer["next_cursor"]?.stringValue)
    }

    /// `&cursor=…` for a page after the first.
    static func cursor(_ cursor: String?) -> String {
        cursor.map { "&cursor=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") } ?? ""
    }

    public func searchUsers(account: UUID, domain: ProductDomain, prefix: String) async throws -> [User] {
        let q = prefix.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return try decode(
            [User].self, try await get("/v1/\(domain.rawValue)/users?q=\(q)&limit=20", account: account)["items"])
    }

    public func memberships(account: UUID, domain: ProductDomain, user: UUID) async throws -> [TeamMembership] {
        try decode(
            [TeamMembership].self,
            try await get("/v1/\(domain.rawValue)/users/\(user.lowercased)/memberships", account: account)["items"])
    }

    public func team(account: UUID, domain: ProductDomain, id: UUID) async throws -> Team {
        try decode(Team.self, try await get("/v1/\(domain.rawValue)/teams/\(id.lowercased)", account: account)["item"])
    }

    public func createOrganization(account: UUID, domain: ProductDomain, name: String) async throws -> Organization {
        try decode(
            Organization.self,
            try await send(
                "POST", "/v1/\(domain.rawValue)/orgs", body: OrganizationCreate(name: name), account: account)["item"])
    }

    public func createTeam(account: UUID, domain: ProductDomain, org: UUID, name: String) async throws -> Team {
        try decode(
            Team.self,
            try await send(
                "POST", "/v1/\(domain.rawValue)/teams", body: TeamCreate(orgID: org, name: name), account: account)[
                    "item"])
    }

    public func setAccountStatus(account: UUID, status: AccountStatus) async throws {
        _ = try await send(
            "POST", "/v1/accounts/\(account.lowercased)/status", body: AccountStatusChange(status), account: nil)
    }

    public func delete(account: UUID, domain: ProductDomain, node: NodeID) async throws {
        let d = domain.rawValue
        switch node {
        case .org(let id): _ = try await send("DELETE", "/v1/\(d)/orgs/\(id.lowercased)", nil, account: account)
        case .team(let id): _ = try await send("DELETE", "/v1/\(d)/teams/\(id.lowercased)", nil, account: account)
        case .member(let team, let user):
            _ = try await send(
                "DELETE", "/v1/\(d)/teams/\(team.lowercased)/members?user_id=\(user.lowercased)", nil, account: account)
        case .more: throw CockpitError.invalid(field: "node", reason: "is not something that can be deleted")
        }
    }

    public func addMember(
        account: UUID, domain: ProductDomain, team: UUID, email: String, name: String?, admin: Bool
    ) async throws {
        let user = try decode(
            User.self,
            try await send(
                "POST", "/v1/\(domain.rawValue)/users", body: UserFields(email: email, displayName: name),
                account: account)["item"])
        _ = try await send(
            "POST", "/v1/\(domain.rawValue)/teams/\(team.lowercased)/members",
            body: MemberChange(userID: user.id, role: admin ? .admin : .member), account: account)
    }

    public func budget(account: UUID, domain: ProductDomain, node: NodeID) async throws -> Budget? {
        let answer = try await get(try budgetPath(domain, node), account: account)["item"]
        return answer == nil || answer == .null ? nil : try decode(Budget.self, answer)
    }

    public func setBudget(
        account: UUID, domain: ProductDomain, node: NodeID, _ limits: BudgetLimits
    ) async throws -> Budget? {
        let answer = try await send("PUT", try budgetPath(domain, node), body: limits, account: account)["item"]
        return answer == nil || answer == .null ? nil : try decode(Budget.self, answer)
    }

    /// `/v1/{domain}/{orgs|teams|users}/{id}/budget` for a node.
    func budgetPath(_ domain: ProductDomain, _ node: NodeID) throws -> String {
        guard let (_, id, kind) = node.budgetSubject else {
            throw CockpitError.invalid(field: "node", reason: "has no budget")
        }
        return "/v1/\(domain.rawValue)/\(kind)/\(id.lowercased)/budget"
    }

    public func keys(account: UUID) async throws -> [VirtualKey] {
        try decode(
            [VirtualKey].self, try await get("/v1/keys?limit=\(PageRequest.maxLimit)", account: account)["items"])
    }

    public func generateKey(account: UUID, _ fields: KeyFields) async throws -> (key: VirtualKey, secret: String) {
        let created = try decode(KeyCreated.self, try await send("POST", "/v1/keys", body: fields, account: account))
        return (created.item, created.key)
    }

    public func updateKey(account: UUID, id: UUID, _ fields: KeyFields) async throws -> VirtualKey {
        try decode(
            VirtualKey.self, try await send("PUT", "/v1/keys/\(id.lowercased)", body: fields, account: account)["item"])
    }

    public func revokeKey(account: UUID, id: UUID) async throws {
        _ = try await send("POST", "/v1/keys/\(id.lowercased)/block", nil, account: account)
    }

    public func costs(
        account: UUID, by dimension: SpendDimension, days: Int
    ) async throws -> [SpendTotal] {
        let answer = try await get("/v1/costs/breakdown?by=\(dimension.rawValue)&days=\(days)", account: account)
        return try decode(CostsAnswer.self, answer).items.map(\.total)
    }

    public func requestLogs(account: UUID, limit: Int) async throws -> [SpendLog] {
        try decode([SpendLog].self, try await get("/v1/logs?limit=\(limit)", account: account)["items"])
    }

    public func audit(account: UUID) async throws -> [AuditEntry] {
        try decode([AuditView].self, try await get("/v1/audit?limit=200", account: account)["items"]).map(\.entry)
    }

    public func models(account: UUID) async throws -> [ModelDeployment] {
        try decode(
            [ModelDeployment].self,
            try await get("/v1/deployments?limit=\(PageRequest.maxLimit)", account: account)["items"])
    }
}
