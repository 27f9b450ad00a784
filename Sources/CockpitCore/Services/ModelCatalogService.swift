import Foundation

/// A model deployment to create or replace, in LiteLLM's `model_list` shape.
public struct ModelInput: Sendable {
    /// Set to replace an existing deployment.
    public var id: UUID?
    public var modelName: String
    /// `litellm_params.model`, e.g. `openai/gpt-4o-mini`.
    public var providerModel: String
    public var apiBase: String?
    public var apiVersion: String?
    /// The provider credential; sealed before it is stored, never returned. Nil keeps the stored one on replace.
    public var apiKey: String?
    /// Other `litellm_params` (rpm, tpm, timeout, weight…); secrets are not accepted here.
    public var params: JSONValue?
    public var modelInfo: JSONValue?
    public var visibleToAll: Bool

    public init(
        id: UUID? = nil, modelName: String, providerModel: String, apiBase: String? = nil, apiVersion: String? = nil,
        apiKey: String? = nil, params: JSONValue? = nil, modelInfo: JSONValue? = nil, visibleToAll: Bool = false
    ) {
        self.id = id
        self.modelName = modelName
        self.providerModel = providerModel
        self.apiBase = apiBase
        self.apiVersion = apiVersion
        self.apiKey = apiKey
        self.params = params
        self.modelInfo = modelInfo
        self.visibleToAll = visibleToAll
    }
}

extension ModelInput {
    /// A deployment in LiteLLM's `model_list` shape: `litellm_params` holds `model`, `api_base`, `api_version` and
    /// `api_key` (taken out here) and the other params (rpm, tpm, timeout, weight…), which stay.
    public init(
        id: UUID?, modelName: String, litellmParams: JSONValue, modelInfo: JSONValue?, visibleToAll: Bool
    ) throws {
        guard var params = litellmParams.objectValue else {
            throw CockpitError.invalid(field: "litellm_params", reason: "must be a JSON object")
        }
        func take(_ key: String) throws -> String? {
            guard let value = params.removeValue(forKey: key), value != .null else { return nil }
            guard let text = value.stringValue else {
                throw CockpitError.invalid(field: "litellm_params.\(key)", reason: "must be a string")
            }
            return text
        }
        guard let route = try take("model") else {
            throw CockpitError.invalid(field: "litellm_params.model", reason: "is required")
        }
        self.init(
            id: id, modelName: modelName, providerModel: route, apiBase: try take("api_base"),
            apiVersion: try take("api_version"),
            apiKey: try take("api_key"), params: .object(params), modelInfo: modelInfo, visibleToAll: visibleToAll)
    }
}

/// Model deployments: the super-admin's global catalogue (no account) and each account's own models. Credentials
/// are sealed at rest.
public struct ModelCatalogService: Sendable {
    let context: ServiceContext
    package init(_ context: ServiceContext) { self.context = context }

    /// Global deployments in name order.
    public func list(page: PageRequest = .first) async throws -> Page<ModelDeployment> {
        try context.reading(.superAdmin)
        return try await context.read(.superAdmin) {
            try ModelDeploymentRepository($0).list(globalsOnly: true, page: page)
        }
    }

    /// The deployments an account may route to (its own and the globals visible to all), in name order.
    public func list(account: UUID, page: PageRequest = .first) async throws -> Page<ModelDeployment> {
        try context.reading(.manageKeys, in: account)
        return try await context.read(.account(account)) { try ModelDeploymentRepository($0).list(page: page) }
    }

    /// Creates a deployment (global when `account` is nil: super-admin), or replaces the one with `input.id` of the same
    /// owner. An account's own models need STORE_MODEL_IN_DB, as LiteLLM requires for models added through its API.
    public func upsert(_ input: ModelInput, account: UUID? = nil) async throws -> ModelDeployment {
        try await upsert(input, account: account, createAs: nil)
    }

    /// `upsert`, creating the row with the id `createAs` when `input.id` is nil (the original's `model_id`).
    func upsert(_ input: ModelInput, account: UUID?, createAs: UUID?) async throws -> ModelDeployment {
        let actor = try changing(account, storing: true)
        let name = try Validation.name(input.modelName, field: "model_name")
        let route = try Validation.name(input.providerModel, field: "litellm_params.model")
        guard route.contains("/") else {
            throw CockpitError.invalid(
                field: "litellm_params.model", reason: "must be provider/model, e.g. openai/gpt-4o")
        }
        if let base = input.apiBase {
            guard let url = URL(string: base), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw CockpitError.invalid(field: "litellm_params.api_base", reason: "must be an http(s) URL")
            }
            // An account's model may reach public addresses only; the name is resolved off the caller's thread.
            if account != nil {
                let policy = context.upstreamPolicy
                try await Blocking.run { try policy.check(url: base, field: "litellm_params.api_base") }
            }
        }
        let params = try Validation.metadata(input.params, field: "litellm_params")
        if let members = params.objectValue,
            members.keys.contains(where: { ["api_key", "aws_secret_access_key", "vertex_credentials"].contains($0) })
        {
            throw CockpitError.invalid(field: "litellm_params", reason: "must not hold credentials outside api_key")
        }
        let info = try Validation.metadata(input.modelInfo, field: "model_info")
        _ = try DeploymentParams(params: params, modelInfo: info)
        let sealed = try seal(input.apiKey)
        let now = context.now()
        return try await context.write(account.map(AccountScope.account) ?? .superAdmin) { tx in
            let repo = ModelDeploymentRepository(tx)
            let before = try input.id.flatMap { try repo.get($0) }
            if input.id != nil, before == nil || before?.accountID != account { throw CockpitError.notFound("Model") }
            if let createAs, try repo.get(createAs) != nil {
                throw CockpitError.conflict("model_id \(createAs.lowercased) is taken by another model")
            }
            let model = ModelDeployment(
                id: before?.id ?? createAs ?? UUID(), accountID: account, modelName: name, providerModel: route,
                apiBase: input.apiBase,
                apiVersion: input.apiVersion, hasCredentials: sealed != nil || before?.hasCredentials == true,
                params: params, modelInfo: info, visibleToAll: account == nil && input.visibleToAll,
                createdAt: before?.createdAt ?? now, updatedAt: now)
            if before == nil {
                try repo.insert(model, encryptedCredentials: sealed)
            } else {
                try repo.update(model, encryptedCredentials: sealed)
            }
            try AuditRepository(tx).record(
                account: account, actor: actor, domain: .iam, action: before == nil ? "model.create" : "model.update",
                objectType: "model", objectID: model.id.lowercased, before: before.map { try .snapshot($0) },
                after: .snapshot(model), at: now)
            return model
        }
    }

    /// The check of a change to the global catalogue (super-admin) or to an account's own models; `storing` (adding or
    /// changing an account's model) also needs STORE_MODEL_IN_DB.
    private func changing(_ account: UUID?, storing: Bool) throws -> Actor {
        guard let account else { return try context.changing(.superAdmin) }
        let actor = try context.changing(.manageKeys, in: account)
        guard context.modelsInStore || !storing else {
            throw CockpitError.invalid(
                field: "STORE_MODEL_IN_DB",
                reason: "must be true to add or change models through the API (or list them in config.yaml)")
        }
        return actor
    }

    /// The provider credential sealed for storage; nil when none was given.
    func seal(_ key: String?) throws -> String? {
        guard let key, !key.isEmpty else { return nil }
        guard let box = context.secretBox else {
            throw CockpitError.invalid(
                field: "api_key", reason: "cannot be stored: set LITELLM_SALT_KEY (or LITELLM_MASTER_KEY) first")
        }
        return try box.seal(key)
    }

    /// Deletes a deployment of the owner (global when `account` is nil).
    public func delete(_ id: UUID, account: UUID? = nil) async throws {
        let actor = try changing(account, storing: false)
        let now = context.now()
        try await context.write(account.map(AccountScope.account) ?? .superAdmin) { tx in
            let repo = ModelDeploymentRepository(tx)
            guard let before = try repo.get(id), before.accountID == account else {
                throw CockpitError.notFound("Model")
            }
            try repo.delete(id)
            try AuditRepository(tx).record(
                account: account, actor: actor, domain: .iam, action: "model.delete", objectType: "model",
                objectID: id.lowercased, before: .snapshot(before), at: now)
        }
    }
}
