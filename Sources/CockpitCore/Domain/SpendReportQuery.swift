import Foundation

/// Which spend rows a log query returns; every set filter must match.
public struct SpendLogFilter: Sendable, Equatable {
    public var from: Date
    public var to: Date
    public var keyHash: String?
    public var requestID: String?
    public var userID: String?
    public var teamID: String?

    public init(
        from: Date, to: Date, keyHash: String? = nil, requestID: String? = nil, userID: String? = nil,
        teamID: String? = nil
    ) {
        self.from = from
        self.to = to
        self.keyHash = keyHash
        self.requestID = requestID
        self.userID = userID
        self.teamID = teamID
    }
}

/// One row of a per-day spend report: a day, a group (team, key, user or model) and a model within it.
public struct SpendReportRow: Sendable, Equatable {
    public var day: String
    public var group: String
    public var domain: String
    public var model: String
    public var requests: Int64
    public var promptTokens: Int64
    public var completionTokens: Int64
    public var cost: Double
}
