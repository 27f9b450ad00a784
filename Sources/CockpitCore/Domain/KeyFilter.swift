import Foundation

/// What LiteLLM's `/key/list` filters keys by; every set filter must match.
public struct KeyFilter: Sendable, Equatable {
    public var userID: UUID?
    public var teamID: UUID?
    public var orgID: UUID?
    public var alias: String?
    /// The SHA-256 of a key's secret (LiteLLM's `key_hash`).
    public var keyHash: String?

    public init(
        userID: UUID? = nil, teamID: UUID? = nil, orgID: UUID? = nil, alias: String? = nil, keyHash: String? = nil
    ) {
        self.userID = userID
        self.teamID = teamID
        self.orgID = orgID
        self.alias = alias
        self.keyHash = keyHash
    }
}
