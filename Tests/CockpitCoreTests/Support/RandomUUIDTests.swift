@testable import CockpitCore
import Foundation
import Testing

/// Request ids come from a buffered random source; they must still be proper, distinct version-4 UUIDs.
@Suite struct RandomUUIDTests {
    @Test func versionFourAndDistinct() {
        var seen = Set<UUID>()
        for _ in 0..<10_000 {
            let id = RandomUUID.make()
            let text = id.lowercased
            #expect(text.count == 36 && Array(text)[14] == "4", "version 4: \(text)")
            #expect("89ab".contains(Array(text)[19]), "RFC 9562 variant: \(text)")
            #expect(
                UUID.fast(text) == id && text == id.uuidString.lowercased(),
                "our text form is Foundation's, lower-cased")
            seen.insert(id)
        }
        #expect(seen.count == 10_000, "no repeats across many refills of the 4 KiB buffer")
    }

    @Test func distinctAcrossThreads() async {
        let ids = await withTaskGroup(of: [UUID].self) { group in
            for _ in 0..<8 { group.addTask { (0..<2_000).map { _ in RandomUUID.make() } } }
            return await group.reduce(into: [UUID]()) { $0 += $1 }
        }
        #expect(Set(ids).count == 16_000)
    }
}
