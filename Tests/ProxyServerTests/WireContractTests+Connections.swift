import CockpitAPI
@testable import CockpitCore
import Foundation

extension WireContractTests {
    static let connection = Connection(
        id: id, accountID: id, type: .mcp, name: "c", description: nil, credentialVisibility: .useOnly,
        allowUserSelfManage: false, config: .emptyObject, secret: nil, createdBy: "a", createdAt: now, updatedAt: now)

    /// The connections' bodies and answers (V1_CONTRACT.md "Connections" and cockpit's grant list, removal and
    /// effective view).
    nonisolated(unsafe) static let connections: [(String, Any, Place)] = [
        ("ConnectionCreate", ConnectionCreate(name: "c"), .component("ConnectionCreate")),
        ("ConnectionUpdate", ConnectionUpdate(), .component("ConnectionUpdate")),
        (
            "ConnectionGrantCreate", ConnectionGrantCreate(scopeType: "team", scopeID: "t"),
            .component("ConnectionGrantCreate")
        ),
        (
            "ConnectionView",
            ConnectionView(connection, grantedVia: [CatalogScope(type: .team, id: id.lowercased)]),
            .component("Connection")
        ),
        ("ConnectionScopeView", ConnectionScopeView(CatalogScope(type: .user, id: "u")), .component("ConnectionScope")),
        (
            "ConnectionGrantView",
            ConnectionGrantView(
                ConnectionGrant(
                    id: id, accountID: id, connectionID: id, scope: CatalogScope(type: .org, id: "o"), canManage: true,
                    createdBy: "a", createdAt: now)), .component("ConnectionGrant")
        ),
        (
            "ConnectionHealthView",
            ConnectionHealthView(ConnectionHealth(status: .timedOut, latencyMs: 5000, detail: "no answer")),
            .component("ConnectionHealth")
        ),
    ]
}
