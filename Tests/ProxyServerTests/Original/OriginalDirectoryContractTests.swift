import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Testing

/// Organizations and teams with the original's bodies (V1_CONTRACT.md "Directory"): `description`, `created_by`,
/// the copilot tree's `global` organization made with each account, 200 for creates, and the original's refusals.
@Suite struct OriginalDirectoryContractTests {
    @Test(arguments: StoreKind.available)
    func orgsAndTeamsAsTheCopilotClientUsesThem(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (_, admin) = try await ControlPlaneRouteTests.newAccount(s, "Tree")
            let orgs = try await s.call(.get, "/v1/copilot/orgs", token: admin).json["items"]?.arrayValue ?? []
            #expect(orgs.count == 1 && orgs.first?["name"] == "global" && orgs.first?["is_default_global"] == true)
            #expect(orgs.first?["description"] == "Default global organization")
            #expect(try await s.call(.get, "/v1/console/orgs", token: admin).json["items"] == [], "no console org")
            let org = try await s.call(
                .post, "/v1/copilot/orgs", token: admin, json: ["name": "Research", "description": "R&D"])
            #expect(org.status == .ok && org.json["item"]?["description"] == "R&D", "\(org.text)")
            #expect(
                org.json["item"]?["is_default_global"] == false && org.json["item"]?["created_by"]?.stringValue != nil)
            let orgID = try #require(org.json["item"]?["id"]?.stringValue)
            let team = try await s.call(
                .post, "/v1/copilot/teams", token: admin,
                json: ["org_id": .string(orgID), "name": "Agents", "description": "agent builders"])
            #expect(team.status == .ok && team.json["item"]?["description"] == "agent builders")
            #expect(team.json["item"]?["org_id"] == .string(orgID))
            let renamed = try await s.call(
                .patch, "/v1/copilot/orgs/\(orgID)", token: admin, json: ["description": "Research and development"])
            #expect(renamed.json["item"]?["description"] == "Research and development")
            // The audit as CC reads it: `?domain=copilot&limit=100` (the original answered 500 here).
            let audit = try await s.call(.get, "/v1/audit?domain=copilot&limit=100", token: admin)
            #expect(audit.status == .ok && audit.json["domain"] == "copilot", "\(audit.text)")
            let created = audit.json["items"]?.arrayValue?.first {
                $0["object_id"] == .string(orgID) && $0["action"] == "create"
            }
            #expect(
                created?["table_name"] == "Alchemi_CopilotOrgTable"
                    && created?["updated_values"]?["domain"] == "copilot")
            #expect(
                created?["updated_values"]?["name"] == "Research" && created?["id"] != nil
                    && created?["updated_at"] != nil)
            let paged = try await s.call(.get, "/v1/audit?domain=all&limit=1&offset=1", token: admin)
            #expect(paged.json["items"]?.arrayValue?.count == 1)
            #expect(try await s.call(.get, "/v1/audit?domain=both", token: admin).status == .unprocessableContent)
            for (path, json, status, detail) in [
                ("/v1/copilot/orgs", ["name": "global"], 409, "copilot org already exists"),
                (
                    "/v1/copilot/teams", ["org_id": .string(orgID), "name": "agents"], 409,
                    "copilot team already exists"
                ),
                (
                    "/v1/copilot/teams", ["org_id": .string(UUID().uuidString), "name": "x"], 404,
                    "copilot org not found"
                ),
                ("/v1/console/teams", ["org_id": .string(orgID), "name": "x"], 404, "console org not found"),
            ] as [(String, JSONValue, Int, String)] {
                let refused = try await s.call(.post, path, token: admin, json: json)
                #expect(
                    refused.status.code == status && refused.json["detail"] == .string(detail),
                    "\(path): \(refused.text)")
            }
        }
    }
}
