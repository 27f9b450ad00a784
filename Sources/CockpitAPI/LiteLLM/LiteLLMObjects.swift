import CockpitCore
import Foundation

/// The objects LiteLLM's management API answers with (teams, organizations, users, models, spend rows) and the
/// inputs its create and update calls carry, in LiteLLM's field names.
public enum LiteLLMObjects {
    /// A team with its budget fields.
    public static func team(_ t: Team, _ budget: Budget?) -> JSONValue {
        var o: [String: JSONValue] = [
            "team_id": .string(t.id.lowercased), "team_alias": .string(t.name),
            "organization_id": .string(t.orgID.lowercased), "blocked": .bool(t.blocked),
            "domain": .string(t.domain.rawValue), "metadata": t.metadata,
            "created_at": .string(Timestamp.format(t.createdAt)), "updated_at": .string(Timestamp.format(t.updatedAt)),
        ]
        o.merge(LiteLLMBudgetFields.json(budget, entityMax: t.maxBudget)) { $1 }
        return .object(o)
    }

    /// An organization with its budget fields.
    public static func organization(_ org: Organization, _ budget: Budget?) -> JSONValue {
        var o: [String: JSONValue] = [
            "organization_id": .string(org.id.lowercased), "organization_alias": .string(org.name),
            "domain": .string(org.domain.rawValue), "metadata": org.metadata,
            "created_at": .string(Timestamp.format(org.createdAt)),
            "updated_at": .string(Timestamp.format(org.updatedAt)),
        ]
        o.merge(LiteLLMBudgetFields.json(budget, entityMax: org.maxBudget)) { $1 }
        return .object(o)
    }

    /// A user with its budget fields.
    public static func user(_ u: User, _ budget: Budget?) -> JSONValue {
        var o: [String: JSONValue] = [
            "user_id": .string(u.id.lowercased), "user_email": u.email.map(JSONValue.string) ?? .null,
            "user_alias": .string(u.displayName), "user_role": .string(u.role), "domain": .string(u.domain.rawValue),
            "metadata": u.metadata, "created_at": .string(Timestamp.format(u.createdAt)),
            "updated_at": .string(Timestamp.format(u.updatedAt)),
        ]
        o.merge(LiteLLMBudgetFields.json(budget, entityMax: u.maxBudget)) { $1 }
        return .object(o)
    }

    /// `user_email`, `user_alias`, `user_role`, `metadata` and a lifetime `max_budget` as the directory's input.
    public static func userInput(_ b: LiteLLMFields, teams: [UUID]) throws -> UserInput {
        UserInput(
            email: try b.string("user_email"), identityUserID: try b.string("identity_user_id"),
            displayName: try b.string("user_alias"),
            role: try b.string("user_role").map { userRole($0, domain: try b.domain()) },
            metadata: try b.object("metadata"),
            maxBudget: try LiteLLMBudgetFields.entityMaxBudget(b), teamIDs: teams)
    }

    /// LiteLLM's user roles mapped onto the tree's: `internal_user`… → end user, `*_admin` → the tree's org admin.
    public static func userRole(_ litellm: String, domain: ProductDomain) -> String {
        switch litellm {
        case "proxy_admin", "org_admin", "proxy_admin_viewer": Role.orgAdmin(domain).rawValue
        case "internal_user", "internal_user_viewer", "customer": Role.endUser.rawValue
        default: litellm
        }
    }

    /// A model entry (`model_name`, `litellm_params`, `model_info`), without credentials.
    public static func model(_ m: ModelDeployment) -> JSONValue {
        var params = m.params.objectValue ?? [:]
        params["model"] = .string(m.providerModel)
        if let base = m.apiBase { params["api_base"] = .string(base) }
        if let version = m.apiVersion { params["api_version"] = .string(version) }
        var info = m.modelInfo.objectValue ?? [:]
        info["id"] = .string(m.id.lowercased)
        info["db_model"] = true
        info["account_id"] = m.accountID.map { .string($0.lowercased) } ?? .null
        info["has_credentials"] = .bool(m.hasCredentials)
        return ["model_name": .string(m.modelName), "litellm_params": .object(params), "model_info": .object(info)]
    }

    /// `/model/new` and `/model/update`'s model: `model_name`, `litellm_params`, `model_info`.
    public static func modelInput(_ b: LiteLLMFields, id: UUID?) throws -> ModelInput {
        guard let params = try b.object("litellm_params") else {
            throw CockpitError.invalid(field: "litellm_params", reason: "is required")
        }
        let info = try b.object("model_info")
        return try ModelInput(
            id: id, modelName: try b.required("model_name"), litellmParams: params, modelInfo: info,
            visibleToAll: info?["visible_to_all"] == .bool(true) || (try b.bool("visible_to_all") ?? false))
    }

    /// The stored model a call names by `id` or `model_info.id`.
    public static func modelID(_ b: LiteLLMFields) throws -> UUID {
        let raw = try b.string("id") ?? b.object("model_info")?["id"]?.stringValue
        guard let raw, let id = UUID(uuidString: raw) else {
            throw CockpitError.invalid(field: "id", reason: "must be the id of a stored model")
        }
        return id
    }

    /// A spend log row.
    public static func spend(_ s: SpendLog) -> JSONValue {
        [
            "request_id": .string(s.requestID), "api_key": .string(s.keyHash), "model": .string(s.model),
            "model_group": .string(s.modelGroup),
            "model_id": .string(s.deploymentID), "user": .string(s.userID), "team_id": .string(s.teamID),
            "organization_id": .string(s.orgID),
            "spend": .number(s.cost), "prompt_tokens": .number(Double(s.promptTokens)),
            "completion_tokens": .number(Double(s.completionTokens)),
            "total_tokens": .number(Double(s.totalTokens)), "startTime": .string(Timestamp.format(s.startTime)),
            "endTime": .string(Timestamp.format(s.endTime)),
            "completionStartTime": s.firstTokenTime.map { .string(Timestamp.format($0)) } ?? .null,
            "status": .string(s.status), "cache_hit": .string(s.cacheHit ? "True" : "False"),
            "end_user": s.endUser.map(JSONValue.string) ?? .null,
            // cockpit addition: the request's guardrail hits (never the matched text), [] for none.
            "guardrail_hits": .array(
                (s.guardrailHits ?? []).map { h in
                    [
                        "preset": .string(h.preset), "pattern": .string(h.pattern), "action": .string(h.action),
                        "direction": .string(h.direction), "outcome": .string(h.outcome),
                        "count": .number(Double(h.count)),
                    ]
                }),
        ]
    }
}
