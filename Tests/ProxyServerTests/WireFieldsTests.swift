import CockpitAPI
import CockpitCore
import Foundation
import HTTPTypes
@testable import ProxyServer
import Testing

/// Bodies are read field by field against their type: a field the route does not take is named in the answer
/// (`x-cockpit-ignored-fields`) or, with COCKPIT_STRICT_FIELDS, refused by name changing nothing; a change body tells
/// an absent field (leave) from `null` (clear); a number that does not fit its field is named.
@Suite struct WireFieldsTests {
    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try WireFields.decode(T.self, from: Data(json.utf8)).value
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

    @Test func fieldsATypeDoesNotTakeAreNamed() throws {
        let (grant, ignored) = try WireFields.decode(
            GrantCreate.self, from: Data(#"{"model_name": "m", "scope": "account", "acess_mode": "deny"}"#.utf8))
        #expect(grant.modelName == "m" && ignored == ["acess_mode"], "a misspelt field is named")
        #expect(try WireFields.decode(BudgetLimits.self, from: Data(#"{"rpm_limit": 5}"#.utf8)).ignored.isEmpty)
        let message = WireFields.UnknownFields(names: ["rpm"], known: WireFields.of(BudgetLimits()) ?? []).message
        #expect(message.hasPrefix("rpm is not a field of this request (it takes budget_duration, max_budget"))
        #expect(WireFields.of(JSONValue.object([:])) == nil, "free JSON takes any field")
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

    static func org(_ s: ServerHarness) async throws -> (admin: String, path: String) {
        let (_, admin) = try await ControlPlaneRouteTests.newAccount(s, "Strict")
        let org = try await s.call(.post, "/v1/console/orgs", token: admin, json: ["name": "Platform"])
        return (admin, "/v1/console/orgs/\(org.json["item"]?["id"]?.stringValue ?? "")")
    }

    @Test func theServerNamesIgnoredFields() async throws {
        try await ServerHarness.with(.sqlite) { s in
            let (admin, path) = try await Self.org(s)
            let renamed = try await s.call(.patch, path, token: admin, json: ["name": "Ops", "descr": "x"])
            #expect(renamed.status == .ok && renamed.json["item"]?["name"] == "Ops", "\(renamed.text)")
            #expect(renamed.header("x-cockpit-ignored-fields") == "descr")
            let plain = try await s.call(.patch, path, token: admin, json: ["name": "Ops"])
            #expect(plain.status == .ok && plain.header("x-cockpit-ignored-fields") == nil)
            let cleared = try await s.call(.patch, path, token: admin, json: ["name": .null])
            #expect(cleared.status == .badRequest && cleared.json["detail"]?.stringValue?.contains("name") == true)
            #expect(
                IgnoredFieldsMiddleware.firstWarning("PATCH /x", "f")
                    && !IgnoredFieldsMiddleware.firstWarning("PATCH /x", "f"))
        }
    }

    @Test func aStrictServerRefusesThemAndChangesNothing() async throws {
        try await ServerHarness.with(.sqlite, environment: ["COCKPIT_STRICT_FIELDS": "true"]) { s in
            let (admin, path) = try await Self.org(s)
            let refused = try await s.call(.patch, path, token: admin, json: ["name": "Ops", "descr": "x"])
            #expect(refused.status == .badRequest, "\(refused.text)")
            #expect(
                refused.json["detail"]?.stringValue?.hasPrefix("descr is not a field of this request") == true)
            #expect(try await s.call(.get, path, token: admin).json["item"]?["name"] == "Platform", "nothing changed")
        }
    }
}
