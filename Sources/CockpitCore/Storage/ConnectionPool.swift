import Dispatch
import Foundation

/// A driver connection that the pool can hand out and check.
protocol PooledConnection: AnyObject, Sendable {
    /// False once the connection is broken and must be replaced.
    var isUsable: Bool { get }
    /// Closes the connection.
    func close()
}

/// A bounded pool of blocking connections. Callers wait (asynchronously) for a free connection; the work on it
/// runs on a dispatch queue so that a blocking driver call never occupies the cooperative thread pool.
final class ConnectionPool<Connection: PooledConnection>: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [Connection] = []
    private var opened = 0
    private var waiters: [CheckedContinuation<Connection?, Never>] = []
    private var closed = false
    private let capacity: Int
    private let factory: @Sendable () throws -> Connection
    private let queue: DispatchQueue

    /// - Parameters:
    ///   - capacity: the most connections open at once.
    ///   - factory: opens a new connection (runs on the pool's queue; may block).
    init(label: String, capacity: Int, factory: @escaping @Sendable () throws -> Connection) {
        self.capacity = max(1, capacity)
        self.factory = factory
        self.queue = DispatchQueue(label: label, attributes: .concurrent)
    }

    /// Runs `body` with a connection of its own, off the cooperative pool: on the pool's queue, or for
    /// `.background` work on the idle-priority thread.
    func withConnection<T: Sendable>(
        priority: WorkPriority = .normal, _ body: @escaping @Sendable (Connection) throws -> T
    ) async throws -> T {
        let reserved = await checkout()
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
            let work: @Sendable () -> Void = {
                var connection = reserved
                do {
                    if connection == nil || connection?.isUsable == false {
                        connection?.close()
                        connection = try self.factory()
                    }
                    let result = Result { try body(connection!) }
                    self.checkin(connection)
                    continuation.resume(with: result)
                } catch {
                    self.checkin(nil)
                    continuation.resume(throwing: error)
                }
            }
            switch priority {
            case .normal: queue.async(execute: work)
            case .background: IdlePriorityThread.shared.run(work)
            }
        }
    }

    /// A connection to reuse, or nil when the caller holds a slot and must open one.
    private func checkout() async -> Connection? {
        await withCheckedContinuation { (continuation: CheckedContinuation<Connection?, Never>) in
            lock.lock()
            if let connection = idle.popLast() {
                lock.unlock()
                continuation.resume(returning: connection)
            } else if opened < capacity {
                opened += 1
                lock.unlock()
                continuation.resume(returning: nil)
            } else {
                waiters.append(continuation)
                lock.unlock()
            }
        }
    }

    /// Returns a connection (nil: the slot's connection could not be opened or was dropped).
    private func checkin(_ connection: Connection?) {
        var usable = connection
        if let c = connection, !c.isUsable || closed {
            c.close()
            usable = nil
        }
        lock.lock()
        if !waiters.isEmpty {
            let waiter = waiters.removeFirst()
            lock.unlock()
            waiter.resume(returning: usable)
            return
        }
        if let usable { idle.append(usable) } else { opened -= 1 }
        lock.unlock()
    }

    /// Closes idle connections; connections in use close when they come back.
    func close() {
        lock.lock()
        closed = true
        let toClose = idle
        idle.removeAll()
        opened -= toClose.count
        lock.unlock()
        for c in toClose { c.close() }
    }
}
