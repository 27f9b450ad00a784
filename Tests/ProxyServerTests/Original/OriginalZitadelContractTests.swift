import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// The original's Zitadel provisioning routes with its example bodies (V1_CONTRACT.md, "Zitadel"): the check order
/// 404 → 400 project → client, per-item statuses that never fail the call, prefixes, the admin map, and the plan.
@Suite struct OriginalZitadelContractTests {
    static func withServer(
        pat: Bool = true,
        _ body: @escaping @Sendable (FakeZitadelManagement, ServerHarness, String) async throws -> Void
    ) async throws {
        try await ZitadelManagementTests.withManagement { fake, _, http, issuer in
            let settings = ZitadelSettings(issuer: issuer, projectID: "p", pat: pat ? await fake.pat : nil)
            try await ServerHarness.with(.sqlite, zitadel: ZitadelVerifier(settings: settings, http: http)) { s in
                let created = try await s.call(
                    .post, "/v1/accounts",
                    json: ["account_name": "Acme", "domain": "acme.io", "admin_email": "Admin@Acme.io"])
                try await body(fake, s, try #require(created.json["account_id"]?.stringValue))
            }
        }
    }

    @Test func bootstrapAndSyncAnswerAsTheOriginal() async throws {
        try await Self.withServer { fake, s, account in
            let base = "/v1/accounts/\(account)/zitadel/provision"
            let early = try await s.call(.post, "\(base)/sync-roles", json: [:])
            #expect(
                early.status == .badRequest
                    && early.json["detail"] == "project_id missing in request and account zitadel config")
            #expect(
                try await s.call(.post, "/v1/accounts/\(UUID())/zitadel/provision/sync-roles", json: [:]).status
                    == .notFound)

            let plan = try await s.call(.get, "\(base)/plan?role_prefix=acme_")
            #expect(plan.json["account_id"] == .string(account) && plan.json["zitadel_config"]?["enabled"] == true)
            #expect(plan.json["zitadel_config"]?["role_mappings"]?["account_admin"] == "acme_account_admin")
            #expect(
                plan.json["standard_roles"]?.arrayValue?.first == [
                    "key": "acme_account_admin", "display_name": "Account Admin", "group": "account",
                    "base_key": "account_admin",
                ])
            let planned = try #require(plan.json["account_admins"]?.arrayValue?.first)
            #expect(planned["user_email"] == "admin@acme.io" && planned["resolved_role_keys"] == ["acme_account_admin"])
            #expect(await fake.writes.isEmpty)

            let project = "305924551714316751"
            let admin = await fake.addUser(email: "admin@acme.io")
            // Seeded so the original's body (which names its project) finds it in the fake.
            await fake.insertProject(id: project, name: "console")
            let dry = try await s.call(
                .post, "\(base)/bootstrap",
                json: [
                    "project_id": .string(project), "role_prefix": "acme_", "dry_run": true,
                    "user_id_by_email": [" ADMIN@acme.io ": .string(admin)],
                ])
            #expect(dry.json["status"] == "ok" && dry.json["summary"]?["dry_run"] == true)
            #expect(
                dry.json["summary"]?["role_sync_summary"] == ["created": 0, "exists": 0, "skipped": 6, "failed": 0])
            #expect(
                dry.json["result"]?["admin_grants"]?["grants"]?.arrayValue?.first?["reason"] == "dry_run"
                    && dry.json["summary"]?["config_updated"] == false)
            #expect(await fake.writes.isEmpty, "a dry run writes nothing")

            let run = try await s.call(
                .post, "\(base)/bootstrap",
                json: [
                    "project_id": .string(project), "role_prefix": "acme_",
                    "user_id_by_email": ["admin@acme.io": .string(admin)],
                ])
            #expect(run.status == .ok && run.json["summary"]?["project_id"] == .string(project))
            #expect(run.json["summary"]?["role_sync_summary"]?["created"] == 6)
            #expect(run.json["summary"]?["admin_grant_summary"]?["created"] == 1)
            #expect(run.json["summary"]?["config_updated"] == true && run.json["summary"]?["unresolved_admins"] == [])
            #expect(
                run.json["result"]?["zitadel_config"]?["account_id_claim"] == "alchemi:account_id"
                    && run.json["result"]?["zitadel_config"]?["product_domains_claim"] == "product_domains_allowed")
            #expect(await fake.roleKeys(project: project).allSatisfy { $0.hasPrefix("acme_") })
            #expect(await fake.grants(of: admin).map(\.roleKeys) == [["acme_account_admin"]])
            let stored = try await s.call(.get, "/v1/accounts/\(account)/zitadel/config")
            #expect(stored.json["zitadel_config"]?["project_id"] == .string(project))

            // The same again: everything exists; without skip_existing the same is a failure, never a failed call.
            let again = try await s.call(.post, "\(base)/sync-roles", json: ["role_prefix": "acme_", "dry_run": true])
            #expect(again.header("x-cockpit-ignored-fields") == "dry_run", "sync-roles takes no dry_run")
            #expect(again.json["result"]?["summary"] == ["created": 0, "exists": 6, "skipped": 0, "failed": 0])
            let strict = try await s.call(
                .post, "\(base)/sync-roles", json: ["role_prefix": "acme_", "skip_existing": false])
            #expect(strict.status == .ok && strict.json["result"]?["summary"]?["failed"] == 6)
            #expect(
                strict.json["result"]?["results"]?.arrayValue?.first == [
                    "key": "acme_account_admin", "status": "failed", "message": "already exists",
                ])

            let ghost = try await s.call(.post, "/v1/accounts/\(account)/admins", json: ["user_email": "ghost@acme.io"])
            #expect(ghost.status == .ok)
            let grants = try await s.call(
                .post, "\(base)/sync-admin-grants",
                json: [
                    "user_id_by_email": ["admin@acme.io": .string(admin), " ": "x"],
                    "default_role_keys": ["acme_end_user"],
                ])
            let result = try #require(grants.json["result"])
            #expect(result["admins_total"] == 2 && result["grants_summary"]?["created"] == 1)
            #expect(
                result["unresolved_admins"] == [
                    [
                        "email": "ghost@acme.io", "role": "account_admin", "reason": "user_id_not_found",
                        "role_keys": ["acme_account_admin", "acme_end_user"],
                    ]
                ])
            #expect(await fake.grants(of: admin).map { Set($0.roleKeys) } == [["acme_account_admin", "acme_end_user"]])
            let ghostID = await fake.addUser(email: "ghost@acme.io")
            let looked = try await s.call(
                .post, "\(base)/sync-admin-grants", json: ["resolve_user_ids_from_zitadel": true])
            #expect(looked.json["result"]?["resolved_user_ids"]?["ghost@acme.io"] == .string(ghostID))
        }
    }

    @Test func singleStepsAndTheirRefusals() async throws {
        try await Self.withServer { fake, s, account in
            let base = "/v1/accounts/\(account)/zitadel/provision"
            let project = "305924551714316751"
            await fake.insertProject(id: project, name: "console")
            let body: JSONValue = [
                "key": "auditor", "display_name": "Auditor", "group": "iam", "project_id": .string(project),
            ]
            let role = try await s.call(.post, "\(base)/project-role", json: body)
            #expect(role.json["status"] == "ok" && role.json["result"]?["status"] == "created")
            #expect(try await s.call(.post, "\(base)/project-role", json: body).json["result"]?["status"] == "exists")
            #expect(
                try await s.call(.post, "\(base)/project-role", json: ["key": "x", "project_id": .string(project)])
                    .status == .badRequest, "display_name is required")

            var reviewer = body.objectValue!
            (reviewer["key"], reviewer["display_name"]) = ("reviewer", "Reviewer")
            #expect(try await s.call(.post, "\(base)/project-role", json: .object(reviewer)).status == .ok)
            let bob = await fake.addUser(email: "bob@acme.io")
            let grant = try await s.call(
                .post, "\(base)/user-grant",
                json: ["user_id": .string(bob), "role_keys": ["auditor"], "project_id": .string(project)])
            #expect(grant.json["status"] == "ok" && grant.json["result"]?["userGrantId"]?.stringValue != nil)
            let byEmail = try await s.call(
                .post, "\(base)/user-grant",
                json: ["email": "bob@acme.io", "role_keys": ["reviewer"], "project_id": .string(project)])
            #expect(byEmail.json["result"]?["outcome"] == "extended")
            #expect(await fake.grants(of: bob).map { Set($0.roleKeys) } == [["auditor", "reviewer"]])
            let empty = try await s.call(
                .post, "\(base)/user-grant",
                json: ["user_id": .string(bob), "role_keys": [], "project_id": .string(project)])
            #expect(empty.status == .badRequest && empty.json["detail"] == "role_keys cannot be empty")
            let noProject = try await s.call(
                .post, "\(base)/user-grant", json: ["user_id": .string(bob), "role_keys": ["a"]])
            #expect(noProject.json["detail"] == "project_id missing in request and account zitadel config")
            await fake.failNext([503, 503, 503])
            let down = try await s.call(
                .post, "\(base)/user-grant",
                json: ["user_id": .string(bob), "role_keys": ["x"], "project_id": .string(project)])
            #expect(
                down.status == .badGateway
                    && down.json["detail"]?.stringValue?.hasPrefix("Failed to provision Zitadel user grant: ") == true)
            let audit = try await s.call(
                .get, "/v1/audit?domain=iam&limit=5", headers: [.init("X-Account-Id")!: account])
            #expect(audit.json.items.contains { $0["event"] == "zitadel.provision.user_grant" })
        }
    }

    @Test func withoutAManagementClientTheOriginalsErrorsInItsOrder() async throws {
        try await Self.withServer(pat: false) { _, s, account in
            let base = "/v1/accounts/\(account)/zitadel/provision"
            #expect(try await s.call(.get, "\(base)/plan").status == .ok, "the plan calls no one")
            let sync = try await s.call(.post, "\(base)/sync-roles", json: ["project_id": "1"])
            #expect(sync.status == .badRequest && sync.json["detail"] == "Zitadel management client is not configured")
            let grants = try await s.call(.post, "\(base)/sync-admin-grants", json: [:])
            #expect(grants.json["detail"] == "project_id missing in request and account zitadel config")
            let grant = try await s.call(
                .post, "\(base)/user-grant", json: ["user_id": "1", "role_keys": ["a"], "project_id": "1"])
            #expect(
                grant.status == .badGateway
                    && grant.json["detail"]
                        == "Failed to provision Zitadel user grant: Zitadel management client is not configured"
            )
            let dry = try await s.call(.post, "\(base)/bootstrap", json: ["project_id": "1", "dry_run": true])
            #expect(dry.status == .badRequest, "create_project_roles needs the client even for a dry run")
            let plain = try await s.call(
                .post, "\(base)/bootstrap",
                json: [
                    "project_id": "1", "dry_run": true, "create_project_roles": false,
                    "user_id_by_email": ["admin@acme.io": "42"],
                ])
            #expect(plain.status == .ok && plain.json["summary"]?["admin_grant_summary"]?["skipped"] == 1)
            let status = try await s.call(.get, "/v1/auth/zitadel/status")
            #expect(
                status.json["zitadel_configured"] == true && status.json["enabled"] == false
                    && status.json["auth_provider"] == "master_key" && status.json["account_id"] == .null)
        }
    }
}
