import CockpitAPI
@testable import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Testing

/// `/v1/accounts/{id}/sso` with the original's bodies: secrets sealed at rest and masked on every read, settings
/// merged (a form posting the mask back keeps the secret), the empty row before any save, refusals and error shapes.
@Suite struct AccountSSORouteTests {
    @Test(arguments: StoreKind.available)
    func theOriginalsSSOFormRoundTrips(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (account, admin) = try await ControlPlaneRouteTests.newAccount(s, "Sso")
            let path = "/v1/accounts/\(account)/sso"
            let empty = try await s.call(.get, path)
            #expect(
                empty.json == [
                    "id": .null, "account_id": .string(account), "sso_provider": .null, "enabled": false,
                    "sso_settings": [:],
                ], "\(empty.text)")
            // TA's form: the non-empty ones of the provider's fields.
            let saved = try await s.call(
                .post, path,
                json: [
                    "sso_provider": "microsoft", "enabled": true,
                    "sso_settings": [
                        "microsoft_client_id": "cid", "microsoft_client_secret": "s3cret-value",
                        "microsoft_tenant": "t1",
                    ],
                ])
            #expect(saved.status == .ok && saved.json == ["status": "ok"], "\(saved.text)")
            let read = try await s.call(.get, path)
            #expect(read.json["sso_provider"] == "microsoft" && read.json["enabled"] == true)
            #expect(read.json["sso_settings"]?["microsoft_client_secret"] == .string(AccountSSO.mask))
            #expect(read.json["sso_settings"]?["microsoft_client_id"] == "cid" && read.json["id"]?.stringValue != nil)
            #expect(!read.text.contains("s3cret-value"), "the secret never comes back")
            let stored = try await s.cockpit.database.read(.superAdmin) { tx in
                try tx.queryOne("SELECT settings, sealed_settings FROM account_sso")!
            }
            #expect(
                !(stored.optionalString("sealed_settings") ?? "").contains("s3cret-value")
                    && !(stored.optionalString("settings") ?? "").contains("s3cret"), "sealed at rest")
            // The form posts back what it read: the mask and an empty field keep what is stored; a new key merges.
            let again = try await s.call(
                .post, path,
                json: [
                    "sso_provider": "microsoft", "enabled": false,
                    "sso_settings": [
                        "microsoft_client_secret": .string(AccountSSO.mask), "microsoft_tenant": "",
                        "generic_client_id": .null, "extra": "x",
                    ],
                ])
            #expect(again.status == .ok)
            let opened = try await s.cockpit.acting(as: .system).sso.get(UUID(uuidString: account)!)
            #expect(
                opened.enabled == false && opened.settings["microsoft_tenant"] == "t1"
                    && opened.settings["extra"] == "x")
            #expect(
                try AccountSSOService.open(
                    try await s.cockpit.database.read(.superAdmin) {
                        try $0.queryOne("SELECT sealed_settings FROM account_sso")!.optionalString("sealed_settings")
                    }, box: try SecretBox(secret: ServerHarness.masterKey)) == [
                        "microsoft_client_secret": "s3cret-value"
                    ], "the masked post kept the secret")
            // The bundle carries the masked row.
            let bundle = try await s.call(.get, "/v1/accounts/\(account)")
            #expect(!bundle.text.contains("s3cret-value"))
            #expect(
                bundle.json["item"]?["sso_config"]?["sso_settings"]?["microsoft_client_secret"]
                    == .string(AccountSSO.mask))
            // Refusals: an account admin, an unknown account, a bad body.
            #expect(try await s.call(.get, path, token: admin).status == .forbidden)
            #expect(try await s.call(.post, path, token: admin, json: ["enabled": true]).status == .forbidden)
            let unknown = try await s.call(.post, "/v1/accounts/\(UUID())/sso", json: ["enabled": true])
            #expect(unknown.status == .notFound && unknown.json["detail"]?.stringValue != nil)
            let badType = try await s.call(.post, path, json: ["enabled": "maybe"])
            #expect(
                badType.status == .unprocessableContent
                    && badType.json["detail"] == "enabled has the wrong type or format")
            let secretNumber = try await s.call(.post, path, json: ["sso_settings": ["client_secret": 5]])
            #expect(secretNumber.status == .badRequest && secretNumber.text.contains("sso_settings.client_secret"))
            // Delete, then nothing to delete.
            #expect(try await s.call(.delete, path).json == ["status": "ok", "deleted": true])
            #expect(try await s.call(.delete, path).json == ["status": "ok", "deleted": false])
            #expect(try await s.call(.get, path).json["id"] == .null)
        }
    }
}
