/// One fuzz input, and deterministic ways to cut it into pieces (seeded by the input itself, so a saved crash
/// reproduces from its file alone).
struct FuzzInput {
    let bytes: [UInt8]

    /// The input as text (invalid UTF-8 repaired, as the server's body decoding does).
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The input cut into consecutive pieces of 1...`maxSize` bytes; the pieces always join to the whole input.
    func pieces(maxSize: Int = 16) -> [ArraySlice<UInt8>] {
        var generator = SplitMix(seed: seed)
        var out: [ArraySlice<UInt8>] = []
        var start = 0
        while start < bytes.count {
            let size = 1 + Int(generator.next() % UInt64(maxSize))
            let end = min(bytes.count, start + size)
            out.append(bytes[start..<end])
            start = end
        }
        return out
    }

    /// FNV-1a of the bytes.
    var seed: UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        return hash
    }
}

/// A small pseudo-random generator (SplitMix64): the same seed gives the same cuts.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
