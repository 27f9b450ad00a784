import Foundation

/// The numbers of a deployment's `litellm_params` and `model_info` that the gateway acts on, checked against their
/// documented ranges. One rule for every way a deployment arrives: a tenant's or the super-admin's save (a 400
/// naming the field), the store's rows at registry load (a bad row is skipped with an error, never a crash), and
/// the operator's `config.yaml` (start-up refused, naming the entry).
public struct DeploymentParams: Sendable, Equatable {
    /// rpm and tpm: whole numbers from 0 to a billion.
    public static let rateRange: ClosedRange<Int64> = 0...1_000_000_000
    /// timeout and stream_timeout, in seconds: more than 0, at most a day.
    public static let timeoutRange: ClosedRange<Double> = 0.001...86_400
    /// weight (the router's share): 0 to a million.
    public static let weightRange: ClosedRange<Double> = 0...1_000_000
    /// input_cost_per_token and output_cost_per_token, in USD: 0 to 1 (the dearest models cost about 0.0001).
    public static let priceRange: ClosedRange<Double> = 0...1

    public var rpm: Int?
    public var tpm: Int?
    public var weight: Double?
    public var timeout: TimeInterval?
    public var streamTimeout: TimeInterval?
    public var inputCostPerToken: Double?
    public var outputCostPerToken: Double?

    /// Reads and checks `params` (litellm_params without model, api_base, api_key, api_version) and `modelInfo`;
    /// `prefix` names the params in errors (`litellm_params`, or a config entry's place).
    public init(params: JSONValue, modelInfo: JSONValue = .emptyObject, prefix: String = "litellm_params") throws {
        func field(_ name: String) -> String { "\(prefix).\(name)" }
        rpm = try CheckedNumber.wholeNumber(params["rpm"], in: Self.rateRange, field: field("rpm")).flatMap {
            Int(exactly: $0)
        }
        tpm = try CheckedNumber.wholeNumber(params["tpm"], in: Self.rateRange, field: field("tpm")).flatMap {
            Int(exactly: $0)
        }
        weight = try CheckedNumber.number(params["weight"], in: Self.weightRange, field: field("weight"))
        timeout = try CheckedNumber.number(params["timeout"], in: Self.timeoutRange, field: field("timeout"))
        streamTimeout = try CheckedNumber.number(
            params["stream_timeout"], in: Self.timeoutRange, field: field("stream_timeout"))
        for name in ["input_cost_per_token", "output_cost_per_token"] {
            _ = try CheckedNumber.number(params[name], in: Self.priceRange, field: field(name))
        }
        inputCostPerToken = try CheckedNumber.number(
            modelInfo["input_cost_per_token"], in: Self.priceRange,
            field: "model_info.input_cost_per_token")
        outputCostPerToken = try CheckedNumber.number(
            modelInfo["output_cost_per_token"], in: Self.priceRange,
            field: "model_info.output_cost_per_token")
    }
}
