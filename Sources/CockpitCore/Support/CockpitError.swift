/// The errors a use case reports to its caller. Each has a message fit to show a user; the HTTP layer maps
/// the cases to status codes in one place, the CLI prints the message, the cockpit shows it in the form.
public enum CockpitError: Error, Sendable, Equatable {
    /// A field is missing, malformed or out of range.
    case invalid(field: String, reason: String)
    /// The request as a whole is wrong, in words that name no single field (the original's exact texts).
    case badRequest(String)
    /// A service cockpit called on the caller's behalf (Zitadel's management API) failed; the message says how.
    case upstream(String)
    /// The object does not exist, or is in another tenant (never told apart, so nothing leaks).
    case notFound(String)
    /// Nothing to act on, said in full (a 404 whose message is not "<what> not found", e.g. the original's
    /// `No active budget plan found`).
    case nothingFound(String)
    /// The change collides with an existing object (duplicate name, email, domain…).
    case conflict(String)
    /// The caller is not allowed to do this.
    case forbidden(String)
    /// A tenant route was called without an account (for example by a super-admin without `X-Account-Id`).
    case accountContextRequired
    /// The account is suspended or deleted.
    case accountInactive(String)
    /// The store is unreachable; the message says what failed, never a stack trace.
    case unavailable(String)
    /// No valid credential: missing, unknown, expired, tampered or revoked.
    case unauthenticated(String)

    /// The user-facing message.
    public var message: String {
        switch self {
        case .invalid(let field, let reason): "\(field) \(reason)"
        case .badRequest(let m): m
        case .upstream(let m): m
        case .notFound(let what): "\(what) not found"
        case .nothingFound(let m): m
        case .conflict(let m): m
        case .forbidden(let m): m
        case .accountContextRequired: "account context required"
        case .accountInactive(let m): m
        case .unavailable(let m): m
        case .unauthenticated(let m): m
        }
    }
}

extension CockpitError: CustomStringConvertible {
    public var description: String { message }
}
