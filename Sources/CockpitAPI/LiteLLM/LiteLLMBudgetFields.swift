import CockpitCore
import Foundation

/// LiteLLM's budget fields on users, teams and organizations (`max_budget`, `budget_duration`, `soft_budget`,
/// `tpm_limit`, `rpm_limit`, `max_parallel_requests`). A `max_budget` without a period is the entity's own lifetime
/// budget; with `budget_duration`, and every rate limit, it lives in the subject's budget row.
public enum LiteLLMBudgetFields {
    static let rowFields = ["budget_duration", "soft_budget", "tpm_limit", "rpm_limit", "max_parallel_requests"]

    /// The lifetime `max_budget` for the entity itself, or nil when it goes to the budget row (or is absent).
    public static func entityMaxBudget(_ b: LiteLLMFields) throws -> Double? {
        b.has("budget_duration") ? nil : try b.double("max_budget")
    }

    /// Checks the budget fields before anything is written, so bad input changes nothing.
    public static func validate(_ b: LiteLLMFields) throws {
        _ = try Validation.budget(try b.double("max_budget"))
        _ = try Validation.budget(try b.double("soft_budget"), field: "soft_budget")
        _ = try b.string("budget_duration").map { try BudgetPeriod($0) }
        for field in ["tpm_limit", "rpm_limit", "max_parallel_requests"] where (try b.int(field) ?? 0) < 0 {
            throw CockpitError.invalid(field: field, reason: "must be at least 0")
        }
    }

    /// The change to the budget row the fields present make; nil when none of the row's fields is present.
    public static func rowChange(_ b: LiteLLMFields) throws -> (@Sendable (inout Budget) -> Void)? {
        guard rowFields.contains(where: { b.present($0) }) else { return nil }
        let periodic = b.has("budget_duration")
        let maxBudget = try b.double("max_budget"), soft = try b.double("soft_budget"),
            duration = try b.string("budget_duration")
        let (tpm, rpm, parallel) = (try b.int("tpm_limit"), try b.int("rpm_limit"), try b.int("max_parallel_requests"))
        let present = Set(rowFields.filter { b.present($0) })
        return { row in
            if periodic { row.maxBudget = maxBudget }
            if present.contains("budget_duration") { row.budgetDuration = duration }
            if present.contains("soft_budget") { row.softBudget = soft }
            if present.contains("tpm_limit") { row.tpmLimit = tpm }
            if present.contains("rpm_limit") { row.rpmLimit = rpm }
            if present.contains("max_parallel_requests") { row.maxParallelRequests = parallel }
        }
    }

    /// The budget fields for an info answer: the row's, with the entity's lifetime budget when the row sets none.
    public static func json(_ row: Budget?, entityMax: Double?) -> [String: JSONValue] {
        func n<T: BinaryInteger>(_ v: T?) -> JSONValue { v.map { .number(Double($0)) } ?? .null }
        return [
            "max_budget": (row?.maxBudget ?? entityMax).map(JSONValue.number) ?? .null,
            "budget_duration": row?.budgetDuration.map(JSONValue.string) ?? .null,
            "soft_budget": row?.softBudget.map(JSONValue.number) ?? .null,
            "tpm_limit": n(row?.tpmLimit), "rpm_limit": n(row?.rpmLimit),
            "max_parallel_requests": n(row?.maxParallelRequests),
        ]
    }
}
