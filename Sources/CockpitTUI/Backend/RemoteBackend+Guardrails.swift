import CockpitAPI
import CockpitCore
import Foundation

/// Guardrails of one tree over `/v1/<tree>/guardrails/…` (`/v1/copilot/guardrails` is the original's, the console's
/// has the same paths and bodies).
extension RemoteBackend {
    /// The guardrail routes of a tree.
    static func guardrails(_ domain: ProductDomain) -> String { "/v1/\(domain.rawValue)/guardrails" }

    public func guardrailPresets(account: UUID, domain: ProductDomain) async throws -> [GuardrailPreset] {
        let items = try await get("\(Self.guardrails(domain))/presets", account: account)["items"]
        return try decode([GuardrailPresetView].self, items).map { Self.preset($0, domain) }
    }

    public func saveGuardrailPreset(
        account: UUID, domain: ProductDomain, code: String, name: String, presetJSON: JSONValue?
    ) async throws -> GuardrailPreset {
        let answer = try await send(
            "POST", "\(Self.guardrails(domain))/presets",
            body: GuardrailPresetCreate(code: code, name: name, presetJson: presetJSON), account: account)
        return Self.preset(try decode(GuardrailPresetView.self, answer["item"]), domain)
    }

    public func guardrailAssignments(account: UUID, domain: ProductDomain) async throws -> [GuardrailAssignment] {
        let items = try await get("\(Self.guardrails(domain))/assignments", account: account)["items"]
        return try decode([GuardrailAssignmentView].self, items).map { try Self.assignment($0, domain) }
    }

    public func assignGuardrailPreset(
        account: UUID, domain: ProductDomain, preset: UUID, scopeType: GuardrailScopeType, scopeID: String
    ) async throws -> GuardrailAssignment {
        let body = GuardrailAssignmentCreate(
            presetID: preset.lowercased, scopeType: scopeType.rawValue, scopeID: scopeID)
        let answer = try await send("POST", "\(Self.guardrails(domain))/assignments", body: body, account: account)
        return try Self.assignment(try decode(GuardrailAssignmentView.self, answer["item"]), domain)
    }

    public func unassignGuardrailPreset(
        account: UUID, domain: ProductDomain, id: UUID
    ) async throws -> GuardrailAssignment {
        let answer = try await send(
            "DELETE", "\(Self.guardrails(domain))/assignments/\(id.lowercased)", nil, account: account)
        return try Self.assignment(try decode(GuardrailAssignmentView.self, answer["item"]), domain)
    }

    public func createGuardrailPattern(
        account: UUID, domain: ProductDomain, _ input: GuardrailPatternInput
    ) async throws -> GuardrailPatternView {
        let body = GuardrailPatternCreate(
            guardType: input.guardType, patternName: input.patternName, patternRegex: input.patternRegex,
            patternType: input.patternType, action: input.action, enabled: input.enabled, appliesTo: input.appliesTo)
        let answer = try await send("POST", "\(Self.guardrails(domain))/patterns", body: body, account: account)
        return try decode(GuardrailPatternView.self, answer["item"])
    }

    public func updateGuardrailPattern(
        account: UUID, domain: ProductDomain, id: String, _ change: GuardrailPatternChange
    ) async throws -> GuardrailPatternView {
        let body = GuardrailPatternUpdate(
            patternName: change.patternName, patternRegex: change.patternRegex, patternType: change.patternType,
            action: change.action, enabled: change.enabled, appliesTo: change.appliesTo)
        let answer = try await send(
            "PUT", "\(Self.guardrails(domain))/patterns/\(Self.pathSegment(id))", body: body, account: account)
        return try decode(GuardrailPatternView.self, answer["item"])
    }

    public func deleteGuardrailPattern(account: UUID, domain: ProductDomain, id: String) async throws -> Bool {
        let answer = try await send(
            "DELETE", "\(Self.guardrails(domain))/patterns/\(Self.pathSegment(id))", nil, account: account)
        return answer["deleted"]?.boolValue ?? true
    }

    public func effectiveGuardrails(
        account: UUID, domain: ProductDomain, org: UUID?, team: UUID?, user: UUID?
    ) async throws -> EffectiveGuardrailsAnswer {
        let query = [("org_id", org), ("team_id", team), ("user_id", user)].compactMap { name, id in
            id.map { "\(name)=\($0.lowercased)" }
        }
        let path = "\(Self.guardrails(domain))/effective" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
        return try decode(EffectiveGuardrailsAnswer.self, try await get(path, account: account))
    }

    public func tryGuardrailPreset(
        account: UUID, domain: ProductDomain, code: String, text: String, direction: String?
    ) async throws -> GuardrailTrialAnswer {
        let answer = try await send(
            "POST", "\(Self.guardrails(domain))/presets/\(Self.pathSegment(code))/test",
            body: GuardrailPresetTrial(text: text, direction: direction), account: account)
        return try decode(GuardrailTrialAnswer.self, answer)
    }

    /// A path segment as sent (a code may hold any character).
    static func pathSegment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~")))
            ?? text
    }

    static func preset(_ v: GuardrailPresetView, _ domain: ProductDomain) -> GuardrailPreset {
        GuardrailPreset(
            id: v.id, accountID: v.accountID, code: v.code, name: v.name, presetJSON: v.presetJson,
            createdBy: v.createdBy, createdAt: v.createdAt, updatedAt: v.updatedAt, domain: domain)
    }

    static func assignment(_ v: GuardrailAssignmentView, _ domain: ProductDomain) throws -> GuardrailAssignment {
        GuardrailAssignment(
            id: v.id, accountID: v.accountID, presetID: v.presetID,
            scopeType: try GuardrailScopeType.parse(v.scopeType),
            scopeID: v.scopeID, createdBy: v.createdBy, createdAt: v.createdAt, domain: domain)
    }
}
