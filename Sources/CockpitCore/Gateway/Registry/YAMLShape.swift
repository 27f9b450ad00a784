import Yams

/// Refuses, before any value is built, the YAML that Yams (6.x) cannot turn into values and would trap on instead of
/// throwing, and what would take too long to build. Each rule is a fuzzer finding (docs/FUZZING.md) or guards one.
enum YAMLShape {
    /// The most YAML nodes a config may hold once its aliases are expanded (a real one has a few thousand).
    static let maxNodes = 1_000_000

    /// Checks the whole document: a mapping key that is a list or a mapping (`? [a]: b`), a base-60 integer
    /// (`1:30:00`) too large for an Int, and aliases that expand past `maxNodes`.
    static func check(_ root: Node, source: String) throws {
        var pending = [root]
        var seen = 0
        while let node = pending.popLast() {
            seen += 1
            guard seen <= maxNodes else {
                throw CockpitError.invalid(
                    field: "config", reason: "\(source) has more than \(maxNodes) YAML values (aliases expanded)")
            }
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    guard String.construct(from: key) != nil else {
                        throw CockpitError.invalid(
                            field: "config",
                            reason: "\(source)\(line(key)): a key must be a plain value, not a list or a mapping")
                    }
                    pending.append(value)
                }
            case .sequence(let sequence): pending.append(contentsOf: sequence)
            case .scalar(let scalar):
                if node.tag.description == Tag.Name.int.rawValue, overflowsAsSexagesimal(scalar) {
                    throw CockpitError.invalid(
                        field: "config",
                        reason: "\(source)\(line(node)): the base-60 number '\(scalar.string.prefix(40))' is too large")
                }
            case .alias: break
            }
        }
    }

    /// Whether Yams would overflow reading this integer scalar as base-60 digits (`1:59:59`): it multiplies and adds
    /// them unchecked, so `1:0:0:0:0:0:0:0:0:0:0:0` (60^11) killed the process (found by the fuzzer, 2026-12-07).
    /// Mirrors its reading: underscores dropped, one sign, the radix prefixes `0x`, `0b`, `0o`, `0` taking precedence.
    static func overflowsAsSexagesimal(_ scalar: Node.Scalar) -> Bool {
        guard scalar.style == .any || scalar.style == .plain else { return false }
        var text = Substring(scalar.string.replacingOccurrences(of: "_", with: ""))
        if text.hasPrefix("-") || text.hasPrefix("+") { text = text.dropFirst() }
        guard text.contains(":"), !text.hasPrefix("0") else { return false }
        var digits: [Int] = []
        for part in text.split(separator: ":", omittingEmptySubsequences: false) {
            guard let digit = Int(part, radix: 10) else { return false }  // Yams answers nil: no trap
            digits.append(digit)
        }
        var base = 1
        var value = 0
        for digit in digits.reversed() {
            let (product, o1) = digit.multipliedReportingOverflow(by: base)
            let (sum, o2) = value.addingReportingOverflow(product)
            let (next, o3) = base.multipliedReportingOverflow(by: 60)
            if o1 || o2 || o3 { return true }
            (value, base) = (sum, next)
        }
        return value == .min  // the sign is applied by multiplying: -1 × Int.min overflows too
    }

    private static func line(_ node: Node) -> String { node.mark.map { ":\($0.line)" } ?? "" }
}
