import Foundation

/// Model deployments: an account's own, plus the global catalogue (account NULL). An account scope reads its
/// own and the globals marked visible to all; only the super-admin scope writes globals.
package struct ModelDeploymentRepository {
    let tx: Transaction
    package init(_ tx: Transaction) { self.tx = tx }

    static let columns =
        "id, account_id, model_name, provider_model, api_base, api_version, credentials, params, model_info, visible_to_all, created_at, updated_at"

    /// Inserts a deployment; `encryptedCredentials` must already be sealed (`enc:…`).
    package func insert(_ m: ModelDeployment, encryptedCredentials: String?) throws {
        try checkWritable(m.accountID)
        try tx.execute(
            "INSERT INTO model_deployments (\(Self.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
            Self.values(m, encryptedCredentials))
    }

    /// One deployment visible in the scope.
    package func get(_ id: UUID) throws -> ModelDeployment? {
        try row(id).map(Self.decode)
    }

    /// The sealed credentials of a deployment visible in the scope (for the gateway; never shown).
    package func encryptedCredentials(_ id: UUID) throws -> String? {
        try row(id)?.optionalString("credentials")
    }

    /// Deployments visible in the scope, optionally of one public name, in name order. `globalsOnly` lists the catalogue.
    package func list(
        modelName: String? = nil, globalsOnly: Bool = false, page: PageRequest = .first
    ) throws -> Page<ModelDeployment> {
        var p: [SQLValue] = []
        var conditions = [visibility(&p)]
        if globalsOnly { conditions.append("account_id IS NULL") }
        if let modelName { conditions.append("model_name = \(tx.bind(.text(modelName), &p))") }
        return try tx.keysetPage(
            columns: Self.columns, table: "model_deployments", conditions: conditions, parameters: p,
            sortColumn: "model_name",
            page: page, decode: Self.decode, sortKey: \.modelName, id: { $0.id.lowercased })
    }

    /// Writes a deployment back; nil credentials leave the stored ones unchanged.
    package func update(_ m: ModelDeployment, encryptedCredentials: String?) throws {
        try checkWritable(m.accountID)
        guard let current = try get(m.id), current.accountID == m.accountID else {
            throw CockpitError.notFound("model")
        }
        var p = Self.values(m, encryptedCredentials)
        let cond = ownerCondition(&p)
        guard
            try tx.execute(
                """
                UPDATE model_deployments SET model_name = $3, provider_model = $4, api_base = $5, api_version = $6,
                  credentials = COALESCE($7, credentials), params = $8, model_info = $9, visible_to_all = $10, created_at = $11,
                  updated_at = $12 WHERE id = $1 AND account_id IS NOT DISTINCT FROM $2 AND \(cond)
                """, p) == 1
        else { throw CockpitError.notFound("model") }
    }

    /// Deletes a deployment the scope owns.
    package func delete(_ id: UUID) throws {
        var p: [SQLValue] = [.uuid(id)]
        let cond = ownerCondition(&p)
        guard try tx.execute("DELETE FROM model_deployments WHERE id = $1 AND \(cond)", p) == 1 else {
            throw CockpitError.notFound("model")
        }
    }

    /// Every deployment in the scope with its sealed credentials (the gateway's registry load).
    package func allWithCredentials() throws -> [(model: ModelDeployment, sealed: String?)] {
        var p: [SQLValue] = []
        let cond = visibility(&p)
        return try tx.query("SELECT \(Self.columns) FROM model_deployments WHERE \(cond) ORDER BY model_name, id", p)
            .map {
                (try Self.decode($0), $0.optionalString("credentials"))
            }
    }

    /// A value that changes whenever a deployment in the scope is added, changed or removed (the registry's poll).
    package func fingerprint() throws -> String {
        var p: [SQLValue] = []
        let cond = visibility(&p)
        let r = try tx.queryOne(
            "SELECT count(*) AS n, max(updated_at) AS latest FROM model_deployments WHERE \(cond)", p)
        // The newest change to the microsecond on both stores (a Date printed whole seconds on PostgreSQL, so two
        // changes within one second looked alike and the second was not loaded).
        return "\(r?.optionalInt("n") ?? 0)/\(r?.optionalDate("latest").map(Timestamp.format) ?? "-")"
    }

    private func row(_ id: UUID) throws -> SQLRow? {
        var p: [SQLValue] = [.uuid(id)]
        let cond = visibility(&p)
        return try tx.queryOne("SELECT \(Self.columns) FROM model_deployments WHERE id = $1 AND \(cond)", p)
    }

    private func visibility(_ p: inout [SQLValue]) -> String {
        guard let account = tx.scope.accountID else { return "1 = 1" }
        return
            "(account_id = \(tx.bind(.uuid(account), &p)) OR (account_id IS NULL AND visible_to_all = \(tx.bind(.bool(true), &p))))"
    }

    private func ownerCondition(_ p: inout [SQLValue]) -> String {
        guard let account = tx.scope.accountID else { return "1 = 1" }
        return "account_id = \(tx.bind(.uuid(account), &p))"
    }

    private func checkWritable(_ owner: UUID?) throws {
        if let account = tx.scope.accountID, owner != account {
            throw owner == nil
                ? CockpitError.forbidden("only a super-admin manages global models") : CockpitError.notFound("Account")
        }
    }

    static func values(_ m: ModelDeployment, _ credentials: String?) -> [SQLValue] {
        [
            .uuid(m.id), .optional(m.accountID), .text(m.modelName), .text(m.providerModel), .optional(m.apiBase),
            .optional(m.apiVersion),
            .optional(credentials), .json(m.params), .json(m.modelInfo), .bool(m.visibleToAll), .timestamp(m.createdAt),
            .timestamp(m.updatedAt),
        ]
    }

    static func decode(_ r: SQLRow) throws -> ModelDeployment {
        ModelDeployment(
            id: try r.uuid("id"), accountID: r.optionalUUID("account_id"), modelName: try r.string("model_name"),
            providerModel: try r.string("provider_model"), apiBase: r.optionalString("api_base"),
            apiVersion: r.optionalString("api_version"),
            hasCredentials: r.optionalString("credentials") != nil, params: try r.json("params"),
            modelInfo: try r.json("model_info"),
            visibleToAll: try r.bool("visible_to_all"), createdAt: try r.date("created_at"),
            updatedAt: try r.date("updated_at"))
    }
}
