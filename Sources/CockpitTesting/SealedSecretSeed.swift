import CockpitCore
import Foundation

/// Sealed secrets in every place the store keeps them, for the key-rotation tests: per account a provider credential,
/// SSO secrets and a connection secret, plus a global provider credential and one sealed before key ids (`enc:v1`).
/// Every value is sealed by the core it is seeded through (its current key); `plaintexts` says what each row holds.
package struct SealedSecretSeed: Sendable {
    /// The secret of each seeded row, by place and row id (for SSO rows: the client secret inside the object).
    package var plaintexts: [SealedSecretPlace: [UUID: String]] = [:]

    /// Every seeded row as (place, id).
    package var rows: [(SealedSecretPlace, UUID)] {
        plaintexts.flatMap { place, ids in ids.keys.map { (place, $0) } }.sorted {
            ($0.0.rawValue, $0.1) < ($1.0.rawValue, $1.1)
        }
    }

    /// The number of seeded rows in `place`.
    package func count(_ place: SealedSecretPlace) -> Int { plaintexts[place]?.count ?? 0 }

    /// Seeds the rows through `cockpit` (whose settings must name a salt key and allow models in the store) for each
    /// of `accounts`; `tag` makes each plaintext unique to the call.
    package static func seed(_ cockpit: Cockpit, accounts: [UUID], tag: String) async throws -> SealedSecretSeed {
        var seed = SealedSecretSeed()
        for (n, account) in accounts.enumerated() {
            let key = "sk-\(tag)-provider-\(n)-0123456789"
            let model = try await cockpit.modelCatalog.upsert(
                ModelInput(modelName: "m-\(tag)-\(n)", providerModel: "openai/gpt-4o", apiKey: key), account: account)
            seed.plaintexts[.providerCredentials, default: [:]][model.id] = key
            let ssoSecret = "\(tag)-sso-client-secret-\(n)"
            let sso = try await cockpit.sso.save(
                account, provider: "okta", enabled: true,
                settings: ["client_id": .string("client-\(n)"), "client_secret": .string(ssoSecret)])
            seed.plaintexts[.sso, default: [:]][try need(sso.id)] = ssoSecret
            let connectionSecret = "{\"api_key\":\"\(tag)-connection-secret-\(n)\"}"
            let box = try need(cockpit.context.secretBox)
            let id = try await insertConnection(
                cockpit.database, account: account, sealed: try box.seal(connectionSecret), keyID: box.keyID)
            seed.plaintexts[.connections, default: [:]][id] = connectionSecret
        }
        let global = "sk-\(tag)-global-provider-0123456789"
        let model = try await cockpit.modelCatalog.upsert(
            ModelInput(modelName: "global-\(tag)", providerModel: "openai/gpt-4o", apiKey: global))
        seed.plaintexts[.providerCredentials, default: [:]][model.id] = global
        // Sealed before key ids: the same ciphertext written as `enc:v1:<b64>`.
        let old = "sk-\(tag)-v1-provider-0123456789"
        let v1 = try await cockpit.modelCatalog.upsert(
            ModelInput(modelName: "v1-\(tag)", providerModel: "openai/gpt-4o", apiKey: old))
        try await cockpit.database.write(.superAdmin) { tx in
            let sealed = try need(try ModelDeploymentRepository(tx).encryptedCredentials(v1.id))
            let body = sealed.split(separator: ":", maxSplits: 3).last.map(String.init) ?? ""
            try tx.execute(
                "UPDATE model_deployments SET credentials = $1 WHERE id = $2", [.text("enc:v1:" + body), .uuid(v1.id)])
        }
        seed.plaintexts[.providerCredentials, default: [:]][v1.id] = old
        return seed
    }

    /// Inserts a connection row holding `sealed` directly (as the connection service stores one).
    package static func insertConnection(
        _ database: Database, account: UUID, sealed: String, keyID: String
    ) async throws -> UUID {
        let id = UUID()
        try await database.write(.account(account)) { tx in
            try tx.execute(
                """
                INSERT INTO copilot_connections (id, account_id, connection_type, name, credential_visibility,
                    config_json, secret_sealed, secret_key_id, created_by, created_at, updated_at)
                VALUES ($1, $2, 'openapi', $3, 'use_only', $4, $5, $6, 'test', $7, $7)
                """,
                [
                    .uuid(id), .uuid(account), .text("conn-\(id.lowercased.prefix(8))"),
                    .json(["base_url": "https://api.example.com"]), .text(sealed), .text(keyID), .timestamp(Date()),
                ])
        }
        return id
    }

    /// The sealed text of a row as stored (for SSO rows: the text inside the object), or nil when it holds none.
    package static func sealed(_ database: Database, _ place: SealedSecretPlace, _ id: UUID) async throws -> String? {
        let column = [
            "copilot_connections": "secret_sealed", "model_deployments": "credentials",
            "account_sso": "sealed_settings",
        ][place.table]!
        let stored = try await database.read(.superAdmin) { tx in
            try tx.queryOne("SELECT \(column) AS v FROM \(place.table) WHERE id = $1", [.uuid(id)])?.optionalString("v")
        }
        guard place == .sso, let stored else { return stored }
        return try JSONValue.parse(stored)["sealed"]?.stringValue
    }

    /// A value the seeding needs (a salt key, an id the store gave).
    static func need<T>(_ value: T?) throws -> T {
        guard let value else { throw CockpitError.unavailable("sealed-secret seed: a value is missing") }
        return value
    }

    /// Opens a row's sealed text with `box`: the plaintext of a provider credential or connection secret, or the
    /// SSO client secret.
    package static func open(_ sealed: String, _ place: SealedSecretPlace, with box: SecretBox) throws -> String? {
        let plain = try box.open(sealed)
        return place == .sso ? try JSONValue.parse(plain)["client_secret"]?.stringValue : plain
    }
}
