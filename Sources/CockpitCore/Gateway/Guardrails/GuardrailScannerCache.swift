import Foundation

/// Compiled scanners shared by every caller with the same presets: keyed by the presets' ids and versions and the
/// direction, compiled once (concurrent callers wait for the same compile), at most `capacity` kept (the least
/// recently used goes first). A preset's change gives it a new version, so a stale scanner is simply never asked
/// for again.
final class GuardrailScannerCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: Task<GuardrailScanner, Error>] = [:]
    private var order: [String] = []
    private let capacity: Int
    private let streamWindowCap: Int
    /// Called once per pattern a compile left out (it does not compile).
    private let onSkipped: @Sendable (GuardrailSkippedPattern) -> Void

    init(
        capacity: Int = 512, streamWindowCap: Int = GuardrailScanner.defaultStreamWindowCap,
        onSkipped: @escaping @Sendable (GuardrailSkippedPattern) -> Void = { _ in }
    ) {
        (self.capacity, self.streamWindowCap, self.onSkipped) = (max(1, capacity), streamWindowCap, onSkipped)
    }

    /// The scanners for `presets` (nil for a direction no enabled pattern covers).
    func guardrails(for presets: [GuardrailPreset]) async throws -> CallerGuardrails {
        guard !presets.isEmpty else { return .none }
        let patterns = presets.map(GuardrailPresetPatterns.init(preset:))
        let version = presets.map { "\($0.id.lowercased)@\($0.updatedAt.timeIntervalSince1970)" }.joined(separator: ",")
        func scanner(_ direction: GuardrailDirection) async throws -> GuardrailScanner? {
            let active = patterns.filter { $0.patterns.contains { $0.enabled && $0.appliesTo.covers(direction) } }
            guard !active.isEmpty else { return nil }
            let scanner = try await compiled("\(direction.rawValue)|\(version)", active, direction)
            return scanner.isEmpty ? nil : scanner
        }
        return CallerGuardrails(input: try await scanner(.input), output: try await scanner(.output))
    }

    private func compiled(
        _ key: String, _ presets: [GuardrailPresetPatterns], _ direction: GuardrailDirection
    ) async throws -> GuardrailScanner {
        let task = lock.withLock { () -> Task<GuardrailScanner, Error> in
            if let known = entries[key] {
                if let index = order.firstIndex(of: key) { order.remove(at: index) }
                order.append(key)
                return known
            }
            let (cap, onSkipped) = (streamWindowCap, self.onSkipped)
            let task = Task {
                let scanner = try await GuardrailScanner.compile(
                    presets: presets, direction: direction, streamWindowCap: cap)
                scanner.skipped.forEach(onSkipped)
                return scanner
            }
            entries[key] = task
            order.append(key)
            while order.count > capacity { entries[order.removeFirst()] = nil }
            return task
        }
        do { return try await task.value } catch {
            lock.withLock {
                entries[key] = nil
                order.removeAll { $0 == key }
            }
            throw error
        }
    }
}
