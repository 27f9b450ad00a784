import CHyperscan
import Foundation

/// Scratch space for scans of a set of databases. A Hyperscan scratch serves one scan at a time, so scans take one
/// from this pool and give it back; an empty pool clones a new one. Reusing scratches keeps the `malloc` of a clone
/// (the size of the largest database's needs) off the request path; idle scratches beyond `keep` are freed.
final class HyperscanScratchPool: @unchecked Sendable {
    private let prototype: OpaquePointer
    private let idle = LockedBox<[OpaquePointer]>([])
    private let keep: Int

    /// A pool whose scratches fit every database in `databases` (block and stream).
    init(for databases: [HyperscanDatabase], keep: Int = 64) {
        var scratch: OpaquePointer?
        for database in databases {
            let status = hs_alloc_scratch(database.raw, &scratch)
            precondition(status == HS_SUCCESS, "hs_alloc_scratch failed: \(status)")
        }
        guard let scratch else { preconditionFailure("a scratch pool needs at least one database") }
        (prototype, self.keep) = (scratch, keep)
    }

    deinit {
        idle.mutate { $0.forEach { hs_free_scratch($0) } }
        hs_free_scratch(prototype)
    }

    /// Runs `body` with a scratch no other scan uses meanwhile.
    func withScratch<T>(_ body: (OpaquePointer) throws -> T) rethrows -> T {
        let scratch = idle.mutate { $0.popLast() } ?? clone()
        defer {
            let kept = idle.mutate { pool -> Bool in
                guard pool.count < keep else { return false }
                pool.append(scratch)
                return true
            }
            if !kept { hs_free_scratch(scratch) }
        }
        return try body(scratch)
    }

    private func clone() -> OpaquePointer {
        var copy: OpaquePointer?
        let status = hs_clone_scratch(prototype, &copy)
        guard status == HS_SUCCESS, let copy else { preconditionFailure("hs_clone_scratch failed: \(status)") }
        return copy
    }

    /// Bytes one scratch takes.
    var scratchSize: Int {
        var size = 0
        hs_scratch_size(prototype, &size)
        return size
    }
}
