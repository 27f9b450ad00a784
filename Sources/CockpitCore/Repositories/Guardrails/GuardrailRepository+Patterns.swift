import Foundation

/// What the pattern routes and the effective view read and write: one preset by code, a preset created when missing,
/// a preset's `preset_json` replaced, the assignments of a chain's scopes with their presets, and one assignment.
extension GuardrailRepository {
    /// The account's preset in this tree whose code is exactly `code`, if any.
    package func preset(code: String, account: UUID) throws -> GuardrailPreset? {
        var p: [SQLValue] = [.uuid(account), .text(code)]
        let tree = treeFilter(&p)
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.queryOne(
            "SELECT \(Self.presetColumns) FROM guardrail_presets WHERE account_id = $1 AND code = $2\(tree) AND \(cond)",
            p
        ).map(Self.decodePreset)
    }

    /// Inserts `p` unless the account already has a preset with its code; returns the stored preset and whether it
    /// was created here.
    package func presetCreatingIfMissing(_ p: GuardrailPreset) throws -> (preset: GuardrailPreset, created: Bool) {
        guard try tx.writeAccount() == p.accountID else { throw CockpitError.notFound("Account") }
        let rows = try tx.query(
            """
            INSERT INTO guardrail_presets (\(Self.presetColumns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (account_id, domain, code) DO NOTHING RETURNING \(Self.presetColumns)
            """, Self.values(p))
        if let made = try rows.first.map(Self.decodePreset) { return (made, true) }
        guard let existing = try GuardrailRepository(tx, domain: p.domain).preset(code: p.code, account: p.accountID)
        else {
            throw CockpitError.notFound("Account")
        }
        return (existing, false)
    }

    /// Replaces a preset's `preset_json` (its `updated_at` becomes `at`); returns the stored row.
    package func replacePresetJSON(
        _ id: UUID, account: UUID, with document: JSONValue, at now: Date
    ) throws
        -> GuardrailPreset
    {
        guard try tx.writeAccount() == account else { throw CockpitError.notFound("Account") }
        let rows = try tx.query(
            """
            UPDATE guardrail_presets SET preset_json = $3, updated_at = $4 WHERE account_id = $1 AND id = $2
            RETURNING \(Self.presetColumns)
            """, [.uuid(account), .uuid(id), .json(document), .timestamp(now)])
        guard let row = rows.first else { throw CockpitError.nothingFound("Guardrail preset not found") }
        return try Self.decodePreset(row)
    }

    /// The assignments at any of `scopes` that apply to this tree's keys (made in it, or at the account scope in
    /// either tree), oldest first, and the presets they name, in two queries.
    package func assignments(
        at scopes: [GuardrailScopeLink], account: UUID
    ) throws
        -> (assignments: [GuardrailAssignment], presets: [UUID: GuardrailPreset])
    {
        guard !scopes.isEmpty else { return ([], [:]) }
        var p: [SQLValue] = [.uuid(account)]
        let pairs = scopes.map {
            "(scope_type = \(tx.bind(.text($0.type.rawValue), &p)) AND scope_id = \(tx.bind(.text($0.id), &p)))"
        }
        let tree = domain.map { "(scope_type = 'account' OR domain = \(tx.bind(.text($0.rawValue), &p)))" } ?? "TRUE"
        let cond = tx.tenantCondition("account_id", &p)
        let assignments = try tx.query(
            """
            SELECT \(Self.assignmentColumns) FROM guardrail_assignments WHERE account_id = $1
                AND (\(pairs.joined(separator: " OR "))) AND \(tree) AND \(cond) ORDER BY created_at, id
            """, p
        ).map(Self.decodeAssignment)
        let ids = Array(Set(assignments.map(\.presetID)))
        guard !ids.isEmpty else { return (assignments, [:]) }
        var q: [SQLValue] = [.uuid(account)]
        let list = ids.map { tx.bind(.uuid($0), &q) }
        let presetCond = tx.tenantCondition("account_id", &q)
        let presets = try tx.query(
            """
            SELECT \(Self.presetColumns) FROM guardrail_presets WHERE account_id = $1
                AND id IN (\(list.joined(separator: ", "))) AND \(presetCond)
            """, q
        ).map(Self.decodePreset)
        return (assignments, Dictionary(presets.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }))
    }

    /// The assignment `id` of this tree, if any.
    package func assignment(_ id: UUID, account: UUID) throws -> GuardrailAssignment? {
        var p: [SQLValue] = [.uuid(account), .uuid(id)]
        let tree = treeFilter(&p)
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.queryOne(
            "SELECT \(Self.assignmentColumns) FROM guardrail_assignments WHERE account_id = $1 AND id = $2\(tree) AND \(cond)",
            p
        ).map(Self.decodeAssignment)
    }

    /// Deletes the assignment `id` of this tree.
    package func deleteAssignment(_ id: UUID, account: UUID) throws {
        guard try tx.writeAccount() == account else { throw CockpitError.notFound("Account") }
        var p: [SQLValue] = [.uuid(account), .uuid(id)]
        let tree = treeFilter(&p)
        try tx.execute("DELETE FROM guardrail_assignments WHERE account_id = $1 AND id = $2\(tree)", p)
    }
}
