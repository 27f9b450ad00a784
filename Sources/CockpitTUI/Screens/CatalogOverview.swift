import CockpitCore
import Foundation

/// What `:agents`, `:connections` and `:marketplace` show: the account's agents with their presets and grants, its
/// connections with theirs, its marketplace listings, the whole copilot tree (for names and who a grant reaches),
/// the core's answer for the tree node asked about (`c`), and each connection's last test. Each view loads the parts
/// it needs and keeps its own copy under its name.
struct CatalogOverview: Equatable, Sendable {
    /// What a view reads besides the tree.
    struct Parts: OptionSet, Sendable {
        let rawValue: Int
        static let agents = Parts(rawValue: 1)
        static let connections = Parts(rawValue: 2)
        static let connectionGrants = Parts(rawValue: 4)
        static let listings = Parts(rawValue: 8)
    }

    /// The core's answer about one node of the copilot tree: the items it may use (agents, connections) or sees in
    /// discover (listings), each with the grants that reach it (none: visible to everyone).
    struct Answer: Equatable, Sendable {
        var ask: CatalogAsk
        var items: [UUID: [CatalogScope]]
    }

    var agents: [AgentDetail] = []
    var presets: [GuardrailPreset] = []
    var connections: [CatalogConnection] = []
    var connectionGrants: [UUID: [ConnectionGrant]] = [:]
    var listings: [MarketplaceItem] = []
    var tree = TreeData() { didSet { reach = TreeReach(tree) } }
    private(set) var reach = TreeReach()
    /// When the tree was read: refreshes reuse it for `CreditsOverview.treeAge`, opening a view reads it again.
    var treeLoadedAt = Date.distantPast
    var answer: Answer?
    /// The last test of each connection (`t`), kept across reloads.
    var probes: [UUID: ConnectionHealth] = [:]

    /// The view's copy, once loaded.
    static func of(_ s: CockpitState, _ name: String) -> CatalogOverview? {
        s.session.screenData[name]?.get(CatalogOverview.self)
    }

    /// The listing of an entity (`agent`, `connection`), if it is listed.
    func listing(_ entityType: String, _ id: UUID) -> MarketplaceItem? {
        listings.first { $0.listing.entityType == entityType && $0.listing.entityID.lowercased() == id.lowercased }
    }

    /// Preset ids by code and name (`pii (PII redaction)`), by short id for one the account no longer has.
    func presetLabels(_ ids: [UUID]) -> [String] {
        ids.map { id in
            presets.first { $0.id == id }.map { "\($0.code) (\($0.name))" } ?? String(id.lowercased.prefix(8))
        }
    }

    /// Preset ids by code (by short id for one the account no longer has).
    func presetCodes(_ ids: [UUID]) -> [String] {
        ids.map { id in presets.first { $0.id == id }?.code ?? String(id.lowercased.prefix(8)) }
    }

    /// What a listing lists, by name where the account has it (`agent Support bot`).
    func entity(_ listing: MarketplaceListing) -> String {
        let id = UUID(uuidString: listing.entityID)
        let name: String? =
            switch listing.entityType {
            case "agent": agents.first { $0.agent.id == id }?.agent.name
            case "connection": connections.first { $0.id == id }?.name
            default: nil
            }
        return "\(listing.entityType) " + (name ?? String(listing.entityID.prefix(8)))
    }

    /// Loads `parts` of the account on screen and the copilot tree (reused when read moments ago), keeping the last
    /// connection tests; with an ask in the view's argument, the core's answer for it through `ask`.
    static func load(
        _ c: ScreenContext, _ name: String, _ screen: ScreenState, _ parts: Parts,
        ask: (CatalogAsk, CatalogOverview) async throws -> [UUID: [CatalogScope]]
    ) async throws -> CatalogOverview {
        let account = try c.requireAccount(), backend = c.backend
        let cached = of(c.state, name)
        var o = CatalogOverview()
        if parts.contains(.agents) {
            o.agents = try await backend.agents(account: account)
            o.presets = try await backend.guardrailPresets(account: account)
        }
        if parts.contains(.connections) {
            o.connections = try await backend.connections(account: account)
            if parts.contains(.connectionGrants) {
                for connection in o.connections {
                    o.connectionGrants[connection.id] = try await backend.connectionGrants(
                        account: account, id: connection.id)
                }
            }
        }
        if parts.contains(.listings) { o.listings = try await backend.listings(account: account) }
        let now = Date()
        if let cached, now.timeIntervalSince(cached.treeLoadedAt) < CreditsOverview.treeAge {
            (o.tree, o.treeLoadedAt) = (cached.tree, cached.treeLoadedAt)
        } else {
            (o.tree, o.treeLoadedAt) = (await CreditsScreen.copilotTree(c, account), now)
        }
        o.probes = cached?.probes ?? [:]
        if let asked = CatalogAsk(argument: screen.argument) {
            o.answer = Answer(ask: asked, items: try await ask(asked, o))
        }
        return o
    }

    /// Opening a view reads the tree again (a refresh reuses it).
    static func forgetTree(_ s: inout CockpitState, _ name: String) {
        guard var cached = of(s, name) else { return }
        cached.treeLoadedAt = .distantPast
        s.session.screenData[name] = ScreenData(cached)
    }
}
