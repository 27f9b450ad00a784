import Foundation

/// One row of the copilot usage ledger (append-only): who used credits (organization, team, user: text as reported),
/// for what (agent, model, connection, guardrail), the raw cost in micro-USD, the factor applied and the credits
/// incurred in micro-credits.
public struct CreditLedgerEntry: Sendable, Equatable, Codable {
    public var id: UUID
    public var accountID: UUID
    /// The plan active when the row was written: the cycle it counts against (nil when none was active).
    public var planID: UUID?
    public var orgID: String?
    public var teamID: String?
    public var userID: String?
    public var agentID: String?
    public var modelName: String?
    public var connectionID: String?
    public var guardrailCode: String?
    public var rawCost: Int64
    public var creditFactor: Double
    public var creditsIncurred: Int64
    public var metadata: JSONValue
    /// A client's id for the work, recorded once (cockpit's addition; nil when not sent).
    public var requestID: String?
    public var createdAt: Date

    public init(
        id: UUID, accountID: UUID, planID: UUID? = nil, attribution: CreditAttribution, rawCost: Int64,
        creditFactor: Double, creditsIncurred: Int64, metadata: JSONValue = .emptyObject, requestID: String? = nil,
        createdAt: Date
    ) {
        (self.id, self.accountID, self.planID) = (id, accountID, planID)
        (orgID, teamID, userID, agentID) = (
            attribution.orgID, attribution.teamID, attribution.userID, attribution.agentID
        )
        (modelName, connectionID, guardrailCode) = (
            attribution.modelName, attribution.connectionID, attribution.guardrailCode
        )
        (self.rawCost, self.creditFactor, self.creditsIncurred) = (rawCost, creditFactor, creditsIncurred)
        (self.metadata, self.requestID, self.createdAt) = (metadata, requestID, createdAt)
    }

    /// What the row is attributed to.
    public var attribution: CreditAttribution {
        CreditAttribution(
            orgID: orgID, teamID: teamID, userID: userID, agentID: agentID, modelName: modelName,
            connectionID: connectionID, guardrailCode: guardrailCode)
    }
}

/// Who and what a ledger row is charged to; every field optional free text, as clients report it.
public struct CreditAttribution: Sendable, Equatable, Hashable, Codable {
    public var orgID: String?
    public var teamID: String?
    public var userID: String?
    public var agentID: String?
    public var modelName: String?
    public var connectionID: String?
    public var guardrailCode: String?

    public init(
        orgID: String? = nil, teamID: String? = nil, userID: String? = nil, agentID: String? = nil,
        modelName: String? = nil, connectionID: String? = nil, guardrailCode: String? = nil
    ) {
        (self.orgID, self.teamID, self.userID, self.agentID) = (orgID, teamID, userID, agentID)
        (self.modelName, self.connectionID, self.guardrailCode) = (modelName, connectionID, guardrailCode)
    }

    /// The tree scopes a row counts for: its user, team and organization, each when present.
    public var usageScopes: [(CreditUsageScope, String)] {
        [(.user, userID), (.team, teamID), (.org, orgID)].compactMap { kind, id in id.map { (kind, $0) } }
    }
}

/// The scopes usage is summed over: the tree's and the account's total.
public enum CreditUsageScope: String, Sendable, Codable {
    case account, org, team, user
}

/// What a gateway request made with a copilot-owned key is charged in credits: the plan active when it was admitted,
/// the account's credit factor then, the copilot user, team and organization its key resolves to (its credit chain),
/// and the agent, connection and guardrail the request named in its `metadata` (`agent_id`, `connection_id`,
/// `guardrail_code`). The spend writer turns it into the request's ledger row, in the transaction that stores its
/// spend row.
public struct CreditCharge: Sendable, Equatable, Codable {
    public var planID: UUID?
    public var creditFactor: Double
    public var attribution: CreditAttribution

    public init(planID: UUID?, creditFactor: Double, attribution: CreditAttribution) {
        (self.planID, self.creditFactor, self.attribution) = (planID, creditFactor, attribution)
    }
}
