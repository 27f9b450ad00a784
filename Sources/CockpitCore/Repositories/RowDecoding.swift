import Foundation

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
