import CockpitCore
import Foundation

/// The copilot catalog through `AgentService`, `ConnectionService`, `MarketplaceService` and `GuardrailService`
/// (each checks every call).
extension LocalBackend {
    public func agents(account: UUID) async throws -> [AgentDetail] {
        try await cockpit.agents.list(account: account, includeGrants: true)
    }

    public func createAgent(account: UUID, _ input: AgentInput) async throws -> AgentDetail {
        try await cockpit.agents.create(account: account, input)
    }

    public func updateAgent(account: UUID, id: UUID, _ change: AgentChange) async throws -> AgentDetail {
        try await cockpit.agents.update(account: account, id: id.lowercased, change)
    }

    public func deleteAgent(account: UUID, id: UUID) async throws -> Bool {
        try await cockpit.agents.delete(account: account, id: id.lowercased)
    }

    public func grantAgent(account: UUID, id: UUID, to scope: CatalogScope) async throws {
        _ = try await cockpit.agents.grant(
            account: account, agentID: id.lowercased, scopeType: scope.type.rawValue, scopeID: scope.id)
    }

    public func revokeAgent(account: UUID, id: UUID, from scope: CatalogScope) async throws -> Bool {
        try await cockpit.agents.revoke(
            account: account, agentID: id.lowercased, scopeType: scope.type.rawValue, scopeID: scope.id)
    }

    public func usableAgents(account: UUID, user: UUID) async throws -> [UUID: [CatalogScope]] {
        let reached = try await cockpit.agents.effective(account: account, userID: user.lowercased)
        return Dictionary(reached.map { ($0.detail.agent.id, $0.grantedVia) }, uniquingKeysWith: { a, _ in a })
    }

    public func guardrailPresets(account: UUID) async throws -> [GuardrailPreset] {
        try await cockpit.guardrails.presets(account: account)
    }

    public func connections(account: UUID) async throws -> [CatalogConnection] {
        try await cockpit.connections.list(account: account).map(CatalogConnection.init)
    }

    public func createConnection(
        account: UUID, type: String, _ input: ConnectionInput
    ) async throws -> CatalogConnection {
        CatalogConnection(try await cockpit.connections.create(account: account, type: type, input))
    }

    public func updateConnection(account: UUID, id: UUID, _ patch: ConnectionPatch) async throws -> CatalogConnection {
        CatalogConnection(try await cockpit.connections.update(account: account, id: id.lowercased, patch))
    }

    public func deleteConnection(account: UUID, id: UUID) async throws -> Bool {
        try await cockpit.connections.delete(account: account, id: id.lowercased)
    }

    public func connectionGrants(account: UUID, id: UUID) async throws -> [ConnectionGrant] {
        try await cockpit.connections.grants(account: account, connectionID: id.lowercased)
    }

    public func grantConnection(account: UUID, id: UUID, to scope: CatalogScope, canManage: Bool) async throws {
        _ = try await cockpit.connections.grant(
            account: account, connectionID: id.lowercased, scopeType: scope.type.rawValue, scopeID: scope.id,
            canManage: canManage)
    }

    public func revokeConnection(account: UUID, id: UUID, from scope: CatalogScope) async throws -> Bool {
        try await cockpit.connections.revoke(
            account: account, connectionID: id.lowercased, scopeType: scope.type.rawValue, scopeID: scope.id)
    }

    public func testConnection(account: UUID, id: UUID) async throws -> ConnectionHealth {
        try await cockpit.connections.test(account: account, id: id.lowercased)
    }

    public func usableConnections(account: UUID, user: UUID) async throws -> [UUID: [CatalogScope]] {
        let reached = try await cockpit.connections.effective(account: account, userID: user.lowercased)
        return Dictionary(reached.map { ($0.connection.id, $0.grantedVia) }, uniquingKeysWith: { a, _ in a })
    }

    public func listings(account: UUID) async throws -> [MarketplaceItem] {
        var items: [MarketplaceItem] = []
        for _ in 0..<Self.listingPages {
            let page = try await cockpit.marketplace.list(
                account: account, includeGrants: true, limit: Self.listingPage, offset: items.count)
            items += page.items
            if page.items.isEmpty || items.count >= page.total { break }
        }
        return items
    }

    public func postListing(account: UUID, _ post: MarketplacePost) async throws -> MarketplaceItem {
        try await cockpit.marketplace.post(account: account, post).item
    }

    public func updateListing(account: UUID, id: UUID, _ change: MarketplaceChange) async throws -> MarketplaceItem {
        try await cockpit.marketplace.update(account: account, id: id.lowercased, change)
    }

    public func publishListing(account: UUID, id: UUID, _ published: Bool) async throws -> MarketplaceListing {
        try await cockpit.marketplace.publish(account: account, id: id.lowercased, published)
    }

    public func deleteListing(account: UUID, id: UUID) async throws -> Bool {
        try await cockpit.marketplace.delete(account: account, id: id.lowercased)
    }

    public func grantListing(account: UUID, id: UUID, to scope: CatalogScope) async throws {
        _ = try await cockpit.marketplace.addGrant(
            account: account, listingID: id.lowercased, scopeType: scope.type.rawValue, scopeID: scope.id)
    }

    public func revokeListing(account: UUID, id: UUID, from scope: CatalogScope) async throws -> Int {
        try await cockpit.marketplace.deleteGrants(
            account: account, listingID: id.lowercased, scopeType: scope.type.rawValue, scopeID: scope.id)
    }

    public func discover(account: UUID, org: UUID?, team: UUID?, user: UUID?) async throws -> [MarketplaceDiscovery] {
        var found: [MarketplaceDiscovery] = []
        for _ in 0..<Self.listingPages {
            let page = try await cockpit.marketplace.discover(
                account: account, orgID: org?.lowercased, teamID: team?.lowercased, userID: user?.lowercased,
                limit: Self.listingPage, offset: found.count)
            found += page.items
            if page.items.isEmpty || found.count >= page.total { break }
        }
        return found
    }

    /// Listings are read 100 at a time, at most 100 pages (10,000 listings).
    static var listingPage: Int { 100 }
    static var listingPages: Int { 100 }
}
