import Foundation

extension ConnectionService {
    /// Tests a connection with one bounded request (`ConnectionTestPlan`, `ConnectionTester`): reachable, refused,
    /// timed out or an error, with the latency. Reads nothing but the connection and changes nothing; the secret is
    /// opened only to be sent. 404 `Connection not found`.
    public func test(account: UUID, id: String) async throws -> ConnectionHealth {
        try context.reading(.manageCopilot, in: account)
        let connection = try await context.read(.account(account)) { try Self.require($0, id, account) }
        switch ConnectionTestPlan.make(connection, secret: try open(connection)) {
        case .failure(let nothing): return ConnectionHealth(status: .error, latencyMs: 0, detail: nothing.message)
        case .success(let plan):
            return await ConnectionTester(policy: context.upstreamPolicy, timeoutSeconds: context.connectionTestTimeout)
                .run(
                    plan)
        }
    }
}
