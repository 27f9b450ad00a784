import CockpitCore
import Foundation

/// LiteLLM's customer (LiteLLM_EndUserTable) and budget (LiteLLM_BudgetTable) objects, and the budget fields a
/// `/budget/*` or `/customer/*` call carries.
public enum LiteLLMCustomerObjects {
    /// The budget table's fields a call may set.
    public static let budgetFields = [
        "max_budget", "soft_budget", "max_parallel_requests", "tpm_limit", "rpm_limit", "model_max_budget",
        "budget_duration",
    ]

    /// The change the budget fields present make (`null` clears one), read and type-checked now so that bad input
    /// is refused before anything is written; nil when the call gives none of them.
    public static func budgetChange(_ b: LiteLLMFields) throws -> (@Sendable (inout NamedBudget) throws -> Void)? {
        let present = Set(budgetFields.filter { b.present($0) })
        guard !present.isEmpty else { return nil }
        let (maxBudget, soft) = (try b.double("max_budget"), try b.double("soft_budget"))
        let (parallel, tpm, rpm) = (try b.int("max_parallel_requests"), try b.int("tpm_limit"), try b.int("rpm_limit"))
        let perModel = try b.object("model_max_budget"), duration = try b.string("budget_duration")
        return { budget in
            if present.contains("max_budget") { budget.maxBudget = maxBudget }
            if present.contains("soft_budget") { budget.softBudget = soft }
            if present.contains("max_parallel_requests") { budget.maxParallelRequests = parallel }
            if present.contains("tpm_limit") { budget.tpmLimit = tpm }
            if present.contains("rpm_limit") { budget.rpmLimit = rpm }
            if present.contains("model_max_budget") { budget.modelMaxBudget = perModel ?? .emptyObject }
            if present.contains("budget_duration") { budget.budgetDuration = duration }
        }
    }

    /// The customer's own fields a call may set (`alias`, `blocked`, `metadata`), read and type-checked now.
    public static func customerChange(_ b: LiteLLMFields) throws -> @Sendable (inout Customer) throws -> Void {
        let hasAlias = b.present("alias"), alias = try b.string("alias")
        let blocked = try b.bool("blocked"), metadata = try b.object("metadata")
        return { customer in
            if hasAlias { customer.alias = alias }
            if let blocked { customer.blocked = blocked }
            if let metadata { customer.metadata = metadata }
        }
    }

    /// A budget as LiteLLM answers it; `budget_reset_at` is the end of the current period.
    public static func budget(_ b: NamedBudget, now: Date = Date()) -> JSONValue {
        func n<T: BinaryInteger>(_ v: T?) -> JSONValue { v.map { .number(Double($0)) } ?? .null }
        return [
            "budget_id": .string(b.budgetID),
            "max_budget": b.maxBudget.map(JSONValue.number) ?? .null,
            "soft_budget": b.softBudget.map(JSONValue.number) ?? .null,
            "max_parallel_requests": n(b.maxParallelRequests), "tpm_limit": n(b.tpmLimit), "rpm_limit": n(b.rpmLimit),
            "model_max_budget": b.modelMaxBudget,
            "budget_duration": b.budgetDuration.map(JSONValue.string) ?? .null,
            "budget_reset_at": b.resetAt(now).map { .string(Timestamp.format($0)) } ?? .null,
            "created_at": .string(Timestamp.format(b.createdAt)), "created_by": .string(b.createdBy),
            "updated_at": .string(Timestamp.format(b.updatedAt)), "updated_by": .string(b.updatedBy),
        ]
    }

    /// A customer as LiteLLM answers it, its budget included as `litellm_budget_table`. Regions and default models are
    /// not implemented (refused when set), so they are always null.
    public static func customer(_ c: CustomerWithBudget, now: Date = Date()) -> JSONValue {
        let customer = c.customer
        return [
            "user_id": .string(customer.userID), "alias": customer.alias.map(JSONValue.string) ?? .null,
            "spend": .number(customer.spend), "blocked": .bool(customer.blocked),
            "allowed_model_region": .null, "default_model": .null,
            "budget_id": customer.budgetID.map(JSONValue.string) ?? .null,
            "litellm_budget_table": c.budget.map { budget($0, now: now) } ?? .null,
            "metadata": customer.metadata,
            "created_at": .string(Timestamp.format(customer.createdAt)),
            "updated_at": .string(Timestamp.format(customer.updatedAt)),
        ]
    }

    /// `/budget/settings`: each field a budget may set, its type and current value (LiteLLM's ConfigList items).
    public static func settings(_ b: NamedBudget?) -> JSONValue {
        let fields: [(String, String, String)] = [
            ("max_parallel_requests", "Integer", "Max concurrent requests allowed for this budget id."),
            ("tpm_limit", "Integer", "Max tokens per minute allowed for this budget id."),
            ("rpm_limit", "Integer", "Max requests per minute allowed for this budget id."),
            ("budget_duration", "String", "Max duration budget should be set for (e.g. '1hr', '1d', '28d')"),
            ("max_budget", "Float", "Requests will fail if this budget (in USD) is exceeded."),
            ("soft_budget", "Float", "Requests will NOT fail if this is exceeded. Will fire alerting though."),
            ("model_max_budget", "Object", "Max budget per model: {model: {max_budget, budget_duration}}."),
        ]
        let values = b.map { budget($0).objectValue ?? [:] } ?? [:]
        return .array(
            fields.map { name, type, description in
                [
                    "field_name": .string(name), "field_type": .string(type),
                    "field_description": .string(description), "field_value": values[name] ?? .null,
                    "stored_in_db": true, "field_default_value": .null,
                ]
            })
    }
}
