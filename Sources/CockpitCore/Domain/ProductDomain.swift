/// The two product trees of an account. Each has its own organizations, teams, users and memberships;
/// the schema never lets one reference the other.
public enum ProductDomain: String, Sendable, Codable, CaseIterable, Hashable {
    case console
    case copilot

    /// Parses `console` or `copilot`, or throws a clear error naming the field.
    public static func parse(_ text: String, field: String = "domain") throws -> ProductDomain {
        guard let value = ProductDomain(rawValue: text.lowercased()) else {
            throw CockpitError.invalid(field: field, reason: "must be console or copilot")
        }
        return value
    }
}
