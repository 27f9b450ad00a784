import Foundation
import JWTKit

/// What a verified Zitadel token says about its holder.
public struct ZitadelIdentity: Sendable, Equatable {
    /// The Zitadel user id (`sub`).
    public var subject: String
    public var email: String?
    /// The user's organization (resource owner), or the only organization of the role map.
    public var organizationID: String?
    /// Project role key → the organizations where it is held.
    public var roles: [String: Set<String>]
    /// Every claim of the token (the product-domains claim is read from here once the account is known).
    public var claims: JSONValue = .emptyObject

    /// The role keys held in one organization.
    public func roles(in organization: String) -> Set<String> {
        Set(roles.filter { $0.value.contains(organization) }.map(\.key))
    }
}

/// Verifies Zitadel JWTs: signature with a key from the issuer's JWKS, algorithm from that key and on an allow list
/// (never `none`, never HMAC), exact `iss`, `aud` holding the project or client id, `exp`/`nbf` within the skew.
public final class ZitadelVerifier: Sendable {
    let settings: ZitadelSettings
    private let jwks: JWKSCache
    private let http: CurlHTTPClient
    private let introspections = CredentialCache<JSONValue>(ttl: 30)

    public init(settings: ZitadelSettings, http: CurlHTTPClient) {
        self.settings = settings
        self.http = http
        jwks = JWKSCache(http: http, settings: settings)
    }

    /// The management API client, when a token for it is configured (ZITADEL_PAT or ZITADEL_MGMT_API_TOKEN).
    func managementClient() -> ZitadelManagementClient? {
        guard let pat = settings.pat, !pat.isEmpty else { return nil }
        return ZitadelManagementClient(
            http: http, issuer: settings.managementBaseURL ?? settings.issuer, pat: pat,
            organizationID: settings.organizationID)
    }

    /// What `/v1/auth/zitadel/status` reports: the settings in force and whether the issuer's keys can be had.
    public func status() async -> JSONValue {
        var jwks: JSONValue
        do { jwks = ["reachable": true, "keys": .number(Double(try await self.jwks.publishedKeys()))] } catch {
            jwks = ["reachable": false, "error": .string("\(error)")]
        }
        return [
            "configured": true, "issuer": .string(settings.issuer), "project_id": .string(settings.projectID),
            "client_id": settings.clientID.map(JSONValue.string) ?? .null,
            "introspection": .bool(settings.introspectionClientID != nil),
            "super_admin_roles": .array(settings.superAdminRoles.sorted().map(JSONValue.string)), "jwks": jwks,
        ]
    }

    /// True when the text has the shape of a JWT (three base64url parts, a JSON header).
    public static func looksLikeJWT(_ text: String) -> Bool {
        text.hasPrefix("eyJ") && text.split(separator: ".", omittingEmptySubsequences: false).count == 3
    }

    /// The algorithm and key id a token's header names, read before any key is fetched (and fuzzed, see
    /// docs/FUZZING.md); `.unauthenticated` when the token is malformed or its algorithm is not allowed.
    public static func header(of token: String) throws -> (alg: String, kid: String) {
        func refuse(_ why: String) -> CockpitError { .unauthenticated("invalid token: \(why)") }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, token.utf8.count <= 16_384, let headerData = Base64URL.decode(String(parts[0])),
            let header = try? JSONValue.parse(String(decoding: headerData, as: UTF8.self))
        else { throw refuse("malformed") }
        guard let alg = header["alg"]?.stringValue, JWKSCache.allowed.contains(alg) else {
            throw refuse("algorithm not allowed")
        }
        guard let kid = header["kid"]?.stringValue else { throw refuse("no key id") }
        return (alg, kid)
    }

    /// The identity in a valid token; `.unauthenticated` naming the reason otherwise.
    public func verify(_ token: String, now: Date = Date()) async throws -> ZitadelIdentity {
        func refuse(_ why: String) -> CockpitError { .unauthenticated("invalid token: \(why)") }
        let (alg, kid) = try Self.header(of: token)
        guard let (keys, keyAlg) = try await jwks.key(kid, now: now) else { throw refuse("unknown key") }
        guard keyAlg == alg else { throw refuse("algorithm does not match the key") }
        let claims: JSONValue
        do { claims = try await keys.verify(token, as: RawClaims.self).claims } catch { throw refuse("bad signature") }

        return try identity(from: claims, introspected: false, now: now)
    }

    /// An opaque token (or personal access token), asked of the issuer's introspection endpoint with the
    /// introspection client's credentials; `active: false` is `.unauthenticated`. Answers are cached for 30 s
    /// (never past the token's expiry) by the token's SHA-256.
    public func introspect(_ token: String, now: Date = Date()) async throws -> ZitadelIdentity {
        guard let client = settings.introspectionClientID, let secret = settings.introspectionClientSecret else {
            throw CockpitError.unauthenticated("invalid credential")
        }
        let hash = KeyGenerator.hash(token)
        if let cached = introspections.get(hash, now: now) {
            guard cached["active"] == .bool(true) else {
                throw CockpitError.unauthenticated("invalid token: not active")
            }
            return try identity(from: cached, introspected: true, now: now)
        }
        let form = "token=" + (token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        let basic = Data("\(client):\(secret)".utf8).base64EncodedString()
        let response: HTTPClientResponse
        do {
            var request = HTTPClientRequest(
                url: "\(settings.issuer)/oauth/v2/introspect", method: "POST",
                headers: [
                    ("Authorization", "Basic \(basic)"), ("Content-Type", "application/x-www-form-urlencoded"),
                    ("Accept", "application/json"),
                ],
                body: Array(form.utf8), timeout: 10)
            request.maxResponseBytes = JWKSCache.maxDocumentBytes
            response = try await http.send(request)
        } catch {
            throw CockpitError.unavailable("Zitadel introspection failed: \(error)")
        }
        guard response.status == 200, let claims = try? JSONValue.parse(response.text) else {
            throw CockpitError.unavailable("Zitadel introspection answered \(response.status)")
        }
        introspections.set(hash, claims, now: now)  // refusals too, so a flood of junk does not reach the issuer
        guard claims["active"] == .bool(true) else { throw CockpitError.unauthenticated("invalid token: not active") }
        return try identity(from: claims, introspected: true, now: now)
    }

    /// The checks every token passes, signed or introspected, and what it says.
    private func identity(from claims: JSONValue, introspected: Bool, now: Date) throws -> ZitadelIdentity {
        func refuse(_ why: String) -> CockpitError { .unauthenticated("invalid token: \(why)") }
        // A signed token must name its issuer; an introspection answer may leave it out (the issuer itself answered).
        guard claims["iss"]?.stringValue.map({ $0 == settings.issuer }) ?? introspected else {
            throw refuse(claims["iss"] == nil ? "no issuer" : "wrong issuer")
        }
        let audiences = claims["aud"]?.stringArray ?? claims["aud"]?.stringValue.map { [$0] } ?? []
        let accepted = [settings.projectID] + (settings.clientID.map { [$0] } ?? [])
        guard audiences.contains(where: accepted.contains) else { throw refuse("wrong audience") }
        let time = now.timeIntervalSince1970
        guard let exp = claims["exp"]?.doubleValue, exp + settings.clockSkew > time else { throw refuse("expired") }
        if let nbf = claims["nbf"]?.doubleValue, nbf - settings.clockSkew > time { throw refuse("not yet valid") }
        guard let subject = claims["sub"]?.stringValue, !subject.isEmpty else { throw refuse("no subject") }

        let roleClaim =
            claims["urn:zitadel:iam:org:project:\(settings.projectID):roles"]
            ?? claims["urn:zitadel:iam:org:project:roles"]
        var roles: [String: Set<String>] = [:]
        for (role, orgs) in roleClaim?.objectValue ?? [:] { roles[role] = Set((orgs.objectValue ?? [:]).keys) }
        let allOrgs = Set(roles.values.flatMap { $0 })
        let organization =
            claims["urn:zitadel:iam:user:resourceowner:id"]?.stringValue ?? claims["urn:zitadel:iam:org:id"]?
            .stringValue
            ?? (allOrgs.count == 1 ? allOrgs.first : nil)
        return ZitadelIdentity(
            subject: subject, email: claims["email"]?.stringValue, organizationID: organization, roles: roles,
            claims: claims)
    }

    /// Any claims, kept as JSON; the checks above are ours, not the payload's.
    struct RawClaims: JWTPayload {
        let claims: JSONValue
        init(from decoder: Decoder) throws { claims = try JSONValue(from: decoder) }
        func encode(to encoder: Encoder) throws { try claims.encode(to: encoder) }
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }
}
