@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// `/organization/member_add|update|delete` with LiteLLM's shapes: members by id or email (a new email becomes a
/// user), roles, `/organization/info` listing them, refusals (org_admin, unknown fields, wrong tenant, a key) and the
/// error envelope.
@Suite struct LiteLLMOrganizationMemberTests {
    @Test(arguments: StoreKind.available)
    func membersAreAddedChangedListedAndRemoved(kind: StoreKind) async throws {
        try await GatewayHarness.with(kind) { g in
            let account = JSONValue.string(g.accountID.lowercased)
            let org = try #require(
                try await g.call(
                    .post, "/organization/new", json: ["account_id": account, "organization_alias": "Eng"]
                )
                .json["organization_id"]?.stringValue)
            let user = try #require(
                try await g.call(
                    .post, "/user/new",
                    json: ["account_id": account, "user_email": "ann@gw.test", "auto_create_key": false]
                ).json["user_id"]?.stringValue)
            let added = try await g.call(
                .post, "/organization/member_add",
                json: [
                    "account_id": account, "organization_id": .string(org),
                    "member": [
                        ["user_id": .string(user), "role": "internal_user"],
                        ["user_email": "New@gw.test", "role": "internal_user_viewer"],
                    ],
                ])
            #expect(added.status == 200, "\(added.text)")
            let memberships = try #require(added.json["updated_organization_memberships"]?.arrayValue)
            #expect(memberships.map { $0["user_role"] } == ["internal_user", "internal_user_viewer"])
            #expect(added.json["updated_users"]?.arrayValue?.last?["user_email"] == "new@gw.test")

            let updated = try await g.call(
                .patch, "/organization/member_update",
                json: [
                    "account_id": account, "organization_id": .string(org), "user_email": "new@gw.test",
                    "role": "internal_user",
                ])
            #expect(updated.json["user_role"] == "internal_user" && updated.json["organization_id"] == .string(org))
            let info = try await g.call(
                .get, "/organization/info?organization_id=\(org)&account_id=\(g.accountID.lowercased)")
            #expect(info.json["members"]?.arrayValue?.count == 2)
            let removed = try await g.call(
                .delete, "/organization/member_delete",
                json: ["account_id": account, "organization_id": .string(org), "user_id": .string(user)])
            #expect(
                removed.status == 200 && removed.json["user_id"] == .string(user) && removed.json["deleted"] == true)
            let again = try await g.call(
                .delete, "/organization/member_delete",
                json: ["account_id": account, "organization_id": .string(org), "user_id": .string(user)])
            #expect(again.status == 200 && again.json["deleted"] == false, "removing is idempotent")
            let stranger = try await g.call(
                .delete, "/organization/member_delete",
                json: ["account_id": account, "organization_id": .string(org), "user_id": .string(UUID().lowercased)])
            #expect(stranger.status == 404 && stranger.json["error"]?["type"] != nil)

            // Refusals change nothing.
            for bad: JSONValue in [
                [
                    "account_id": account, "organization_id": .string(org),
                    "member": ["user_id": .string(user), "role": "org_admin"],
                ],
                [
                    "account_id": account, "organization_id": .string(org),
                    "member": ["user_id": .string(user), "nick": "x"],
                ],
                [
                    "account_id": account, "organization_id": .string(org), "member": ["user_id": .string(user)],
                    "max_budget_in_organization": 5,
                ],
                ["account_id": account, "organization_id": .string(org)],
            ] {
                let answer = try await g.call(.post, "/organization/member_add", json: bad)
                #expect(answer.status == 400, "\(bad): \(answer.text)")
            }
            let unknownOrg = try await g.call(
                .post, "/organization/member_add",
                json: [
                    "account_id": account, "organization_id": .string(UUID().lowercased),
                    "member": ["user_id": .string(user)],
                ])
            #expect(unknownOrg.status == 404)
            let key = try await g.newKey()
            #expect(
                try await g.call(
                    .post, "/organization/member_add", key: key,
                    json: ["organization_id": .string(org), "member": ["user_id": .string(user)]]
                ).status == 403)
            let audit = try await g.cockpit.reports.audit(account: g.accountID, page: PageRequest(limit: 50)).items
            #expect(
                audit.contains { $0.action == "organization.member_add" && $0.objectType == "organization_membership" })
        }
    }
}
