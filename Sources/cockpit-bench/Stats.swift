import Foundation

/// Latency samples and their percentiles.
struct Samples {
    private(set) var values: [Double] = []

    mutating func add(_ seconds: Double) { values.append(seconds) }

    /// The p-th percentile (0…100), in milliseconds.
    func percentile(_ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let index = min(sorted.count - 1, max(0, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1))
        return sorted[index] * 1000
    }

    var summary: String {
        String(
            format: "n=%d  p50 %.3f ms  p99 %.3f ms  max %.3f ms", values.count, percentile(50), percentile(99),
            percentile(100))
    }

    /// The same in microseconds, with the mean, for in-process paths.
    var microseconds: String {
        let mean = values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) * 1e6
        return String(
            format: "n=%d  p50 %.2f µs  p99 %.2f µs  mean %.2f µs", values.count, percentile(50) * 1000,
            percentile(99) * 1000, mean)
    }
}

/// Seconds taken by `body`.
func measure<T>(_ body: () async throws -> T) async rethrows -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let value = try await body()
    return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}
