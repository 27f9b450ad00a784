import CockpitData
import Foundation

/// USD per token for a model: the deployment's `model_info` override first, then the table shipped in
/// `data/model_prices.json` by upstream model name, by `provider/model`, or by the public name.
public struct PriceTable: Sendable {
    /// Input and output prices of one model.
    public struct Price: Sendable, Equatable {
        public var input: Double
        public var output: Double
    }

    private let prices: [String: Price]

    /// The table shipped in the binary.
    public static let shipped: PriceTable = {
        guard let text = EmbeddedData.file("model_prices.json"), let parsed = try? JSONBytes.parse(Array(text.utf8))
        else {
            return PriceTable(prices: [:])
        }
        return PriceTable(json: parsed)
    }()

    public init(prices: [String: Price]) { self.prices = prices }

    /// Reads `{"model": {"input_cost_per_token": …, "output_cost_per_token": …}}`; other entries are skipped.
    public init(json: JSONValue) {
        var prices: [String: Price] = [:]
        for (name, entry) in json.objectValue ?? [:] {
            guard let input = entry["input_cost_per_token"]?.doubleValue else { continue }
            prices[name] = Price(input: input, output: entry["output_cost_per_token"]?.doubleValue ?? 0)
        }
        self.prices = prices
    }

    /// The number of models in the table.
    public var count: Int { prices.count }

    /// The price of a deployment's model, or nil when nothing is known (the call then costs 0, with a warning).
    public func price(for deployment: Deployment) -> Price? {
        if let input = deployment.inputCostPerToken {
            return Price(input: input, output: deployment.outputCostPerToken ?? 0)
        }
        return prices[deployment.upstreamModel] ?? prices[deployment.route] ?? prices[deployment.modelName]
    }

    /// The cost of a call: never negative and never NaN or infinite, whatever a stored price or a count says
    /// (prices are validated when saved; rows from before that, or a table entry, are clamped here).
    public func cost(_ usage: TokenUsage, deployment: Deployment) -> Double {
        guard let price = price(for: deployment) else { return 0 }
        let cost =
            Double(max(0, usage.promptTokens)) * Self.clamped(price.input) + Double(max(0, usage.completionTokens))
            * Self.clamped(price.output)
        return cost.isFinite ? cost : 0
    }

    /// A price per token as charged: NaN, negative and infinite prices count as 0.
    static func clamped(_ price: Double) -> Double { price.isFinite && price > 0 ? price : 0 }
}
