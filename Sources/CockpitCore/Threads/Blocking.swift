import Foundation

/// Blocking work (a DNS lookup, a file read) run on a dispatch thread, so it never holds one of Swift's cooperative
/// threads, which the whole process shares.
enum Blocking {
    /// Runs `work` on a global dispatch queue and returns its result.
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<T, Error>) in
            DispatchQueue.global().async { done.resume(with: Result { try work() }) }
        }
    }
}
