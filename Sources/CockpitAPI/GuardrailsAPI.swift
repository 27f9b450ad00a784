import CockpitCore
import Foundation

/// `POST /v1/copilot/guardrails/presets`: a preset by code (an existing code's name and `preset_json` are replaced,
/// its id kept, as in the original); `preset_json` is `{}` when absent.
public struct GuardrailPresetCreate: Codable, Sendable {
    public var code: String
    public var name: String
    public var presetJson: JSONValue?

    public init(code: String, name: String, presetJson: JSONValue? = nil) {
        (self.code, self.name, self.presetJson) = (code, name, presetJson)
    }
}

/// `POST /v1/copilot/guardrails/assignments`: a preset assigned to a scope (`account`, `agent`, `org`, `team`,
/// `user`); all three required.
public struct GuardrailAssignmentCreate: Codable, Sendable {
    public var presetID: String
    public var scopeType: String
    public var scopeID: String

    public init(presetID: String, scopeType: String, scopeID: String) {
        (self.presetID, self.scopeType, self.scopeID) = (presetID, scopeType, scopeID)
    }
}

/// A guardrail preset: `{id, account_id, code, name, preset_json, created_by, created_at}` and cockpit's
/// `updated_at` (when its name or `preset_json` last changed).
public struct GuardrailPresetView: Codable, Sendable, Equatable {
    public var id: UUID
    public var accountID: UUID
    public var code: String
    public var name: String
    public var presetJson: JSONValue
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(_ p: GuardrailPreset) {
        (id, accountID, code, name, presetJson) = (p.id, p.accountID, p.code, p.name, p.presetJSON)
        (createdBy, createdAt, updatedAt) = (p.createdBy, p.createdAt, p.updatedAt)
    }
}

/// A preset's assignment to a scope: `{id, account_id, preset_id, scope_type, scope_id, created_by, created_at}`.
public struct GuardrailAssignmentView: Codable, Sendable, Equatable {
    public var id: UUID
    public var accountID: UUID
    public var presetID: UUID
    public var scopeType: String
    public var scopeID: String
    public var createdBy: String
    public var createdAt: Date

    public init(_ a: GuardrailAssignment) {
        (id, accountID, presetID, scopeType, scopeID) = (a.id, a.accountID, a.presetID, a.scopeType.rawValue, a.scopeID)
        (createdBy, createdAt) = (a.createdBy, a.createdAt)
    }
}
