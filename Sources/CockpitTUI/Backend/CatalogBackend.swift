import CockpitCore
import Foundation

/// The copilot catalog (`:agents`, `:connections`, `:marketplace`): agents with their guardrail presets and grants,
/// connections with their grants (their secrets go in, never come out), marketplace listings with theirs, and the
/// core's answers about what one copilot user may use. Inputs are the core's; every call is checked by the core (the
/// local backend) or by the server's routes (the remote one), and a refusal comes back in the core's words.
public protocol CatalogBackend: Sendable {
    /// The account's agents, newest first, each with its preset ids and grants.
    func agents(account: UUID) async throws -> [AgentDetail]
    /// Creates an agent (at least one guardrail preset, as the core requires).
    func createAgent(account: UUID, _ input: AgentInput) async throws -> AgentDetail
    /// Changes an agent's name, description, definition or presets (nil keeps one).
    func updateAgent(account: UUID, id: UUID, _ change: AgentChange) async throws -> AgentDetail
    /// Deletes an agent with its grants; false when there was none.
    func deleteAgent(account: UUID, id: UUID) async throws -> Bool
    /// Grants an agent to a scope of the copilot tree (idempotent).
    func grantAgent(account: UUID, id: UUID, to scope: CatalogScope) async throws
    /// Removes an agent's grant to a scope; false when it had none there.
    func revokeAgent(account: UUID, id: UUID, from scope: CatalogScope) async throws -> Bool
    /// The agents a copilot user may use, by id, with the grants that reach the user (the core's effective read).
    func usableAgents(account: UUID, user: UUID) async throws -> [UUID: [CatalogScope]]
    /// The account's guardrail presets, newest first (an agent names at least one).
    func guardrailPresets(account: UUID) async throws -> [GuardrailPreset]

    /// The account's connections, newest first (never their secrets).
    func connections(account: UUID) async throws -> [CatalogConnection]
    /// Creates a connection of a type (`openapi`, `mcp`, `composio`); its `secret_json` is sealed by the core.
    func createConnection(account: UUID, type: String, _ input: ConnectionInput) async throws -> CatalogConnection
    /// Changes a connection (nil keeps a field; a secret of `{}` keeps the stored one).
    func updateConnection(account: UUID, id: UUID, _ patch: ConnectionPatch) async throws -> CatalogConnection
    /// Deletes a connection with its grants; false when there was none.
    func deleteConnection(account: UUID, id: UUID) async throws -> Bool
    /// A connection's grants, oldest first.
    func connectionGrants(account: UUID, id: UUID) async throws -> [ConnectionGrant]
    /// Grants a connection to a scope (again: replaces whether the scope may manage it).
    func grantConnection(account: UUID, id: UUID, to scope: CatalogScope, canManage: Bool) async throws
    /// Removes a connection's grant to a scope; false when it had none there.
    func revokeConnection(account: UUID, id: UUID, from scope: CatalogScope) async throws -> Bool
    /// Tests a connection with one bounded request (an OpenAPI spec, an MCP initialize, Composio's identity call):
    /// reachable, refused, timed out or an error, with the latency. Changes nothing.
    func testConnection(account: UUID, id: UUID) async throws -> ConnectionHealth
    /// The connections a copilot user may use, by id, with the grants that reach the user.
    func usableConnections(account: UUID, user: UUID) async throws -> [UUID: [CatalogScope]]

    /// Every listing of the account's marketplace, newest first, with its grants.
    func listings(account: UUID) async throws -> [MarketplaceItem]
    /// Lists an entity (or updates the account's listing of the same entity, as the core does).
    func postListing(account: UUID, _ post: MarketplacePost) async throws -> MarketplaceItem
    /// Changes a listing (nil keeps a field).
    func updateListing(account: UUID, id: UUID, _ change: MarketplaceChange) async throws -> MarketplaceItem
    /// Publishes or withdraws a listing.
    func publishListing(account: UUID, id: UUID, _ published: Bool) async throws -> MarketplaceListing
    /// Deletes a listing; false when there was none.
    func deleteListing(account: UUID, id: UUID) async throws -> Bool
    /// Grants a listing to an organization, team or user.
    func grantListing(account: UUID, id: UUID, to scope: CatalogScope) async throws
    /// Removes a listing's grant to a scope; how many went.
    func revokeListing(account: UUID, id: UUID, from scope: CatalogScope) async throws -> Int
    /// The published listings an organization, team and user see in discover (the original's exact matching).
    func discover(account: UUID, org: UUID?, team: UUID?, user: UUID?) async throws -> [MarketplaceDiscovery]
}
