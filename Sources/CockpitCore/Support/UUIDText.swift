import Foundation

extension UUID {
    /// The lower-case text form stored in both stores, written straight into the string's storage (one allocation,
    /// no validation pass; Foundation's `uuidString` goes through a printf-style formatter).
    public var lowercased: String {
        String(unsafeUninitializedCapacity: 36) { out in
            withUnsafeBytes(of: uuid) { raw in
                var i = 0
                for n in 0..<16 {
                    if n == 4 || n == 6 || n == 8 || n == 10 {
                        out[i] = 0x2D
                        i += 1
                    }
                    out[i] = Self.hexDigit(raw[n] >> 4)
                    out[i + 1] = Self.hexDigit(raw[n] & 0xF)
                    i += 2
                }
            }
            return 36
        }
    }

    @inline(__always)
    private static func hexDigit(_ value: UInt8) -> UInt8 { value < 10 ? 0x30 + value : 0x57 + value }

    /// Parses the 36-character text form without Foundation's scanf-based parser (a hot path: every row has ids).
    public static func fast(_ text: String) -> UUID? {
        var bytes = [UInt8](repeating: 0, count: 16)
        var n = 0, high: UInt8? = nil, index = 0
        for c in text.utf8 {
            index += 1
            if c == 0x2D {
                guard [9, 14, 19, 24].contains(index) else { return nil }
                continue
            }
            let v: UInt8
            switch c {
            case 0x30...0x39: v = c - 0x30
            case 0x61...0x66: v = c - 0x57
            case 0x41...0x46: v = c - 0x37
            default: return nil
            }
            if let h = high {
                guard n < 16 else { return nil }
                bytes[n] = h << 4 | v
                n += 1
                high = nil
            } else {
                high = v
            }
        }
        guard index == 36, n == 16, high == nil else { return nil }
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9],
                bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }
}
