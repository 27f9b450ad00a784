import CockpitCore
import Foundation

/// An audit row as the original's clients read it (`id`, `updated_at`, `changed_by`, `changed_by_api_key`, `action`
/// as create/update/upsert/delete, `table_name` as the original's tables, `object_id`, `before_value`,
/// `updated_values` with its `domain`, `account_id`), with cockpit's record beside (`event` such as `org.create`,
/// `at`, `actor`, `auth_method`, `domain`, `object_type`, `before`, `after`, `request_id`).
public struct AuditView: Codable, Sendable, Equatable {
    public var id: Int64
    public var updatedAt: Date
    public var changedBy: String
    public var changedByApiKey: String
    public var action: String
    public var tableName: String
    public var objectID: String
    public var beforeValue: JSONValue
    public var updatedValues: JSONValue
    public var accountID: UUID?
    public var event: String
    public var at: Date
    public var actor: String
    public var authMethod: String
    public var domain: AuditDomain
    public var objectType: String
    public var before: JSONValue?
    public var after: JSONValue?
    public var requestID: String?

    public init(_ e: AuditEntry) {
        (id, updatedAt, changedBy, changedByApiKey) = (e.id, e.at, e.actor, "")
        (action, tableName, objectID) = (Self.verb(e.action), Self.table(e.objectType, e.domain), e.objectID)
        beforeValue = e.before ?? .emptyObject
        var values = e.after?.objectValue ?? [:]
        if values["domain"] == nil { values["domain"] = .string(e.domain.rawValue) }
        updatedValues = .object(values)
        (accountID, event, at, actor, authMethod, domain) = (
            e.accountID, e.action, e.at, e.actor, e.authMethod, e.domain
        )
        (objectType, before, after, requestID) = (e.objectType, e.before, e.after, e.requestID)
    }

    /// The core's entry.
    public var entry: AuditEntry {
        AuditEntry(
            id: id, accountID: accountID, at: at, actor: actor, authMethod: authMethod, domain: domain, action: event,
            objectType: objectType, objectID: objectID, before: before, after: after, requestID: requestID)
    }

    /// The original's verb for a cockpit event (`org.create` → `create`, `account.suspend` → `update`).
    static func verb(_ event: String) -> String {
        let last = event.split(separator: ".").last.map(String.init) ?? event
        if last.contains("upsert") { return "upsert" }
        if last.contains("create") || last.contains("add") { return "create" }
        if last.contains("delete") || last.contains("remove") { return "delete" }
        return "update"
    }

    /// The original's table for an object type (the type itself for objects the original did not have).
    static func table(_ type: String, _ domain: AuditDomain) -> String {
        let tree = domain == .copilot ? "Copilot" : "Console"
        switch type {
        case "account": return "Alchemi_AccountTable"
        case "account_admin": return "Alchemi_AccountAdminTable"
        case "account_sso": return "Alchemi_AccountSSOConfig"
        case "organization": return "Alchemi_\(tree)OrgTable"
        case "team": return "Alchemi_\(tree)TeamTable"
        case "user": return "Alchemi_\(tree)UserTable"
        case "model_grant": return "Alchemi_ModelGrantTable"
        case "feature_entitlement": return "Alchemi_FeatureEntitlementTable"
        case "credit_account_allocation": return "Alchemi_AccountAllocationTable"
        case "credit_plan": return "Alchemi_CopilotBudgetPlanTable"
        case "credit_allocation": return "Alchemi_CopilotBudgetAllocationTable"
        case "credit_override": return "Alchemi_CopilotBudgetOverrideTable"
        case "credit_ledger": return "Alchemi_CopilotUsageLedgerTable"
        case "credit_cycle": return "Alchemi_CopilotBudgetCycleTable"
        // The copilot catalog (object types audited by its services).
        case "guardrail_preset": return "Alchemi_CopilotGuardrailPresetTable"
        case "guardrail_assignment": return "Alchemi_CopilotGuardrailAssignmentTable"
        case "guardrail_pattern": return "Alchemi_CopilotGuardrailPattern"
        case "copilot_agent": return "Alchemi_CopilotAgentTable"
        case "copilot_agent_grant": return "Alchemi_CopilotAgentGrantTable"
        case "copilot_connection": return "Alchemi_CopilotConnectionTable"
        case "copilot_connection_grant": return "Alchemi_CopilotConnectionGrantTable"
        case "marketplace_listing": return "Alchemi_CopilotMarketplaceTable"
        case "marketplace_grant": return "Alchemi_CopilotMarketplaceGrantTable"
        default: return type
        }
    }
}

/// `GET /v1/audit`: `{"domain", "items", "next_cursor"}`.
public struct AuditList: Codable, Sendable {
    public var domain: String
    public var items: [AuditView]
    public var nextCursor: String?

    public init(domain: String, page: Page<AuditEntry>) {
        (self.domain, items, nextCursor) = (domain, page.items.map(AuditView.init), page.nextCursor)
    }

    /// `next_cursor` is written as null, not left out.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(domain, forKey: .domain)
        try c.encode(items, forKey: .items)
        try c.encode(nextCursor, forKey: .nextCursor)
    }

    enum CodingKeys: String, CodingKey { case domain, items, nextCursor }
}
