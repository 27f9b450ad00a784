import CockpitCore
import Foundation

/// Fields LiteLLM documents for its management routes (1.x) that cockpit does not implement (a key's `budget_id`
/// among them: keys carry their own budget fields, named budgets are held by customers). A request that sends one
/// is refused with `not supported: <field>` instead of being carried out without it.
public enum LiteLLMUnsupported {
    static let byPrefix: [(prefix: String, fields: Set<String>)] = [
        (
            "/key/",
            [
                "tags", "guardrails", "permissions", "config", "aliases", "enforced_params", "model_rpm_limit",
                "model_tpm_limit", "allowed_cache_controls", "send_invite_email", "prompts", "object_permission",
                "rotation_interval", "auto_rotate", "key_type", "budget_id",
            ]
        ),
        (
            "/user/",
            [
                "send_invite_email", "sso_user_id", "organizations", "guardrails", "prompts", "object_permission",
                "model_rpm_limit", "model_tpm_limit", "tags",
            ]
        ),
        (
            "/team/",
            [
                "tags", "guardrails", "model_aliases", "team_member_permissions", "admins", "prompts",
                "object_permission", "model_rpm_limit", "model_tpm_limit", "team_member_budget",
                "team_member_rpm_limit", "team_member_tpm_limit",
            ]
        ),
        (
            "/organization/",
            [
                "guardrails", "object_permission", "model_rpm_limit", "model_tpm_limit", "tags",
                "max_budget_in_organization",
            ]
        ),
        // Regions and default models are not implemented; spend is only what requests were charged; a budget resets
        // at the end of its period (aligned to boundaries), never at a chosen instant.
        (
            "/customer/",
            [
                "allowed_model_region", "allowed_region", "default_model", "object_permission", "spend",
                "budget_reset_at",
            ]
        ),
        ("/budget/", ["budget_reset_at"]),
    ]

    /// Fields of the routes whose path ends so, on top of their prefix's: regenerating keeps no grace period (the old
    /// secret stops at once), rotates no master key, and leaves spend to `/key/reset_spend`.
    static let bySuffix: [(suffix: String, fields: Set<String>)] = [
        ("/regenerate", ["grace_period", "new_master_key", "spend"])
    ]

    /// The unsupported fields of the route at `path` (none for routes not listed).
    public static func fields(path: String) -> Set<String> {
        let prefixed = byPrefix.first { path.hasPrefix($0.prefix) }?.fields ?? []
        return bySuffix.filter { path.hasSuffix($0.suffix) }.reduce(prefixed) { $0.union($1.fields) }
    }
}
