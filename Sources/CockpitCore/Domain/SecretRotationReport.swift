import Foundation

/// Where the store keeps sealed secrets (`SecretBox` text), named by their table.
public enum SealedSecretPlace: String, Sendable, CaseIterable, Codable {
    /// `copilot_connections.secret_sealed` (with `secret_key_id` beside it).
    case connections = "copilot_connections"
    /// `model_deployments.credentials`: provider credentials.
    case providerCredentials = "model_deployments"
    /// `account_sso.sealed_settings`: an account's SSO secrets, one sealed object beside their key names.
    case sso = "account_sso"

    /// The table the values live in.
    public var table: String { rawValue }

    /// What the values are, in the plural, for counts (`3 connection secrets`).
    public var noun: String {
        switch self {
        case .connections: "connection secrets"
        case .providerCredentials: "provider credentials"
        case .sso: "SSO secrets"
        }
    }
}

/// What one run of `cockpit secrets rotate` did (or, in a dry run, would do). Counts and row ids only, never a
/// secret.
public struct SecretRotationReport: Sendable, Equatable {
    /// A sealed value no key of the ring opens: its table and row id.
    public struct Unreadable: Sendable, Equatable, CustomStringConvertible {
        public let place: SealedSecretPlace
        public let id: UUID

        public init(place: SealedSecretPlace, id: UUID) { (self.place, self.id) = (place, id) }

        public var description: String { "\(place.table) \(id.lowercased)" }
    }

    /// The id of the current key (the one everything is re-sealed under).
    public var keyID: String
    /// True when nothing was changed: `resealed` then counts what a run would re-seal.
    public var dryRun: Bool
    /// Values re-sealed under the current key, by place (every place present, zero included).
    public var resealed: [SealedSecretPlace: Int]
    /// Values still not sealed by the current key after the run (the unreadable ones included).
    public var left: Int
    /// Values that could not be opened with any key of the ring, in the order they were met.
    public var unreadable: [Unreadable]

    public init(
        keyID: String, dryRun: Bool, resealed: [SealedSecretPlace: Int] = [:], left: Int = 0,
        unreadable: [Unreadable] = []
    ) {
        self.keyID = keyID
        self.dryRun = dryRun
        self.resealed = Dictionary(uniqueKeysWithValues: SealedSecretPlace.allCases.map { ($0, resealed[$0] ?? 0) })
        self.left = left
        self.unreadable = unreadable
    }

    /// The number re-sealed (or, in a dry run, to re-seal) in `place`.
    public subscript(_ place: SealedSecretPlace) -> Int { resealed[place] ?? 0 }

    /// The values re-sealed in every place together.
    public var total: Int { resealed.values.reduce(0, +) }

    /// One line: `re-sealed 2 connection secrets, 1 provider credentials, 0 SSO secrets; 0 left`
    /// (`would re-seal …` in a dry run).
    public var summary: String {
        let counts = [SealedSecretPlace.connections, .providerCredentials, .sso].map { "\(self[$0]) \($0.noun)" }
        return (dryRun ? "would re-seal " : "re-sealed ") + counts.joined(separator: ", ") + "; \(left) left"
    }
}
