import Foundation
import Logging

/// Every deployment the gateway can route to: the config file's (global) and the store's (per account, plus
/// globals). The store part is reloaded whenever its fingerprint changes, so a model added on one instance is
/// served by every instance within one poll interval, without a restart.
public final class ModelRegistry: @unchecked Sendable {
    private struct Snapshot {
        /// Deployments by public name: account-owned under the account, globals under nil.
        var byAccount: [UUID?: [String: [Deployment]]] = [:]
        /// Globals of the store that are not visible to accounts (usable with the master key only).
        var hidden: Set<String> = []
    }

    private let lock = NSLock()
    private var config: [Deployment]
    private var stored: [Deployment] = []
    private var hiddenIDs: Set<String> = []
    private var snapshot = Snapshot()
    private var fingerprint: String?
    private let database: Database
    private let secretBox: SecretBox?
    private let defaultTimeout: TimeInterval
    private let logger: Logger

    /// - Parameter defaultTimeout: the timeout of stored models that name none (the router settings' timeout).
    package init(
        config: [Deployment], database: Database, secretBox: SecretBox?,
        defaultTimeout: TimeInterval = Deployment.defaultTimeout,
        logger: Logger = Logger(label: "cockpit.registry")
    ) {
        self.config = config
        self.defaultTimeout = defaultTimeout
        self.database = database
        self.secretBox = secretBox
        self.logger = logger
        rebuild()
    }

    /// The deployments of a model group for a caller: the account's own and the globals it may see (with
    /// `account == nil`, the master key: every global).
    public func group(_ name: String, account: UUID?) -> [Deployment] {
        lock.lock()
        defer { lock.unlock() }
        let globals = snapshot.byAccount[nil]?[name] ?? []
        guard let account else { return globals }
        return (snapshot.byAccount[account]?[name] ?? []) + globals.filter { !snapshot.hidden.contains($0.id) }
    }

    /// The public model names a caller may route to, sorted.
    public func modelNames(account: UUID?) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        var names = Set<String>()
        for (name, list) in snapshot.byAccount[nil] ?? [:]
        where account == nil || list.contains(where: { !snapshot.hidden.contains($0.id) }) {
            names.insert(name)
        }
        if let account { names.formUnion((snapshot.byAccount[account] ?? [:]).keys) }
        return names.sorted()
    }

    /// Every deployment (for `/health` probes and `/model/info`).
    public var all: [Deployment] {
        lock.lock()
        defer { lock.unlock() }
        return config + stored
    }

    /// Reloads the store's deployments when they changed since the last load. Returns true when it reloaded.
    @discardableResult
    public func refresh() async throws -> Bool {
        let current = try await database.read(.superAdmin) { try ModelDeploymentRepository($0).fingerprint() }
        if lock.withLock({ current == fingerprint }) { return false }
        let rows = try await database.read(.superAdmin) { try ModelDeploymentRepository($0).allWithCredentials() }
        var loaded: [Deployment] = []
        var hidden: Set<String> = []
        for (model, sealed) in rows {
            var key: String?
            if let sealed {
                do { key = try secretBox?.open(sealed) } catch {
                    logger.error(
                        "cannot decrypt the credentials of a stored model; check LITELLM_SALT_KEY",
                        metadata: ["model": "\(model.modelName)", "id": "\(model.id.lowercased)"])
                }
            }
            let p: DeploymentParams
            do { p = try DeploymentParams(params: model.params, modelInfo: model.modelInfo) } catch {
                // A row saved before its numbers were checked: skipped (its requests get 404), never a crash at load.
                logger.error(
                    "a stored model has an invalid setting and is not served; fix it with /model/update",
                    metadata: ["model": "\(model.modelName)", "id": "\(model.id.lowercased)", "error": "\(error)"])
                continue
            }
            var base = model.apiBase
            if model.accountID == nil {
                // The super-admin catalogue names environment variables, never secrets; an inactive entry is not
                // served. An account's model never reads the server's environment.
                guard model.isActive else { continue }
                base = base ?? variable(model, "api_base_env_var")
                key = key ?? variable(model, "api_key_env_var")
            }
            let deployment = Deployment(
                id: model.id.lowercased, accountID: model.accountID, modelName: model.modelName,
                route: model.providerModel,
                apiBase: base, apiKey: key, apiVersion: model.apiVersion, rpm: p.rpm, tpm: p.tpm,
                weight: p.weight ?? 1,
                timeout: p.timeout ?? defaultTimeout, streamTimeout: p.streamTimeout, modelInfo: model.modelInfo,
                source: .store)
            guard Providers.isSupported(deployment.provider) else { continue }
            if model.accountID == nil, !model.visibleToAll { hidden.insert(deployment.id) }
            loaded.append(deployment)
        }
        lock.withLock {
            stored = loaded
            hiddenIDs = hidden
            fingerprint = current
        }
        rebuild()
        return true
    }

    /// The value of the environment variable a catalogue entry names in `model_info`, when set and not empty; a
    /// named variable that is unset is logged (the deployment is kept and fails upstream like one without a key).
    private func variable(_ model: ModelDeployment, _ field: String) -> String? {
        guard let name = model.modelInfo[field]?.stringValue else { return nil }
        // Read at each load, so a variable set after the start is picked up by the next reload.
        if let value = ProcessInfo.processInfo.environment[name], !value.isEmpty { return value }
        logger.warning(
            "a catalogue model names an environment variable that is not set",
            metadata: ["model": "\(model.modelName)", "field": "\(field)", "variable": "\(name)"])
        return nil
    }

    /// Polls the store every `interval` seconds until the task is cancelled; failures are logged and retried.
    public func startPolling(every interval: TimeInterval = 2) -> Task<Void, Never> {
        Task { [weak self] in
            while !Task.isCancelled {
                do { try await self?.refresh() } catch {
                    self?.logger.warning(
                        "model registry refresh failed; serving the last known models", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(nanoseconds: UInt64(interval * 1e9))
            }
        }
    }

    private func rebuild() {
        lock.lock()
        defer { lock.unlock() }
        var next = Snapshot(hidden: hiddenIDs)
        for d in config + stored { next.byAccount[d.accountID, default: [:]][d.modelName, default: []].append(d) }
        snapshot = next
    }
}
