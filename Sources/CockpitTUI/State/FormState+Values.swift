import CockpitCore
import Foundation

/// What a form's typed text means: lists, amounts, team roles. A value that does not parse is refused with the
/// field's name, as the core refuses, and the form stays open.
extension FormState {
    /// A comma-separated list as typed.
    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// An amount in USD as typed: nil when empty.
    static func amount(_ text: String, field: String) throws -> Double? {
        guard !text.isEmpty else { return nil }
        guard let value = Double(text), value.isFinite else {
            throw CockpitError.invalid(field: field, reason: "must be a number of USD, like 500")
        }
        return value
    }

    /// A limit as a form shows it: empty for none.
    static func text(_ value: Int64?) -> String { value.map { String($0) } ?? "" }

    /// A whole number of at least 0 as typed (a limit): nil when empty.
    static func count(_ text: String, field: String) throws -> Int64? {
        guard !text.isEmpty else { return nil }
        guard let value = Int64(text), value >= 0 else {
            throw CockpitError.invalid(field: field, reason: "must be a whole number of at least 0")
        }
        return value
    }

    /// A member form's role: member or admin (true).
    func isAdminRole() throws -> Bool {
        let role = value("role").lowercased()
        guard ["member", "admin"].contains(role) else {
            throw CockpitError.invalid(field: "team role", reason: "must be member or admin")
        }
        return role == "admin"
    }
}
