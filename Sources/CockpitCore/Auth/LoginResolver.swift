import Foundation

/// Email-first login (`POST /v2/login/resolve`, the original's): which way an email signs in. An active account
/// whose domain is the email's and whose SSO settings are enabled (or whose Zitadel settings are enabled while the
/// installation has a Zitadel client) signs in through its provider, and the answer carries the provider's
/// authorization URL with the email as `login_hint`; anyone else (the super-admin, unknown domains, accounts without
/// SSO) signs in with a password. As in the original, an installation with a Zitadel client sends every account
/// that has not turned Zitadel off (`zitadel.enabled: false`) to Zitadel when it has no SSO settings of its own. No permission: this is how a caller finds its way to a principal.
public struct LoginResolver: Sendable {
    let cockpit: Cockpit

    /// How an email signs in.
    public struct Answer: Sendable, Equatable {
        /// `password` or `sso`.
        public var method: String
        public var accountID: UUID?
        public var ssoProvider: String?
        /// Where the browser goes to sign in (`sso` only).
        public var ssoURL: String?
    }

    /// The sign-in way of `email`; `redirectURI` (cockpit's addition) is passed to the provider when given.
    public func resolve(email raw: String, redirectURI: String? = nil) async throws -> Answer {
        let password = Answer(method: "password")
        let email = raw.trimmingCharacters(in: .whitespaces).lowercased()
        guard let at = email.lastIndex(of: "@"), email.index(after: at) < email.endIndex,
            email != cockpit.settings["UI_USERNAME"]?.lowercased()
        else { return password }
        let domain = String(email[email.index(after: at)...])
        let found = try await cockpit.database.read(.superAdmin) { tx -> (Account, AccountSSORepository.Stored?)? in
            guard let account = try AccountRepository(tx).find(domain: domain), account.isActive else { return nil }
            return (account, try AccountSSORepository(tx).get(account: account.id))
        }
        guard let (account, sso) = found else { return password }
        var query: [(String, String)] = [("response_type", "code"), ("scope", "openid email profile")]
        if let redirectURI { query.append(("redirect_uri", redirectURI)) }
        query.append(("login_hint", email))
        if let sso, sso.row.enabled, let (provider, base, client) = Self.endpoint(sso.row) {
            return Answer(
                method: "sso", accountID: account.id, ssoProvider: provider,
                ssoURL: Self.url(base, [("client_id", client)] + query))
        }
        if account.metadata["zitadel"]?["enabled"] != .bool(false),
            let settings = try? ZitadelSettings(settings: cockpit.settings), let client = settings.clientID
        {
            let base = settings.issuer.hasSuffix("/") ? settings.issuer : settings.issuer + "/"
            return Answer(
                method: "sso", accountID: account.id, ssoProvider: "zitadel",
                ssoURL: Self.url(base + "oauth/v2/authorize", [("client_id", client)] + query))
        }
        return Answer(method: "password", accountID: account.id)
    }

    /// The provider's name, authorization endpoint and client id from an account's SSO settings (nil when they do
    /// not name enough to sign in).
    static func endpoint(_ row: AccountSSO) -> (String, String, String)? {
        let s = row.settings.compactMapValues { $0.stringValue?.trimmingCharacters(in: .whitespaces) }
        switch row.provider?.lowercased() {
        case "google"?:
            return s["google_client_id"].map { ("google", "https://accounts.google.com/o/oauth2/v2/auth", $0) }
        case "microsoft"?:
            guard let client = s["microsoft_client_id"] else { return nil }
            let tenant = s["microsoft_tenant"].flatMap { $0.isEmpty ? nil : $0 } ?? "common"
            return ("microsoft", "https://login.microsoftonline.com/\(tenant)/oauth2/v2.0/authorize", client)
        case let provider?:
            guard let client = s["generic_client_id"] ?? s["client_id"],
                let base = s["generic_authorization_endpoint"] ?? s["authorization_endpoint"],
                base.hasPrefix("https://") || base.hasPrefix("http://")
            else { return nil }
            return (provider, base, client)
        case nil: return nil
        }
    }

    static func url(_ base: String, _ query: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let encoded = query.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }
        return base + (base.contains("?") ? "&" : "?") + encoded.joined(separator: "&")
    }
}

extension LoginResolver.Answer {
    init(method: String, accountID: UUID? = nil) {
        self.init(method: method, accountID: accountID, ssoProvider: nil, ssoURL: nil)
    }
}
