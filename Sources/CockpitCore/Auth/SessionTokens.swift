import Crypto
import Foundation

/// Cockpit session tokens: `cks1.<payload>.<signature>`, base64url, HMAC-SHA256 under a secret of their own
/// (COCKPIT_SESSION_SECRET, never the master key). The expiry is always checked.
public struct SessionTokens: Sendable {
    /// What a token says.
    public struct Claims: Codable, Sendable, Equatable {
        /// The super-admin's login name or the admin's email.
        public var sub: String
        /// The admin's account; nil for the super-admin.
        public var accountID: UUID?
        public var roles: [Role]
        /// Expiry and issue time, Unix seconds.
        public var exp: Int64
        public var iat: Int64
        /// The credential version the session was issued under (`credentialVersion`); the session ends when the
        /// holder's current version differs (password changed or removed, logout).
        public var cv: String?

        enum CodingKeys: String, CodingKey {
            case sub, roles, exp, iat, cv
            case accountID = "account_id"
        }
    }

    static let prefix = "cks1."
    private let key: Data
    /// How long a token lives.
    public let lifetime: TimeInterval

    /// - Parameter secret: at least 16 bytes.
    public init(secret: String, lifetime: TimeInterval = 12 * 3600) throws {
        guard secret.utf8.count >= 16 else {
            throw CockpitError.invalid(field: "COCKPIT_SESSION_SECRET", reason: "must be at least 16 characters")
        }
        key = Data(secret.utf8)
        self.lifetime = lifetime
    }

    /// True when the text has the shape of a session token (so the chain does not try it as anything else).
    public static func looksLikeToken(_ text: String) -> Bool { text.hasPrefix(prefix) }

    /// Issues a token for `sub` valid from `now` for `lifetime`, bound to credential version `cv`.
    public func issue(
        sub: String, accountID: UUID?, roles: [Role], cv: String? = nil, now: Date = Date()
    ) -> (token: String, claims: Claims) {
        let iat = Int64(now.timeIntervalSince1970)
        let claims = Claims(sub: sub, accountID: accountID, roles: roles, exp: iat + Int64(lifetime), iat: iat, cv: cv)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let payload = Base64URL.encode((try? encoder.encode(claims)) ?? Data())
        return (Self.prefix + payload + "." + signature(payload), claims)
    }

    /// The claims of a valid, unexpired token; nil for anything tampered, malformed or expired.
    public func verify(_ token: String, now: Date = Date()) -> Claims? {
        guard token.hasPrefix(Self.prefix), token.utf8.count <= 4096 else { return nil }
        let parts = token.dropFirst(Self.prefix.count).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, KeyGenerator.constantTimeEquals(signature(String(parts[0])), String(parts[1])),
            let data = Base64URL.decode(String(parts[0])),
            let claims = try? JSONDecoder().decode(Claims.self, from: data),
            Int64(now.timeIntervalSince1970) < claims.exp
        else { return nil }
        return claims
    }

    /// A short digest of what a holder's sessions depend on (a password hash or the super-admin's password, and a
    /// session epoch); never the secret itself.
    public static func credentialVersion(secret: String, epoch: Int64) -> String {
        let digest = SHA256.hash(data: Data("cockpit-session:\(epoch):\(secret)".utf8))
        return digest.prefix(12).map { String(format: "%02x", $0) }.joined()
    }

    private func signature(_ payload: String) -> String {
        Base64URL.encode(Data(HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: SymmetricKey(data: key))))
    }
}
