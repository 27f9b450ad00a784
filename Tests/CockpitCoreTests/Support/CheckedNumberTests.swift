@testable import CockpitCore
import Foundation
import Testing

/// Numbers from outside become integers without trapping, and no source file converts one by hand.
@Suite struct CheckedNumberTests {
    static let hostile: [Double] = [
        .nan, .infinity, -.infinity, 1e19, -1e19, 1e300, -1e300, 9.223_372_036_854_775_808e18,
    ]

    @Test func hostileDoublesConvertToNil() {
        for value in Self.hostile {
            #expect(CheckedNumber.int(value) == nil, "\(value)")
            #expect(CheckedNumber.int64(value) == nil, "\(value)")
            #expect(CheckedNumber.count(value, max: 100) == nil, "\(value)")
        }
        #expect(CheckedNumber.int(-2.7) == -2 && CheckedNumber.int(2.7) == 2 && CheckedNumber.int(0) == 0)
        #expect(CheckedNumber.int64(9.2e18) == 9_200_000_000_000_000_000)
        #expect(
            CheckedNumber.count(-1, max: 100) == nil && CheckedNumber.count(101, max: 100) == nil
                && CheckedNumber.count(100, max: 100) == 100)
    }

    @Test func clampingAlwaysYieldsAValueInRange() {
        #expect(CheckedNumber.clamped(.nan, to: 1...10) == 1)
        #expect(CheckedNumber.clamped(.infinity, to: 1...10) == 10)
        #expect(CheckedNumber.clamped(-.infinity, to: 1...10) == 1)
        #expect(CheckedNumber.clamped(1e300, to: 1...10) == 10)
        #expect(CheckedNumber.clamped(5.9, to: 1...10) == 5)
    }

    @Test func storedNumbersOutsideTheirRangeAreRefusedNamingTheField() throws {
        #expect(
            throws: CockpitError.invalid(
                field: "litellm_params.rpm", reason: "must be a whole number from 0 to 1000000000")
        ) {
            try DeploymentParams(params: ["rpm": 1e19])
        }
        for (params, field) in [
            (["tpm": -1], "tpm"), (["rpm": 2.5], "rpm"), (["timeout": 0], "timeout"), (["timeout": 1e300], "timeout"),
            (["stream_timeout": -5], "stream_timeout"), (["weight": 1e300], "weight"),
            (["input_cost_per_token": -0.001], "input_cost_per_token"),
        ] as [(JSONValue, String)] {
            do {
                _ = try DeploymentParams(params: params)
                Issue.record("\(params) was accepted")
            } catch let CockpitError.invalid(field: named, reason: _) {
                #expect(named == "litellm_params.\(field)")
            }
        }
        #expect(throws: CockpitError.self) {
            try DeploymentParams(params: .emptyObject, modelInfo: ["output_cost_per_token": -1])
        }
        let good = try DeploymentParams(
            params: ["rpm": 60, "tpm": 1000, "timeout": 30, "weight": 2], modelInfo: ["input_cost_per_token": 0.000001])
        #expect(
            good.rpm == 60 && good.tpm == 1000 && good.timeout == 30 && good.weight == 2
                && good.inputCostPerToken == 0.000001)
    }

    @Test func aConfigFileWithAnAbsurdNumberIsRefusedNotACrash() {
        let yaml = """
            model_list:
              - model_name: big
                litellm_params: {model: openai/x, api_base: "https://api.example.com/v1", rpm: 1e19}
            router_settings: {num_retries: 1e300}
            """
        #expect(throws: CockpitError.self) { try GatewayConfig.parse(yaml) }
        let retries = try? GatewayConfig.parse("router_settings: {num_retries: 1e300, allowed_fails: .nan}")
        #expect(retries?.router.numRetries == RouterSettings().numRetries, "an absurd router number keeps the default")
    }

    @Test func absurdUpstreamTokenCountsAreAnUpstreamError() throws {
        for value: JSONValue in [1e300, -5, 2.5, "12", .number(.infinity)] {
            #expect(throws: GatewayError.absurdUsage("usage.prompt_tokens")) {
                try TokenUsage(openAI: ["prompt_tokens": value])
            }
        }
        #expect(GatewayError.absurdUsage("x").status == 502 && GatewayError.absurdUsage("x").chargesEstimate)
        #expect(
            try TokenUsage(openAI: ["prompt_tokens": 12, "completion_tokens": 3])
                == TokenUsage(promptTokens: 12, completionTokens: 3))
        #expect(try TokenUsage(openAI: ["total_tokens": 12]) == nil)
    }

    @Test func pricesAreChargedNeverBelowZero() {
        let table = PriceTable(prices: [:])
        let negative = Deployment(
            id: "d", modelName: "m", route: "openai/m",
            modelInfo: ["input_cost_per_token": -1, "output_cost_per_token": -1])
        #expect(table.cost(TokenUsage(promptTokens: 1000, completionTokens: 1000), deployment: negative) == 0)
        let normal = Deployment(
            id: "d", modelName: "m", route: "openai/m",
            modelInfo: ["input_cost_per_token": 0.5, "output_cost_per_token": 1])
        #expect(table.cost(TokenUsage(promptTokens: 2, completionTokens: 3), deployment: normal) == 4)
    }

    /// The grep-able rule: no `Int(…)`, `Int64(…)` or `Int32(…)` of a JSON number (`doubleValue`) or a
    /// `Double` anywhere in Sources; such values go through `CheckedNumber`.
    @Test func noSourceFileConvertsAnOutsideDoubleByHand() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        let pattern = try NSRegularExpression(
            pattern:
                #"\bU?Int(8|16|32|64)?\((?!exactly:|clamping:|truncatingIfNeeded:|bitPattern:)[^()\n]*(doubleValue|optionalDouble|\.double\(|timeout|Timeout)"#
        )
        let bareMap = try NSRegularExpression(pattern: #"doubleValue[^\n]*\.map \{ U?Int(8|16|32|64)?\(\$0\) \}"#)
        var offenders: [String] = []
        let files =
            FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for file in files where file.pathExtension == "swift" && file.lastPathComponent != "CheckedNumber.swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            for (i, line) in text.components(separatedBy: "\n").enumerated() {
                let range = NSRange(line.startIndex..., in: line)
                if pattern.firstMatch(in: line, range: range) != nil
                    || bareMap.firstMatch(in: line, range: range) != nil
                {
                    offenders.append("\(file.lastPathComponent):\(i + 1): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        #expect(offenders.isEmpty, "use CheckedNumber:\n\(offenders.joined(separator: "\n"))")
    }
}
