import Foundation

/// One gateway request's usage and cost. Owner ids are snapshots (text) so history survives deletes.
public struct SpendLog: Sendable, Equatable, Codable {
    public var requestID: String
    public var accountID: UUID
    public var keyHash: String
    public var userID: String
    public var teamID: String
    public var orgID: String
    public var domain: String
    public var model: String
    public var modelGroup: String
    public var deploymentID: String
    public var promptTokens: Int64
    public var completionTokens: Int64
    public var cost: Double
    public var startTime: Date
    public var endTime: Date
    public var firstTokenTime: Date?
    /// `success` or `failure`.
    public var status: String
    public var cacheHit: Bool
    /// The customer (end user) the request was charged to: its `user` field; nil or empty for none. Optional so that
    /// spill files written before it was recorded still read.
    public var endUser: String?
    /// For a key owned in the copilot tree, what the request is charged in credits (its ledger row); nil otherwise.
    public var credit: CreditCharge? = nil
    /// The guardrail hits of the request (nil: none), stored as `guardrail_hits`.
    public var guardrailHits: [GuardrailHitSummary]? = nil

    /// Prompt plus completion tokens.
    public var totalTokens: Int64 { promptTokens + completionTokens }
}

/// Spend summed per day and per (key, user, team, org, domain, model).
public struct SpendDaily: Sendable, Equatable, Codable {
    public var accountID: UUID
    /// `YYYY-MM-DD` (UTC).
    public var day: String
    public var keyHash: String
    public var userID: String
    public var teamID: String
    public var orgID: String
    public var domain: String
    public var model: String
    public var requests: Int64
    public var failures: Int64
    public var promptTokens: Int64
    public var completionTokens: Int64
    public var cost: Double
}

/// What a spend breakdown groups by.
public enum SpendDimension: String, Sendable, CaseIterable {
    case model, key, team, user, org, day
}

/// One group of a spend breakdown.
public struct SpendTotal: Sendable, Equatable {
    public var group: String
    public var requests: Int64
    public var promptTokens: Int64
    public var completionTokens: Int64
    public var cost: Double

    public init(group: String, requests: Int64, promptTokens: Int64, completionTokens: Int64, cost: Double) {
        self.group = group
        self.requests = requests
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.cost = cost
    }
}
