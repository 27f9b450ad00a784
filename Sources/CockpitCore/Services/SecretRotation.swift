import Foundation

/// `cockpit secrets rotate`: re-seals every stored secret that the current key did not seal (text from before key
/// ids, or sealed by a previous key) under the current key, across every account (super-admin).
///
/// It works in batches, each its own transaction, so a run stopped midway keeps what it did and the next run skips
/// it (by key id); values not yet re-sealed stay readable with the previous keys (COCKPIT_PREVIOUS_SALT_KEYS)
/// meanwhile. A value no key of the ring opens is left as it is and reported by table and row id. Each run that
/// changes the store writes one audit row with the counts.
public struct SecretRotation: Sendable {
    let context: ServiceContext
    init(_ context: ServiceContext) { self.context = context }

    /// The largest batch accepted.
    public static let maxBatchSize = 10_000

    /// Re-seals every value not sealed by the current key; returns the counts and the values no key opened (the
    /// caller must treat a non-empty `unreadable` as a failure).
    /// - Parameters:
    ///   - dryRun: change nothing; count what a run would re-seal (and find what no key opens).
    ///   - batchSize: rows read and re-sealed per transaction, 1 to `maxBatchSize`.
    public func rotate(dryRun: Bool = false, batchSize: Int = 100) async throws -> SecretRotationReport {
        try await rotate(dryRun: dryRun, batchSize: batchSize, stopAfter: nil)
    }

    /// The same, stopped once `stopAfter` values are re-sealed (a run cut off midway, for tests).
    package func rotate(dryRun: Bool, batchSize: Int, stopAfter: Int?) async throws -> SecretRotationReport {
        let actor: Actor
        if dryRun {
            try context.reading(.superAdmin)
            actor = context.caller.actor()
        } else {
            actor = try context.changing(.superAdmin)
        }
        guard (1...Self.maxBatchSize).contains(batchSize) else {
            throw CockpitError.invalid(field: "batch_size", reason: "must be a number from 1 to \(Self.maxBatchSize)")
        }
        guard let box = context.secretBox else {
            throw CockpitError.invalid(
                field: "LITELLM_SALT_KEY", reason: "must be set to re-seal stored secrets (or set LITELLM_MASTER_KEY)")
        }
        var report = SecretRotationReport(keyID: box.keyID, dryRun: dryRun)
        var budget = stopAfter ?? Int.max
        for place in SealedSecretPlace.allCases where budget > 0 {
            var after: UUID?
            repeat {
                let batch = try await resealBatch(
                    place, after: after, box: box, limit: min(batchSize, budget), dryRun: dryRun)
                report.resealed[place, default: 0] += batch.resealed
                report.unreadable += batch.unreadable.map { .init(place: place, id: $0) }
                budget -= batch.resealed
                after = batch.next
            } while after != nil && budget > 0
        }
        let keyID = box.keyID
        report.left = try await context.read(.superAdmin) { tx in
            try SealedSecretPlace.allCases.reduce(0) {
                try $0 + SealedSecretRepository(tx).count($1, notSealedBy: keyID)
            }
        }
        if !dryRun { try await audit(report, actor: actor) }
        return report
    }

    /// One batch of `place` in one transaction (a read-only one in a dry run): opens each value with the ring and
    /// seals it again under the current key. A row changed since it was read is left to the next run.
    private func resealBatch(
        _ place: SealedSecretPlace, after: UUID?, box: SecretBox, limit: Int, dryRun: Bool
    ) async throws -> (resealed: Int, unreadable: [UUID], next: UUID?) {
        let body: @Sendable (Transaction) throws -> (Int, [UUID], UUID?) = { tx in
            let repo = SealedSecretRepository(tx)
            let (rows, next) = try repo.pending(place, notSealedBy: box.keyID, after: after, limit: limit)
            var resealed = 0
            var unreadable: [UUID] = []
            for row in rows {
                guard let plain = try? row.sealed.map(box.open) else {
                    unreadable.append(row.id)
                    continue
                }
                if dryRun {
                    resealed += 1
                } else if try repo.replace(place, row, with: try box.seal(plain), keyID: box.keyID) {
                    resealed += 1
                }
            }
            return (resealed, unreadable, next)
        }
        return dryRun
            ? try await context.read(.superAdmin, body)
            : try await context.write(.superAdmin, body)
    }

    /// One audit row per run that changes the store: the counts and the current key's id (a fingerprint), nothing
    /// else.
    private func audit(_ report: SecretRotationReport, actor: Actor) async throws {
        let now = context.now()
        let after: JSONValue = [
            "key_id": .string(report.keyID),
            "resealed": .object(
                Dictionary(uniqueKeysWithValues: report.resealed.map { ($0.key.table, .number(Double($0.value))) })),
            "left": .number(Double(report.left)), "unreadable": .number(Double(report.unreadable.count)),
        ]
        try await context.write(.superAdmin) { tx in
            try AuditRepository(tx).record(
                account: nil, actor: actor, domain: .iam, action: "secrets.rotate", objectType: "secret_key",
                objectID: report.keyID, after: after, at: now)
        }
    }
}
