import CockpitAPI
import CockpitCore
import Foundation
import HTTPTypes
import Testing

/// Bodies are read strictly: a field the route does not take is refused by name and changes nothing, a change body
/// tells an absent field (leave) from `null` (clear), and a number that does not fit its field is named.
@Suite struct WireFieldsTests {
    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try WireFields.decodeStrictly(T.self, from: Data(json.utf8))
    }

    @Test func aChangeTellsAbsentFromNull() throws {
        let change = try Self.decode(NodeChange.self, #"{"max_budget": null, "name": "Ops"}"#)
        #expect(change.name == .value("Ops") && change.maxBudget == .null && change.metadata == .absent)
        #expect(try change.patch().maxBudget == .some(nil), "null clears the budget")
        let encoded = String(
            decoding: try APIJSON.encode(NodeChange(name: .value("Ops"), maxBudget: .null)), as: UTF8.self)
        #expect(
            encoded.contains(#""max_budget":null"#) && !encoded.contains("metadata"), "absent is left out: \(encoded)")
        #expect(throws: CockpitError.invalid(field: "name", reason: "must not be null")) {
            try Self.decode(NodeChange.self, #"{"name": null}"#).patch()
        }
    }

    @Test func anUnknownFieldIsRefusedByName() throws {
        #expect(throws: WireFields.UnknownField.self) { try Self.decode(BudgetLimits.self, #"{"rpm": 5}"#) }
        do {
            _ = try Self.decode(GrantCreate.self, #"{"model_name": "m", "scope": "account", "access_mode": "deny"}"#)
            Issue.record("access_mode was silently dropped")
        } catch let error as WireFields.UnknownField {
            #expect(error.name == "access_mode" && error.message.contains("it takes"))
        }
        #expect(try Self.decode(BudgetLimits.self, #"{"rpm_limit": 5}"#).rpmLimit == 5)
    }

    @Test func aNumberThatDoesNotFitIsNamed() throws {
        for body in [#"{"rpm_limit": 1.5}"#, #"{"max_budget": 2, "rpm_limit": 1e300}"#] {
            do {
                _ = try Self.decode(BudgetLimits.self, body)
                Issue.record("\(body) was accepted")
            } catch DecodingError.dataCorrupted(let c) {
                #expect(c.codingPath.map(\.stringValue) == ["rpm_limit"], "\(body)")
            }
        }
    }

    @Test func theServerRefusesUnknownFieldsAndChangesNothing() async throws {
        try await ServerHarness.with(.sqlite) { s in
            let (_, admin) = try await ControlPlaneRouteTests.newAccount(s, "Strict")
            let org = try await s.call(.post, "/v1/console/orgs", token: admin, json: ["name": "Platform"])
            let path = "/v1/console/orgs/\(org.json["item"]?["id"]?.stringValue ?? "")"
            let refused = try await s.call(.patch, path, token: admin, json: ["name": "Ops", "description": "x"])
            #expect(refused.status == .unprocessableContent, "\(refused.text)")
            #expect(
                refused.json["detail"]?.stringValue?.hasPrefix("description is not a field of this request") == true)
            #expect(try await s.call(.get, path, token: admin).json["item"]?["name"] == "Platform", "nothing changed")
            let cleared = try await s.call(.patch, path, token: admin, json: ["name": .null])
            #expect(cleared.status == .badRequest && cleared.json["detail"]?.stringValue?.contains("name") == true)
            let renamed = try await s.call(.patch, path, token: admin, json: ["name": "Ops"])
            #expect(renamed.status == .ok && renamed.json["item"]?["name"] == "Ops")
        }
    }
}
