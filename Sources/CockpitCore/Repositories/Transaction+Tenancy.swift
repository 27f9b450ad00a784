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
