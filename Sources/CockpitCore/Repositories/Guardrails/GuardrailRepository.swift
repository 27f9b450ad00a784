import Foundation

/// Guardrail presets and their assignments to scopes (an agent's mandatory presets are its `agent`-scope ones), of
/// one tree (`domain`; nil reads both, as the gateway's policy does).
package struct GuardrailRepository {
    let tx: Transaction
    let domain: ProductDomain?
    package init(_ tx: Transaction, domain: ProductDomain? = .copilot) {
        self.tx = tx
        self.domain = domain
    }

    static let presetColumns = "id, account_id, code, name, preset_json, created_by, created_at, updated_at, domain"
    static let assignmentColumns = "id, account_id, preset_id, scope_type, scope_id, created_by, created_at, domain"

    /// ` AND domain = $n` for this repository's tree (nothing when it reads both).
    func treeFilter(_ p: inout [SQLValue]) -> String {
        guard let domain else { return "" }
        return " AND domain = \(tx.bind(.text(domain.rawValue), &p))"
    }

    /// Creates a preset, or replaces the name and `preset_json` of the account's preset with the same code (its id
    /// kept). Returns the stored row.
    @discardableResult
    package func upsertPreset(_ p: GuardrailPreset) throws -> GuardrailPreset {
        guard try tx.writeAccount() == p.accountID else { throw CockpitError.notFound("Account") }
        let rows = try tx.query(
            """
            INSERT INTO guardrail_presets (\(Self.presetColumns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (account_id, domain, code) DO UPDATE SET name = excluded.name,
                preset_json = excluded.preset_json, updated_at = excluded.updated_at
            RETURNING \(Self.presetColumns)
            """, Self.values(p))
        return try rows.first.map(Self.decodePreset) ?? p
    }

    /// The account's presets, newest first.
    package func presets(account: UUID) throws -> [GuardrailPreset] {
        var p: [SQLValue] = [.uuid(account)]
        let tree = treeFilter(&p)
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.query(
            """
            SELECT \(Self.presetColumns) FROM guardrail_presets WHERE account_id = $1\(tree) AND \(cond)
                ORDER BY created_at DESC, id
            """, p
        ).map(Self.decodePreset)
    }

    /// The bound values of a preset row, in `presetColumns` order.
    static func values(_ p: GuardrailPreset) -> [SQLValue] {
        [
            .uuid(p.id), .uuid(p.accountID), .text(p.code), .text(p.name), .json(p.presetJSON), .text(p.createdBy),
            .timestamp(p.createdAt), .timestamp(p.updatedAt), .text(p.domain.rawValue),
        ]
    }

    /// Which of `ids` name presets of the account.
    package func existingPresetIDs(_ ids: [UUID], account: UUID) throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        var p: [SQLValue] = [.uuid(account)]
        let list = ids.map { id -> String in
            p.append(.uuid(id))
            return "$\(p.count)"
        }
        let tree = treeFilter(&p)
        let cond = tx.tenantCondition("account_id", &p)
        return Set(
            try tx.query(
                "SELECT id FROM guardrail_presets WHERE account_id = $1 AND id IN (\(list.joined(separator: ", ")))\(tree) AND \(cond)",
                p
            ).map { try $0.uuid("id") })
    }

    /// Inserts an assignment (duplicates accumulate, as in the original).
    package func insertAssignment(_ a: GuardrailAssignment) throws {
        guard try tx.writeAccount() == a.accountID else { throw CockpitError.notFound("Account") }
        let tree: SQLValue = UUID.fast(a.scopeID).map(SQLValue.uuid) ?? .null
        try tx.execute(
            """
            INSERT INTO guardrail_assignments (\(Self.assignmentColumns), org_id, team_id, user_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            """,
            [
                .uuid(a.id), .uuid(a.accountID), .uuid(a.presetID), .text(a.scopeType.rawValue), .text(a.scopeID),
                .text(a.createdBy), .timestamp(a.createdAt), .text(a.domain.rawValue),
                a.scopeType == .org ? tree : .null,
                a.scopeType == .team ? tree : .null, a.scopeType == .user ? tree : .null,
            ])
    }

    /// The account's assignments in this tree, newest first, optionally only those of one scope.
    package func assignments(
        account: UUID, scope: (GuardrailScopeType, String)? = nil
    ) throws
        -> [GuardrailAssignment]
    {
        var p: [SQLValue] = [.uuid(account)]
        var filter = ""
        if let (type, id) = scope {
            p += [.text(type.rawValue), .text(id)]
            filter = " AND scope_type = $2 AND scope_id = $3"
        }
        filter += treeFilter(&p)
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.query(
            "SELECT \(Self.assignmentColumns) FROM guardrail_assignments WHERE account_id = $1\(filter) AND \(cond) ORDER BY created_at DESC, id",
            p
        ).map(Self.decodeAssignment)
    }

    /// Replaces an agent's mandatory presets: its `agent`-scope assignments, one per preset in `presets` order
    /// (each a millisecond after the previous, so "oldest first" reads them back in that order).
    package func replaceAgentPresets(
        agent: UUID, presets: [UUID], account: UUID, by actor: String, at now: Date
    )
        throws
    {
        guard try tx.writeAccount() == account else { throw CockpitError.notFound("Account") }
        try tx.execute(
            "DELETE FROM guardrail_assignments WHERE account_id = $1 AND scope_type = 'agent' AND scope_id = $2",
            [.uuid(account), .text(agent.lowercased)])
        for (i, preset) in presets.enumerated() {
            try insertAssignment(
                GuardrailAssignment(
                    id: UUID(), accountID: account, presetID: preset, scopeType: .agent, scopeID: agent.lowercased,
                    createdBy: actor, createdAt: now.addingTimeInterval(Double(i) / 1000)))
        }
    }

    /// The mandatory preset ids of each of `agents` (nil: every agent of the account), oldest assignment first, in
    /// one query.
    package func agentPresetIDs(_ agents: [UUID]?, account: UUID) throws -> [UUID: [UUID]] {
        guard agents?.isEmpty != true else { return [:] }
        var p: [SQLValue] = [.uuid(account)]
        var filter = ""
        if let agents {
            let list = agents.map { tx.bind(.text($0.lowercased), &p) }
            filter = " AND scope_id IN (\(list.joined(separator: ", ")))"
        }
        let cond = tx.tenantCondition("account_id", &p)
        var result: [UUID: [UUID]] = [:]
        for row in try tx.query(
            """
            SELECT scope_id, preset_id FROM guardrail_assignments WHERE account_id = $1 AND scope_type = 'agent'\(filter)
                AND \(cond) ORDER BY created_at, id
            """, p)
        {
            guard let agent = UUID.fast(try row.string("scope_id")) else { continue }
            result[agent, default: []].append(try row.uuid("preset_id"))
        }
        return result
    }

    static func decodePreset(_ r: SQLRow) throws -> GuardrailPreset {
        GuardrailPreset(
            id: try r.uuid("id"), accountID: try r.uuid("account_id"), code: try r.string("code"),
            name: try r.string("name"), presetJSON: try r.json("preset_json"), createdBy: try r.string("created_by"),
            createdAt: try r.date("created_at"), updatedAt: try r.date("updated_at"),
            domain: ProductDomain(rawValue: try r.string("domain")) ?? .copilot)
    }

    static func decodeAssignment(_ r: SQLRow) throws -> GuardrailAssignment {
        GuardrailAssignment(
            id: try r.uuid("id"), accountID: try r.uuid("account_id"), presetID: try r.uuid("preset_id"),
            scopeType: GuardrailScopeType(rawValue: try r.string("scope_type")) ?? .account,
            scopeID: try r.string("scope_id"), createdBy: try r.string("created_by"),
            createdAt: try r.date("created_at"), domain: ProductDomain(rawValue: try r.string("domain")) ?? .copilot)
    }
}
