import Foundation

/// The checks an agent's fields and lists go through (V1_CONTRACT.md "Agents"), and the values its audit rows hold.
enum AgentRules {
    /// The most guardrail presets one agent may name.
    static let maxPresets = 1_000

    /// A name as sent (not trimmed, as in the original): 400 `name is required` when blank, then at most 200
    /// characters without control characters.
    static func name(_ raw: String) throws -> String {
        guard !raw.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw CockpitError.badRequest("name is required")
        }
        return try CreditService.text(raw, field: "name", max: Validation.maxNameLength)
    }

    /// A description as sent: at most 4000 characters; line breaks and tabs allowed, other control characters not.
    static func description(_ raw: String?) throws -> String? {
        guard let raw else { return nil }
        guard raw.count <= 4_000 else {
            throw CockpitError.invalid(field: "description", reason: "must be at most 4000 characters")
        }
        guard
            !raw.unicodeScalars.contains(where: {
                $0.properties.generalCategory == .control && !"\n\r\t".unicodeScalars.contains($0)
            })
        else { throw CockpitError.invalid(field: "description", reason: "must not contain control characters") }
        return raw
    }

    /// The definition: a JSON object of at most 256 KiB, nested at most 64 levels (absent: `{}`).
    static func definition(_ value: JSONValue?) throws -> JSONValue {
        let document = try Validation.metadata(value, field: "definition_json", maxKiB: 256)
        guard depth(document) <= 64 else {
            throw CockpitError.invalid(field: "definition_json", reason: "must be nested at most 64 levels deep")
        }
        return document
    }

    /// How deeply `value` nests (a scalar: 0).
    static func depth(_ value: JSONValue) -> Int {
        switch value {
        case .array(let a): 1 + (a.map(depth).max() ?? 0)
        case .object(let o): 1 + (o.values.map(depth).max() ?? 0)
        default: 0
        }
    }

    /// The preset list in the original's order: trimmed, blanks and repeats dropped (first kept); none left → 400;
    /// any id that names no preset of the account → 404 listing them in request order.
    static func presets(_ tx: Transaction, _ raw: [String], account: UUID) throws -> [UUID] {
        guard raw.count <= maxPresets else {
            throw CockpitError.invalid(
                field: "guardrail_preset_ids", reason: "must name at most \(maxPresets) presets")
        }
        var seen = Set<String>()
        let ids = raw.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter {
            !$0.isEmpty && seen.insert(UUID.fast($0)?.lowercased ?? $0).inserted
        }
        guard !ids.isEmpty else {
            throw CockpitError.badRequest("At least one guardrail preset is required for agent creation/update")
        }
        let existing = try GuardrailRepository(tx).existingPresetIDs(ids.compactMap(UUID.fast), account: account)
        let missing = ids.filter { UUID.fast($0).map { !existing.contains($0) } ?? true }
        guard missing.isEmpty else {
            throw CockpitError.nothingFound("Guardrail preset not found: \(missing.joined(separator: ","))")
        }
        return ids.compactMap(UUID.fast)
    }

    /// The grant list through the shared checks (`CatalogScopes.resolveList`), `account` allowed beside the
    /// original's types.
    static func grants(
        _ tx: Transaction, _ raw: [AgentGrantInput], account: UUID, caller: Principal
    ) throws
        -> [CatalogScope]
    {
        try CatalogScopes.resolveList(
            tx, raw.map { CatalogScopes.Requested(scopeType: $0.scopeType, scopeID: $0.scopeID) }, account: account,
            caller: caller, allowingAccount: true, blankMessage: "scope_id is required for agent grants")
    }

    // MARK: Audit values

    static func values(_ a: Agent) -> JSONValue {
        .object([
            "id": .string(a.id.lowercased), "account_id": .string(a.accountID.lowercased), "name": .string(a.name),
            "description": a.description.map(JSONValue.string) ?? .null, "definition_json": a.definitionJSON,
            "created_by": .string(a.createdBy), "created_at": .string(Timestamp.format(a.createdAt)),
            "updated_at": .string(Timestamp.format(a.updatedAt)),
        ])
    }

    /// The agent's row with its preset ids and grants, as the original's create and update audit it.
    static func values(_ d: AgentDetail) -> JSONValue {
        var fields = values(d.agent).objectValue ?? [:]
        fields["mandatory_guardrail_preset_ids"] = .array(d.presetIDs.map { .string($0.lowercased) })
        fields["grants"] = .array((d.grants ?? []).map(values))
        return .object(fields)
    }

    static func values(_ s: CatalogScope) -> JSONValue {
        .object(["scope_type": .string(s.type.rawValue), "scope_id": .string(s.id)])
    }

    static func values(_ g: AgentGrant) -> JSONValue {
        .object([
            "id": .string(g.id.lowercased), "account_id": .string(g.accountID.lowercased),
            "agent_id": .string(g.agentID.lowercased), "scope_type": .string(g.scope.type.rawValue),
            "scope_id": .string(g.scope.id), "created_by": .string(g.createdBy),
            "created_at": .string(Timestamp.format(g.createdAt)),
        ])
    }
}
