import CockpitCore
import Foundation

/// Spend drawn in one line of block characters, one a day.
enum Sparkline {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// A sparkline of values, one block character each.
    static func of(_ values: [Double]) -> String {
        guard let top = values.max(), top > 0 else { return String(repeating: "▁", count: values.count) }
        return String(values.map { blocks[min(7, Int(($0 / top) * 7.999))] })
    }

    /// Cost per day for each of the last `days` days, oldest first (days without spend are 0).
    static func daily(_ totals: [SpendTotal], days: Int, today: Date) -> [Double] {
        let byDay = Dictionary(totals.map { ($0.group, $0.cost) }, uniquingKeysWith: +)
        return (0..<days).reversed().map { byDay[Timestamp.day(today.addingTimeInterval(-Double($0) * 86_400))] ?? 0 }
    }
}
