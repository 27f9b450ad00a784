@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// The original's connection rules in the core (V1_CONTRACT.md "Connections"): the check order and texts, type
/// normalisation, PATCH merging, `{}` keeping the secret, secrets sealed with a key id and opened only for Composio's
/// `api_key` rule.
@Suite struct ConnectionServiceTests {
    typealias T = ConnectionTesting

    @Test(arguments: StoreKind.available)
    func createListGetPatchDeleteWithTheOriginalsRules(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = T.cockpit(db), service = cockpit.connections
            let a = try await TenantFixture.make(cockpit, name: "Acme").account.id
            let openapi = try await service.create(
                account: a, type: " OpenAPI ",
                ConnectionInput(
                    name: "Petstore", config: .object(["spec_url": .string("https://petstore3.swagger.io/api.json")]),
                    secret: .object(["api_key": .string(T.plainSecret)])))
            #expect(
                openapi.type == .openapi && openapi.credentialVisibility == .useOnly && !openapi.allowUserSelfManage)
            #expect(openapi.hasSecret && openapi.description == nil)
            let composio = try await service.create(
                account: a, type: "integration",
                ConnectionInput(
                    name: "Composio", credentialVisibility: "self_managed", allowUserSelfManage: true,
                    config: .object(["auth_mode": .string(" OAuth ")])))
            #expect(composio.type == .composio && !composio.hasSecret && composio.credentialVisibility == .selfManaged)
            // Stored sealed under the installation's key, with its id beside it.
            let (sealed, keyID) = try await T.sealedColumns(db, openapi)
            let box = try SecretBox(secret: T.saltKey)
            #expect(sealed?.hasPrefix("enc:v2:\(box.keyID):") == true && keyID == box.keyID)
            #expect(sealed?.contains(T.plainSecret) == false)
            #expect(try JSONValue.parse(try box.open(sealed ?? "")) == .object(["api_key": .string(T.plainSecret)]))
            #expect(try await T.sealedColumns(db, composio) == (nil, nil))

            #expect(try await service.list(account: a).map(\.id) == [composio.id, openapi.id])
            #expect(try await service.list(account: a, type: "INTEGRATION").map(\.id) == [composio.id])
            #expect(try await service.list(account: a, type: "").count == 2)
            await #expect(throws: CockpitError.badRequest("connection_type must be openapi|mcp|composio")) {
                try await service.list(account: a, type: " ")
            }
            #expect(try await service.get(account: a, id: openapi.id.uuidString) == openapi)
            await #expect(throws: CockpitError.notFound("Connection")) {
                try await service.get(account: a, id: "not-an-id")
            }

            // PATCH merges: null keeps, config replaced wholesale, `{}` keeps the secret.
            let patched = try await service.update(
                account: a, id: openapi.id.lowercased,
                ConnectionPatch(
                    description: "the pet store", config: .object(["base_url": .string("https://x.io")]),
                    secret: .emptyObject))
            #expect(patched.name == "Petstore" && patched.description == "the pet store")
            #expect(patched.config == .object(["base_url": .string("https://x.io")]) && patched.type == .openapi)
            #expect(try await T.sealedColumns(db, patched).sealed == sealed)
            let resealed = try await service.update(
                account: a, id: openapi.id.lowercased, ConnectionPatch(secret: .object(["token": .string("t2")])))
            let newSealed = try await T.sealedColumns(db, resealed).sealed
            let opened = try box.open(newSealed ?? "")
            #expect(newSealed != sealed && opened == #"{"token":"t2"}"#)
            #expect(resealed.description == "the pet store", "a description is kept when not sent")

            #expect(try await service.delete(account: a, id: openapi.id.lowercased))
            #expect(try await !service.delete(account: a, id: openapi.id.lowercased))
            #expect(try await !service.delete(account: a, id: "nothing"))
            #expect(try await service.list(account: a).map(\.id) == [composio.id])
        }
    }

    @Test(arguments: StoreKind.available)
    func theOriginalsChecksRunInItsOrder(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = T.cockpit(db), service = cockpit.connections
            let a = try await TenantFixture.make(cockpit, name: "Acme").account.id
            func refused(_ type: String, _ input: ConnectionInput, _ text: String) async {
                await #expect(throws: CockpitError.badRequest(text)) {
                    try await service.create(account: a, type: type, input)
                }
            }
            let bad = ConnectionInput(name: " ", credentialVisibility: "USE_ONLY", config: .emptyObject)
            await refused("graphql", bad, "connection_type must be openapi|mcp|composio")
            await refused("composio", bad, "credential_visibility must be use_only|self_managed")
            await refused("composio", ConnectionInput(name: "\t"), "name is required")
            await refused(
                "composio", ConnectionInput(name: "C"), "composio config_json.auth_mode must be oauth|api_key")
            await refused(
                "composio", ConnectionInput(name: "C", config: .object(["auth_mode": .bool(true)])),
                "composio config_json.auth_mode must be oauth|api_key")
            let apiKey = JSONValue.object(["auth_mode": .string("API_KEY")])
            for secret: JSONValue in [
                .emptyObject, .object(["api_key": .string("  ")]), .object(["api_key": .number(0)]),
                .object(["api_key": .bool(false)]), .object(["api_key": .null]), .object(["api_key": .array([])]),
            ] {
                await refused(
                    "composio", ConnectionInput(name: "C", config: apiKey, secret: secret),
                    "composio api_key mode requires secret_json.api_key")
            }
            // Python's str(value or "") of a number or true is not blank: the original let them through.
            _ = try await service.create(
                account: a, type: "composio",
                ConnectionInput(name: "C", config: apiKey, secret: .object(["api_key": .number(7)])))
            // The other types take any config, no field added.
            let mcp = try await service.create(account: a, type: "mcp", ConnectionInput(name: "M"))
            #expect(mcp.config == .emptyObject)
        }
    }

    @Test(arguments: StoreKind.available)
    func aPatchChecksTheMergedValuesAndComposiosStoredSecret(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = T.cockpit(db), service = cockpit.connections
            let a = try await TenantFixture.make(cockpit, name: "Acme").account.id
            let c = try await service.create(
                account: a, type: "composio",
                ConnectionInput(
                    name: "C", config: .object(["auth_mode": .string("api_key")]),
                    secret: .object(["api_key": .string(T.plainSecret)])))
            let id = c.id.lowercased
            // No secret sent: the stored one (opened) satisfies the api_key rule.
            let renamed = try await service.update(account: a, id: id, ConnectionPatch(name: "Renamed"))
            #expect(renamed.name == "Renamed" && renamed.hasSecret)
            // A secret sent is what the rule reads, `{}` included (it would keep the stored one, but is checked first).
            await #expect(throws: CockpitError.badRequest("composio api_key mode requires secret_json.api_key")) {
                try await service.update(account: a, id: id, ConnectionPatch(secret: .emptyObject))
            }
            await #expect(throws: CockpitError.badRequest("composio config_json.auth_mode must be oauth|api_key")) {
                try await service.update(account: a, id: id, ConnectionPatch(config: .emptyObject))
            }
            await #expect(throws: CockpitError.badRequest("credential_visibility must be use_only|self_managed")) {
                try await service.update(account: a, id: id, ConnectionPatch(name: " ", credentialVisibility: "all"))
            }
            await #expect(throws: CockpitError.badRequest("name is required")) {
                try await service.update(account: a, id: id, ConnectionPatch(name: " "))
            }
            await #expect(throws: CockpitError.notFound("Connection")) {
                try await service.update(account: UUID(), id: id, ConnectionPatch(name: " "))
            }
            // Switching to oauth needs no key.
            let oauth = try await service.update(
                account: a, id: id, ConnectionPatch(config: .object(["auth_mode": .string("oauth")])))
            #expect(oauth.config["auth_mode"] == .string("oauth"))
            #expect(try await service.get(account: a, id: id).name == "Renamed", "refused patches changed nothing")
        }
    }

    @Test(arguments: StoreKind.available)
    func withoutASaltKeyASecretIsRefusedAndNothingIsStored(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = T.cockpit(db, sealing: false), service = cockpit.connections
            let a = try await TenantFixture.make(cockpit, name: "Acme").account.id
            await #expect(
                throws: CockpitError.invalid(
                    field: "secret_json", reason: "cannot be stored: set LITELLM_SALT_KEY (or LITELLM_MASTER_KEY) first"
                )
            ) {
                try await service.create(
                    account: a, type: "mcp", ConnectionInput(name: "M", secret: .object(["token": .string("x")])))
            }
            #expect(try await service.list(account: a).isEmpty)
            // No secret (or `{}`) needs no key.
            let c = try await service.create(account: a, type: "mcp", ConnectionInput(name: "M", secret: .emptyObject))
            #expect(!c.hasSecret)
        }
    }

    @Test(arguments: StoreKind.available)
    func anotherAccountsConnectionIsNotFound(kind: StoreKind) async throws {
        try await TestStores.with(kind) { (db: Database) async throws in
            let cockpit = T.cockpit(db), service = cockpit.connections
            let a = try await TenantFixture.make(cockpit, name: "Acme").account.id
            let b = try await TenantFixture.make(cockpit, name: "Beta").account.id
            let theirs = try await service.create(account: b, type: "mcp", ConnectionInput(name: "Theirs"))
            let id = theirs.id.lowercased
            await #expect(throws: CockpitError.notFound("Connection")) { try await service.get(account: a, id: id) }
            await #expect(throws: CockpitError.notFound("Connection")) {
                try await service.update(account: a, id: id, ConnectionPatch(name: "Mine"))
            }
            #expect(try await !service.delete(account: a, id: id))
            #expect(try await service.list(account: a).isEmpty)
            #expect(try await service.get(account: b, id: id).name == "Theirs")
        }
    }
}
