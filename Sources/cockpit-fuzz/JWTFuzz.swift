import CockpitCore
import Crypto
import Foundation
import JWTKit

/// Bearer tokens: the Zitadel path up to the signature check (`ZitadelVerifier.looksLikeJWT`, `header(of:)`, and
/// JWTKit's parser, which `JWTKeyCollection.verify` runs before it checks a signature) and cockpit session tokens
/// (`SessionTokens.verify`).
///
/// Each input is tried as token text, and wrapped so it gets past the base64url layer: as the header and payload of
/// a JWT, and as the payload of a correctly signed session token (so the claims decoding is reached).
enum JWTFuzz {
    static let secret = "fuzz-session-secret-0123456789"
    static let sessions = try! SessionTokens(secret: secret)
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func run(_ input: FuzzInput) {
        let text = input.text
        let encoded = Base64URL.encode(Data(input.bytes))
        for token in [text, encoded + "." + encoded + ".c2ln"] { zitadel(token) }
        session(text)
        session(signed(encoded))
    }

    /// Everything a Zitadel token goes through before a key is needed.
    static func zitadel(_ token: String) {
        _ = ZitadelVerifier.looksLikeJWT(token)
        if let (alg, _) = try? ZitadelVerifier.header(of: token) {
            Fuzz.expect(
                ["RS256", "RS384", "RS512", "ES256", "ES384", "EdDSA"].contains(alg),
                "header(of:) let algorithm '\(alg)' through")
        }
        _ = try? DefaultJWTParser().parse(Array(token.utf8), as: AnyClaims.self)
    }

    /// A session token: only a correctly signed, unexpired one may give claims.
    static func session(_ token: String) {
        _ = SessionTokens.looksLikeToken(token)
        if let claims = sessions.verify(token, now: now) {
            Fuzz.expect(claims.exp > Int64(now.timeIntervalSince1970), "an expired session token was accepted")
        }
    }

    /// `cks1.<payload>.<signature>` signed with the fuzz secret, as `SessionTokens` signs.
    static func signed(_ payload: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return "cks1." + payload + "." + Base64URL.encode(Data(mac))
    }

    /// Any claims, as JSON (the shape `ZitadelVerifier` reads tokens into).
    struct AnyClaims: JWTPayload {
        let claims: JSONValue
        init(from decoder: Decoder) throws { claims = try JSONValue(from: decoder) }
        func encode(to encoder: Encoder) throws { try claims.encode(to: encoder) }
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }
}
