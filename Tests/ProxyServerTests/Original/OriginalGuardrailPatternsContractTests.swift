import CockpitCore
import CockpitTesting
import Foundation
import HTTPTypes
import Testing

/// Guardrail patterns with the original's bodies (V1_CONTRACT.md "Guardrails", "Patterns"): kept in the preset whose
/// code is the guard type, created on demand (listing creates the missing ones), every refusal word for word and in
/// order, system patterns, audit; cockpit's stricter checks (regexes compiled, `applies_to`, sizes).
@Suite struct OriginalGuardrailPatternsContractTests {
    static let base = "/v1/copilot/guardrails"
    static let keys: Set<String> = [
        "id", "account_id", "guard_type", "pattern_name", "pattern_regex", "pattern_type", "action", "enabled",
        "is_system", "created_at", "updated_at", "applies_to",
    ]

    static func refused(
        _ answer: ServerHarness.Answer, _ status: Int, _ detail: String, _ what: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        OriginalCreditsContractTests.refused(answer, status, detail, what, sourceLocation: sourceLocation)
    }

    static func presetCodes(_ s: ServerHarness, _ admin: String) async throws -> [String] {
        try await s.call(.get, "\(base)/presets", token: admin).json.items.compactMap { $0["code"]?.stringValue }
            .sorted()
    }

    @Test(arguments: StoreKind.available)
    func patternsLiveInTheirTypesPreset(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (account, admin) = try await ControlPlaneRouteTests.newAccount(s, "Patterns")
            // Listing one type creates only its preset; listing all creates the other two (the quirk, kept).
            #expect(
                try await s.call(.get, "\(Self.base)/patterns?guard_type=toxic", token: admin).json == [
                    "items": [], "total": 0,
                ])
            #expect(try await Self.presetCodes(s, admin) == ["toxic"])
            #expect(try await s.call(.get, "\(Self.base)/patterns", token: admin).json == ["items": [], "total": 0])
            let presets = try await s.call(.get, "\(Self.base)/presets", token: admin).json.items
            #expect(Set(presets.map { $0["name"] }) == ["PII", "TOXIC", "JAILBREAK"])
            #expect(presets.allSatisfy { $0["preset_json"] == ["config": [:], "custom_patterns": []] })
            let pii = try #require(presets.first { $0["code"] == "pii" })
            let created = try await s.call(
                .post, "\(Self.base)/patterns", token: admin,
                json: [
                    "guard_type": " PII ", "pattern_name": "email", "pattern_regex": "builtin:email",
                    "pattern_type": "block", "action": "mask",
                ])
            #expect(created.status == .ok, "\(created.text)")
            let item = try #require(created.json["item"])
            #expect(Set(item.objectValue?.keys.map { $0 } ?? []) == Self.keys)
            #expect(
                item["account_id"] == .string(account) && item["guard_type"] == "pii" && item["is_system"] == false
                    && item["enabled"] == true && item["applies_to"] == "both" && item["action"] == "mask"
                    && item["created_at"] == item["updated_at"])
            let id = try #require(item["id"]?.stringValue)
            // Stored in the pii preset's custom_patterns: the preset's updated_at moved, its id kept.
            let after = try #require(
                try await s.call(.get, "\(Self.base)/presets", token: admin).json.items.first { $0["code"] == "pii" })
            #expect(after["id"] == pii["id"] && after["updated_at"] != pii["updated_at"])
            #expect(after["preset_json"]?["custom_patterns"]?.arrayValue?.first?["id"] == .string(id))
            #expect(try await s.call(.get, "\(Self.base)/patterns/\(id)", token: admin).json["item"] == item)
            #expect(try await s.call(.get, "\(Self.base)/patterns/\(id.uppercased())", token: admin).status == .ok)
            let second = try await s.call(
                .post, "\(Self.base)/patterns", token: admin,
                json: [
                    "guard_type": "jailbreak", "pattern_name": "ignore", "pattern_regex": "(?i)ignore previous",
                    "pattern_type": "detect", "enabled": false, "applies_to": "input",
                ])
            let secondID = try #require(second.json["item"]?["id"]?.stringValue, "\(second.text)")
            #expect(second.json["item"]?["action"] == .null && second.json["item"]?["applies_to"] == "input")
            // Newest first; filters; paging with the total before paging.
            let all = try await s.call(.get, "\(Self.base)/patterns", token: admin).json
            #expect(all["total"] == 2 && all.items.map { $0["id"] } == [.string(secondID), .string(id)])
            #expect(
                try await s.call(.get, "\(Self.base)/patterns?enabled=false", token: admin).json.items.map { $0["id"] }
                    == [.string(secondID)])
            #expect(
                try await s.call(.get, "\(Self.base)/patterns?guard_type=pii&enabled=true", token: admin).json.items
                    .count == 1)
            let paged = try await s.call(.get, "\(Self.base)/patterns?limit=1&offset=1", token: admin).json
            #expect(paged["total"] == 2 && paged.items.map { $0["id"] } == [.string(id)])
            // PUT: given fields replaced, null kept, updated_at refreshed.
            let put = try await s.call(
                .put, "\(Self.base)/patterns/\(id)", token: admin,
                json: ["pattern_name": "mail", "action": .null, "enabled": false])
            #expect(
                put.json["item"]?["pattern_name"] == "mail" && put.json["item"]?["action"] == "mask"
                    && put.json["item"]?["enabled"] == false && put.json["item"]?["created_at"] == item["created_at"],
                "\(put.text)")
            #expect(try await s.call(.delete, "\(Self.base)/patterns/\(id)", token: admin).json == ["deleted": true])
            Self.refused(
                try await s.call(.get, "\(Self.base)/patterns/\(id)", token: admin), 404, "Pattern not found", "gone")
            let audit = try await s.call(.get, "/v1/audit?domain=copilot&limit=100", token: admin).json.items
            let rows = audit.filter { $0["table_name"] == "Alchemi_CopilotGuardrailPattern" }
            #expect(rows.map { $0["action"] } == ["delete", "update", "create", "create"], "\(rows)")
            #expect(rows.first?["object_id"] == .string(id) && rows.first?["updated_values"]?["guard_type"] == "pii")
            #expect(
                audit.filter { $0["table_name"] == "Alchemi_CopilotGuardrailPresetTable" }.count == 3,
                "the on-demand presets are audited as created")
        }
    }

    @Test(arguments: StoreKind.available)
    func refusalsInTheOriginalsOrderAndCockpitsChecks(kind: StoreKind) async throws {
        try await ServerHarness.with(kind) { s in
            let (_, admin) = try await ControlPlaneRouteTests.newAccount(s, "Refusals")
            let post: (JSONValue) async throws -> ServerHarness.Answer = {
                try await s.call(.post, "\(Self.base)/patterns", token: admin, json: $0)
            }
            for (json, detail) in [
                (
                    ["guard_type": "pci", "pattern_name": "", "pattern_regex": "", "pattern_type": "x"],
                    "guard_type must be one of: pii,toxic,jailbreak"
                ),
                (
                    ["guard_type": "pii", "pattern_name": "", "pattern_regex": "", "pattern_type": "Block"],
                    "pattern_type must be one of: detect,block,allow"
                ),
                (
                    ["guard_type": "pii", "pattern_name": " ", "pattern_regex": "a", "pattern_type": "block"],
                    "pattern_name and pattern_regex are required"
                ),
                (
                    [
                        "guard_type": "pii", "pattern_name": "n", "pattern_regex": "a", "pattern_type": "block",
                        "applies_to": "sideways",
                    ], "applies_to must be one of: input,output,both"
                ),
                (
                    ["guard_type": "pii", "pattern_name": "bad", "pattern_regex": "(a", "pattern_type": "block"],
                    "pattern 'bad': "
                ),
                (
                    ["guard_type": "pii", "pattern_name": "empty", "pattern_regex": "a*", "pattern_type": "detect"],
                    "pattern 'empty': pattern_regex matches the empty string"
                ),
                (
                    [
                        "guard_type": "pii", "pattern_name": .string(String(repeating: "n", count: 201)),
                        "pattern_regex": "a", "pattern_type": "detect",
                    ], "pattern_name must be at most 200 characters"
                ),
            ] as [(JSONValue, String)] {
                let answer = try await post(json)
                #expect(
                    answer.status == .badRequest && answer.json["detail"]?.stringValue?.hasPrefix(detail) == true,
                    "\(json): \(answer.text)")
            }
            #expect(try await Self.presetCodes(s, admin) == [], "refused creates wrote nothing, no preset either")
            for json in [
                ["guard_type": "pii"],
                [
                    "guard_type": "pii", "pattern_name": "n", "pattern_regex": "a", "pattern_type": "detect",
                    "enabled": "yes",
                ],
            ] as [JSONValue] {
                #expect(try await post(json).status == .unprocessableContent)
            }
            #expect(
                try await s.call(.get, "\(Self.base)/patterns?enabled=maybe", token: admin).status
                    == .unprocessableContent)
            Self.refused(
                try await s.call(.get, "\(Self.base)/patterns?guard_type=PII", token: admin), 400,
                "guard_type must be one of: pii,toxic,jailbreak", "not lower-cased when listing")
            // A text that is no id: 404 at once, nothing created.
            for method in [HTTPRequest.Method.get, .put, .delete] {
                Self.refused(
                    try await s.call(
                        method, "\(Self.base)/patterns/nope", token: admin, json: method == .put ? [:] : nil),
                    404, "Pattern not found", "\(method) nope")
            }
            #expect(try await Self.presetCodes(s, admin) == [])
            // PUT checks the pattern type before the lookup; an unknown UUID inspects (creates) all three presets.
            let ghost = UUID().uuidString
            Self.refused(
                try await s.call(.put, "\(Self.base)/patterns/\(ghost)", token: admin, json: ["pattern_type": "deny"]),
                400, "pattern_type must be one of: detect,block,allow", "type first")
            Self.refused(
                try await s.call(.put, "\(Self.base)/patterns/\(ghost)", token: admin, json: ["enabled": true]), 404,
                "Pattern not found", "unknown id")
            #expect(try await Self.presetCodes(s, admin) == ["jailbreak", "pii", "toxic"])
            // System patterns exist only through the presets route, which now checks every entry.
            let system = UUID().uuidString.lowercased()
            let entry: JSONValue = [
                "id": .string(system), "pattern_name": "ssn", "pattern_regex": "\\d{3}-\\d{2}-\\d{4}",
                "pattern_type": "block", "action": "block", "is_system": true,
            ]
            for (entries, detail) in [
                ([1], "preset_json.custom_patterns[0]: must be a JSON object"),
                (
                    [["pattern_name": "x"]],
                    "preset_json.custom_patterns[0] 'x': pattern_name and pattern_regex are required"
                ),
                (
                    [entry, ["pattern_name": "y", "pattern_regex": "y", "pattern_type": "nope"]],
                    "preset_json.custom_patterns[1] 'y': pattern_type must be one of: detect,block,allow"
                ),
                (
                    [["pattern_name": "z", "pattern_regex": "z", "pattern_type": "detect", "applies_to": "all"]],
                    "preset_json.custom_patterns[0] 'z': applies_to must be one of: input,output,both"
                ),
                (
                    [["pattern_name": "w", "pattern_regex": "w", "pattern_type": "detect", "enabled": "no"]],
                    "preset_json.custom_patterns[0] 'w': enabled must be a boolean"
                ),
            ] as [([JSONValue], String)] {
                Self.refused(
                    try await s.call(
                        .post, "\(Self.base)/presets", token: admin,
                        json: ["code": "pii", "name": "PII", "preset_json": ["custom_patterns": .array(entries)]]), 400,
                    detail, detail)
            }
            let badRegex = try await s.call(
                .post, "\(Self.base)/presets", token: admin,
                json: [
                    "code": "pii", "name": "PII",
                    "preset_json": [
                        "custom_patterns": [
                            ["pattern_name": "broken", "pattern_regex": "(x", "pattern_type": "detect"]
                        ]
                    ],
                ])
            #expect(
                badRegex.status == .badRequest
                    && badRegex.json["detail"]?.stringValue?.hasPrefix("pattern 'broken'") == true)
            let placed = try await s.call(
                .post, "\(Self.base)/presets", token: admin,
                json: ["code": "pii", "name": "PII", "preset_json": ["config": [:], "custom_patterns": [entry]]])
            #expect(placed.status == .ok, "\(placed.text)")
            Self.refused(
                try await s.call(.put, "\(Self.base)/patterns/\(system)", token: admin, json: ["pattern_name": "x"]),
                400, "System patterns can only toggle enabled", "system")
            let toggled = try await s.call(
                .put, "\(Self.base)/patterns/\(system)", token: admin, json: ["enabled": false, "pattern_name": "x"])
            #expect(
                toggled.json["item"]?["enabled"] == false && toggled.json["item"]?["pattern_name"] == "ssn"
                    && toggled.json["item"]?["is_system"] == true && toggled.json["item"]?["created_at"] == .null,
                "\(toggled.text)")
            Self.refused(
                try await s.call(.delete, "\(Self.base)/patterns/\(system)", token: admin), 403,
                "System patterns cannot be deleted", "system delete")
            // A change that does not compile is refused and changes nothing.
            let own = try #require(
                try await post([
                    "guard_type": "pii", "pattern_name": "own", "pattern_regex": "abc", "pattern_type": "detect",
                ])
                .json["item"]?["id"]?.stringValue)
            let broken = try await s.call(
                .put, "\(Self.base)/patterns/\(own)", token: admin, json: ["pattern_regex": "(("])
            #expect(
                broken.status == .badRequest && broken.json["detail"]?.stringValue?.hasPrefix("pattern 'own'") == true)
            #expect(
                try await s.call(.get, "\(Self.base)/patterns/\(own)", token: admin).json["item"]?["pattern_regex"]
                    == "abc")
        }
    }
}
