import Foundation

/// Guardrail presets and their assignments to scopes (V1_CONTRACT.md "Guardrails", the original's D(copilot) guard):
/// the rows agents name as their mandatory presets and the gateway's guardrails are built from. Patterns, the
/// effective view and enforcement build on these (docs/COPILOT_CATALOG.md).
public struct GuardrailService: Sendable {
    let context: ServiceContext
    /// The tree whose presets and assignments this service reads and changes.
    public let domain: ProductDomain
    init(_ context: ServiceContext, domain: ProductDomain) {
        self.context = context
        self.domain = domain
    }

    /// What every operation needs: the admins of this service's tree.
    var permission: Permission { .manageGuardrails(domain) }

    /// Creates a preset, or replaces the name and `preset_json` of the account's preset with the same code (the
    /// original's upsert, id kept; the code stored as sent). 400 `code and name are required` when either is blank;
    /// cockpit's 400 for a `custom_patterns` entry that is no pattern or whose regex does not compile (naming it).
    public func upsertPreset(
        account: UUID, code: String, name: String, presetJSON: JSONValue?
    ) async throws
        -> GuardrailPreset
    {
        let actor = try context.changing(permission, in: account)
        let blank = { (s: String) in s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        guard !blank(code), !blank(name) else { throw CockpitError.badRequest("code and name are required") }
        let code = try CreditService.text(code, field: "code", max: 200)
        let name = try CreditService.text(name, field: "name", max: 200)
        let document = try Validation.metadata(presetJSON, field: "preset_json", maxKiB: 256)
        try await GuardrailPatternRules.checkEntries(of: document, presetCode: code)
        let now = context.now()
        return try await context.writeAdmission(account) { tx in
            let repo = GuardrailRepository(tx, domain: domain)
            let before = try repo.presets(account: account).first { $0.code == code }
            let stored = try repo.upsertPreset(
                GuardrailPreset(
                    id: UUID(), accountID: account, code: code, name: name, presetJSON: document,
                    createdBy: actor.name, createdAt: now, updatedAt: now, domain: domain))
            try AuditRepository(tx).record(
                account: account, actor: actor, domain: AuditDomain(domain), action: "guardrail.preset_upsert",
                objectType: "guardrail_preset", objectID: stored.id.lowercased, before: before.map(Self.values),
                after: Self.values(stored), at: now)
            return stored
        }
    }

    /// The account's presets, newest first.
    public func presets(account: UUID) async throws -> [GuardrailPreset] {
        try context.reading(permission, in: account)
        return try await context.read(.account(account)) {
            try GuardrailRepository($0, domain: domain).presets(account: account)
        }
    }

    /// Assigns a preset to a scope, in the original's order: 400 scope type → the scope (`agent`: 404 `Copilot agent
    /// not found`; `account`: 400 unless it is the caller's; org, team, user: 404 `copilot <type> not found`) → 404
    /// `Guardrail preset not found`. Always inserts (duplicates accumulate, as in the original).
    public func assign(
        account: UUID, presetID: String, scopeType: String, scopeID: String
    ) async throws
        -> GuardrailAssignment
    {
        let actor = try context.changing(permission, in: account)
        let type = try GuardrailScopeType.parse(scopeType, domain: domain)
        let (now, caller, domain) = (context.now(), context.caller, domain)
        return try await context.writeAdmission(account) { tx in
            let id: String
            switch type {
            case .agent:
                guard let agent = UUID.fast(scopeID), try Self.agentExists(tx, agent, account: account) else {
                    throw CockpitError.nothingFound("Copilot agent not found")
                }
                id = agent.lowercased
            case .account, .org, .team, .user:
                let catalogType = CatalogScopeType(rawValue: type.rawValue) ?? .account
                let scope = CatalogScope(type: catalogType, id: CatalogScopes.normalized(catalogType, scopeID))
                id = try CatalogScopes.resolve(tx, scope, account: account, caller: caller, domain: domain).id
            }
            let repo = GuardrailRepository(tx, domain: domain)
            guard let preset = UUID.fast(presetID), try !repo.existingPresetIDs([preset], account: account).isEmpty
            else { throw CockpitError.nothingFound("Guardrail preset not found") }
            let assignment = GuardrailAssignment(
                id: UUID(), accountID: account, presetID: preset, scopeType: type, scopeID: id,
                createdBy: actor.name, createdAt: now, domain: domain)
            try repo.insertAssignment(assignment)
            try AuditRepository(tx).record(
                account: account, actor: actor, domain: AuditDomain(domain), action: "guardrail.assignment_create",
                objectType: "guardrail_assignment", objectID: assignment.id.lowercased, before: nil,
                after: Self.values(assignment), at: now)
            return assignment
        }
    }

    /// The account's assignments, newest first: all, or those of one scope (400 `scope_id is required when
    /// scope_type is provided`, then the scope type; a `scope_id` alone lists all, as in the original).
    public func assignments(
        account: UUID, scopeType: String?, scopeID: String?
    ) async throws
        -> [GuardrailAssignment]
    {
        try context.reading(permission, in: account)
        var scope: (GuardrailScopeType, String)?
        if let scopeType, !scopeType.isEmpty {
            guard let scopeID, !scopeID.isEmpty else {
                throw CockpitError.badRequest("scope_id is required when scope_type is provided")
            }
            let type = try GuardrailScopeType.parse(scopeType, domain: domain)
            scope = (type, UUID.fast(scopeID)?.lowercased ?? scopeID)
        }
        let filter = scope
        return try await context.read(.account(account)) {
            try GuardrailRepository($0, domain: domain).assignments(account: account, scope: filter)
        }
    }

    static func agentExists(_ tx: Transaction, _ agent: UUID, account: UUID) throws -> Bool {
        var p: [SQLValue] = [.uuid(agent), .uuid(account)]
        let cond = tx.tenantCondition("account_id", &p)
        return try tx.queryOne("SELECT 1 AS found FROM copilot_agents WHERE id = $1 AND account_id = $2 AND \(cond)", p)
            != nil
    }

    static func values(_ p: GuardrailPreset) -> JSONValue {
        .object([
            "id": .string(p.id.lowercased), "account_id": .string(p.accountID.lowercased), "code": .string(p.code),
            "name": .string(p.name), "preset_json": p.presetJSON, "created_by": .string(p.createdBy),
            "created_at": .string(Timestamp.format(p.createdAt)),
        ])
    }

    static func values(_ a: GuardrailAssignment) -> JSONValue {
        .object([
            "id": .string(a.id.lowercased), "account_id": .string(a.accountID.lowercased),
            "preset_id": .string(a.presetID.lowercased), "scope_type": .string(a.scopeType.rawValue),
            "scope_id": .string(a.scopeID), "created_by": .string(a.createdBy),
            "created_at": .string(Timestamp.format(a.createdAt)),
        ])
    }
}
