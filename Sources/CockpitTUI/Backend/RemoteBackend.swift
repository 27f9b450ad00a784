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

    /// Connects and learns who the credential is (`/v1/me/context`).
    public init(api: String, credential: String, http: CurlHTTPClient = CurlHTTPClient()) async throws {
        var base = api
        while base.hasSuffix("/") { base.removeLast() }
        self.base = base
        self.credential = credential
        self.http = http
        let me = try await get("/v1/me/context", account: nil)
        isSuperAdmin = me["is_super_admin"] == .bool(true)
        ownAccount = me["account_id"]?.stringValue.flatMap(UUID.init(uuidString:))
        identity = "\(me["name"]?.stringValue ?? "?") @ \(URL(string: base)?.host ?? base)"
    }

    public func accounts() async throws -> [Account] {
        if isSuperAdmin { return try decode([Account].self, try await get("/v1/accounts?limit=500", account: nil)["items"]) }
        return [try decode(Account.self, try await get("/v1/me/account", account: nil)["item"])]
    }

    public func organizations(account: UUID, domain: ProductDomain) async throws -> [Organization] {
        try decode([Organization].self, try await get("/v1/\(domain.rawValue)/orgs?limit=500", account: account)["items"])
    }

    public func teams(account: UUID, domain: ProductDomain, org: UUID) async throws -> [Team] {
        try decode([Team].self, try await get("/v1/\(domain.rawValue)/teams?org_id=\(org.lowercased)&limit=500", account: account)["items"])
    }

    public func members(account: UUID, domain: ProductDomain, team: UUID) async throws -> [TeamMember] {
        let items = try await get("/v1/\(domain.rawValue)/teams/\(team.lowercased)/members?limit=500", account: account)["items"]?.arrayValue ?? []
        return try items.map { TeamMember(user: try decode(User.self, $0["user"]), role: MembershipRole(rawValue: $0["role"]?.stringValue ?? "") ?? .member) }
    }

    public func createOrganization(account: UUID, domain: ProductDomain, name: String) async throws -> Organization {
        try decode(Organization.self, try await send("POST", "/v1/\(domain.rawValue)/orgs", ["name": .string(name)], account: account)["item"])
    }

    public func createTeam(account: UUID, domain: ProductDomain, org: UUID, name: String) async throws -> Team {
        try decode(Team.self, try await send("POST", "/v1/\(domain.rawValue)/teams", ["org_id": .string(org.lowercased), "name": .string(name)],
                                             account: account)["item"])
    }

    public func addMember(account: UUID, domain: ProductDomain, team: UUID, email: String, name: String?, admin: Bool) async throws {
        var body: [String: JSONValue] = ["email": .string(email)]
        if let name { body["display_name"] = .string(name) }
        let user = try decode(User.self, try await send("POST", "/v1/\(domain.rawValue)/users", .object(body), account: account)["item"])
        _ = try await send("POST", "/v1/\(domain.rawValue)/teams/\(team.lowercased)/members",
                           ["user_id": .string(user.id.lowercased), "role": .string(admin ? "admin" : "member")], account: account)
    }

    public func keys(account: UUID) async throws -> [VirtualKey] {
        let answer = try await get("/key/list?return_full_object=true&size=100&account_id=\(account.lowercased)", account: account)
        return try (answer["keys"]?.arrayValue ?? []).map { try self.key($0) }
    }

    public func generateKey(account: UUID, alias: String, models: [String]) async throws -> (key: VirtualKey, secret: String) {
        let answer = try await send("POST", "/key/generate", ["account_id": .string(account.lowercased), "key_alias": .string(alias),
                                                              "models": .array(models.map(JSONValue.string))], account: account)
        guard let secret = answer["key"]?.stringValue else { throw CockpitError.unavailable("the server answered without a key") }
        return (try self.key(answer), secret)
    }

    public func revokeKey(account: UUID, id: UUID) async throws {
        _ = try await send("POST", "/key/block", ["account_id": .string(account.lowercased), "key": .string(id.lowercased)], account: account)
    }
}
