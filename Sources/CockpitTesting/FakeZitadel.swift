import CockpitCore
import CryptoExtras
import Foundation
import Hummingbird
import JWTKit

/// A fake Zitadel for tests and demos: OpenID discovery and a JWKS with key rotation, and a minter that signs
/// tokens with any claims and keys (including ones the issuer never published). Serve `router()` on a loopback
/// port and set `issuer` to its origin before minting.
public actor FakeZitadel {
    /// One signing key.
    public struct SigningKey: Sendable {
        public let kid: String
        let privateKey: _RSA.Signing.PrivateKey
    }

    public var issuer = "http://127.0.0.1"
    public private(set) var published: [SigningKey] = []
    /// How many times the JWKS was fetched (tests check the cooldown with it).
    public private(set) var jwksFetches = 0
    /// Bytes of filler added to the JWKS document (a runaway or hostile issuer).
    public private(set) var jwksPadding = 0

    public func setJWKSPadding(_ bytes: Int) { jwksPadding = bytes }
    /// The client allowed to introspect, as `id:secret`.
    public var introspectionClient = "introspector:introspection-secret"
    /// Opaque tokens the fake knows, with their claims.
    private var opaque: [String: JSONValue] = [:]
    /// How many introspection calls arrived.
    public private(set) var introspections = 0

    /// Makes an opaque token (as Zitadel issues for personal access tokens) that introspects to `claims`.
    public func issueOpaque(_ claims: JSONValue) -> String {
        let token = "opaque-" + UUID().uuidString.lowercased()
        opaque[token] = claims
        return token
    }

    /// The introspection answer for a token: its claims with `active: true`, or `{"active": false}`.
    public func introspect(token: String, basicAuth: String?) -> (status: Int, body: JSONValue) {
        introspections += 1
        guard basicAuth == "Basic " + Data(introspectionClient.utf8).base64EncodedString() else {
            return (401, ["error": "invalid_client"])
        }
        guard var claims = opaque[token]?.objectValue else { return (200, ["active": false]) }
        claims["active"] = true
        return (200, .object(claims))
    }

    public init() async throws {
        published = [try await Self.newKey()]
    }

    public func setIssuer(_ origin: String) { issuer = origin }

    /// A new RSA-2048 key with a numeric id, as Zitadel's look. Generated on a dispatch thread: it takes a third of
    /// a second of CPU in a debug build, and on one of Swift's shared threads it held up the loopback servers other
    /// tests wait on (CI saw their requests time out).
    public static func newKey() async throws -> SigningKey {
        try await withCheckedThrowingContinuation { done in
            DispatchQueue.global().async {
                done.resume(
                    with: Result {
                        SigningKey(
                            kid: String(UInt64.random(in: 100_000_000_000_000_000...999_999_999_999_999_999)),
                            privateKey: try _RSA.Signing.PrivateKey(keySize: .bits2048))
                    })
            }
        }
    }

    /// Publishes a new key; `keepOld` keeps serving the previous ones too.
    @discardableResult
    public func rotate(keepOld: Bool = false) async throws -> SigningKey {
        let key = try await Self.newKey()
        published = keepOld ? published + [key] : [key]
        return key
    }

    /// The key tokens are signed with by default.
    public var currentKey: SigningKey { published.last! }

    /// Signs `claims` with `key` (default: the current key), RS256, `kid` in the header.
    public func mint(_ claims: JSONValue, key: SigningKey? = nil) async throws -> String {
        let key = key ?? currentKey
        let keys = JWTKeyCollection()
        await keys.add(
            rsa: try Insecure.RSA.PrivateKey(backing: key.privateKey), digestAlgorithm: .sha256,
            kid: JWKIdentifier(string: key.kid))
        return try await keys.sign(Claims(claims: claims), kid: JWKIdentifier(string: key.kid))
    }

    /// Usual claims for a user of `organization` holding `roles` there, valid for an hour from `now`.
    public func claims(
        subject: String = "305924551714316751", organization: String, roles: [String], projectID: String,
        now: Date = Date(), extra: [String: JSONValue] = [:]
    ) -> JSONValue {
        var members: [String: JSONValue] = [
            "iss": .string(issuer), "sub": .string(subject), "aud": [.string(projectID), "client-1"],
            "exp": .number((now.timeIntervalSince1970 + 3600).rounded()),
            "iat": .number(now.timeIntervalSince1970.rounded()),
            "email": .string("\(subject)@zitadel.test"), "urn:zitadel:iam:user:resourceowner:id": .string(organization),
            "urn:zitadel:iam:org:project:\(projectID):roles": .object(
                Dictionary(
                    uniqueKeysWithValues: roles.map {
                        ($0, JSONValue.object([organization: "acme.zitadel.test"]))
                    })),
        ]
        for (k, v) in extra { members[k] = v }
        return .object(members)
    }

    /// The JWKS document of the published keys.
    public func jwks() throws -> JSONValue {
        jwksFetches += 1
        var document: [String: JSONValue] = [
            "keys": .array(
                try published.map { key in
                    let primitives = try key.privateKey.publicKey.getKeyPrimitives()
                    return [
                        "kty": "RSA", "use": "sig", "alg": "RS256", "kid": .string(key.kid),
                        "n": .string(Base64URL.encode(primitives.modulus)),
                        "e": .string(Base64URL.encode(primitives.publicExponent)),
                    ]
                })
        ]
        if jwksPadding > 0 { document["padding"] = .string(String(repeating: "x", count: jwksPadding)) }
        return .object(document)
    }

    /// Discovery and keys, at Zitadel's paths.
    public nonisolated func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/.well-known/openid-configuration") { _, _ -> Response in
            let issuer = await self.issuer
            return Self.json([
                "issuer": .string(issuer), "jwks_uri": .string("\(issuer)/oauth/v2/keys"),
                "introspection_endpoint": .string("\(issuer)/oauth/v2/introspect"),
            ])
        }
        router.get("/oauth/v2/keys") { _, _ -> Response in Self.json(try await self.jwks()) }
        router.post("/oauth/v2/introspect") { request, _ -> Response in
            var request = request
            let form = String(buffer: try await request.collectBody(upTo: 1 << 16))
            let token =
                form.split(separator: "&").first { $0.hasPrefix("token=") }.map {
                    String($0.dropFirst(6)).removingPercentEncoding ?? ""
                } ?? ""
            let (status, body) = await self.introspect(token: token, basicAuth: request.headers[.authorization])
            var response = Self.json(body)
            response.status = .init(code: status)
            return response
        }
        return router
    }

    static func json(_ value: JSONValue) -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: .init(string: value.encodedString)))
    }

    struct Claims: JWTPayload {
        let claims: JSONValue
        init(claims: JSONValue) { self.claims = claims }
        init(from decoder: Decoder) throws { claims = try JSONValue(from: decoder) }
        func encode(to encoder: Encoder) throws { try claims.encode(to: encoder) }
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }
}
