import Foundation

extension Transaction {
    /// The condition that limits a statement to this transaction's scope: `column = $n` for an account
    /// (the id is appended to `parameters`), `1 = 1` for the super-admin's cross-tenant scope.
    func tenantCondition(_ column: String = "account_id", _ parameters: inout [SQLValue]) -> String {
        guard let id = scope.accountID else { return "1 = 1" }
        parameters.append(.uuid(id))
        return "\(column) = $\(parameters.count)"
    }

    /// The account a write goes into; a write always names one, also for a super-admin.
    func writeAccount() throws -> UUID { try scope.requireAccount() }

    /// Appends a parameter and returns its placeholder.
    func bind(_ value: SQLValue, _ parameters: inout [SQLValue]) -> String {
        parameters.append(value)
        return "$\(parameters.count)"
    }
}

extension Date {
    /// Now, rounded to the microsecond the stores keep, so a value read back equals the value written.
    public static var storeNow: Date { Date().roundedToMicroseconds }

    /// This date rounded to whole microseconds.
    public var roundedToMicroseconds: Date {
        Date(timeIntervalSince1970: (timeIntervalSince1970 * 1_000_000).rounded() / 1_000_000)
    }
}

/// Decoding helpers shared by the repositories.
enum RowDecoding {
    static func domain(_ row: SQLRow, _ column: String = "domain") throws -> ProductDomain {
        guard let d = ProductDomain(rawValue: try row.string(column)) else {
            throw StorageError.decoding(column: column, expected: "console or copilot")
        }
        return d
    }

    static func scope(_ row: SQLRow) throws -> GrantScope {
        let kind = try row.string("scope")
        let id = row.optionalUUID("org_id") ?? row.optionalUUID("team_id") ?? row.optionalUUID("user_id")
        return try GrantScope.parse(kind: kind, id: id)
    }

    static func strings(_ row: SQLRow, _ column: String) throws -> [String] {
        try row.json(column).stringArray ?? []
    }
}

/// The org/team/user columns of a grant scope, as bound parameters.
extension GrantScope {
    var columnValues: (org: SQLValue, team: SQLValue, user: SQLValue) {
        switch self {
        case .account: (.null, .null, .null)
        case .org(let id): (.uuid(id), .null, .null)
        case .team(let id): (.null, .uuid(id), .null)
        case .user(let id): (.null, .null, .uuid(id))
        }
    }
}
