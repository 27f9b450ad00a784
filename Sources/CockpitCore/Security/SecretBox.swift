import Crypto
import Foundation

/// Encryption of secrets at rest (provider credentials, connection secrets): AES-256-GCM under a key derived
/// with HKDF-SHA256 from LITELLM_SALT_KEY (or the master key when that is unset). Sealed text is
/// `enc:v2:<key id>:<base64(nonce ‖ ciphertext ‖ tag)>`; the key id (a fingerprint of the derived key, never the key)
/// tells which key sealed it, so keys can rotate. Text sealed before key ids (`enc:v1:<base64>`) still opens.
public struct SecretBox: Sendable {
    private let keyBytes: Data
    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }
    /// The key's id: 12 hex digits of SHA-256 over the derived key and a label; reveals nothing about the key.
    public let keyID: String

    /// A box keyed from a secret; throws when the secret is empty.
    public init(secret: String) throws {
        guard !secret.isEmpty else {
            throw CockpitError.invalid(
                field: "LITELLM_SALT_KEY", reason: "must be set to store credentials (or set LITELLM_MASTER_KEY)")
        }
        keyBytes = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: Data(secret.utf8)),
            salt: Data("cockpit.secretbox.v1".utf8), info: Data("credentials".utf8), outputByteCount: 32
        )
        .withUnsafeBytes { Data($0) }
        keyID = SHA256.hash(data: Data("cockpit.secretbox.key-id".utf8) + keyBytes)
            .prefix(6).map { String(format: "%02x", $0) }.joined()
    }

    /// Seals a secret.
    public func seal(_ plaintext: String) throws -> String {
        let box = try AES.GCM.seal(Data(plaintext.utf8), using: key)
        guard let combined = box.combined else { throw CockpitError.unavailable("encryption failed") }
        return "enc:v2:\(keyID):" + combined.base64EncodedString()
    }

    /// The id of the key that sealed `sealed` (nil for text sealed before key ids, or text that is not sealed).
    public static func keyID(of sealed: String) -> String? {
        guard sealed.hasPrefix("enc:v2:") else { return nil }
        let rest = sealed.dropFirst(7)
        guard let colon = rest.firstIndex(of: ":") else { return nil }
        return String(rest[..<colon])
    }

    /// Opens sealed text; a wrong key or tampered text is an error that never includes the secret.
    public func open(_ sealed: String) throws -> String {
        let body: Substring
        if sealed.hasPrefix("enc:v1:") {
            body = sealed.dropFirst(7)
        } else if let id = Self.keyID(of: sealed) {
            guard id == keyID else {
                throw CockpitError.forbidden("stored credentials were sealed by another key (key id \(id))")
            }
            body = sealed.dropFirst(7 + id.count + 1)
        } else {
            throw CockpitError.invalid(field: "credentials", reason: "are not sealed by this version")
        }
        guard let data = Data(base64Encoded: String(body)) else {
            throw CockpitError.invalid(field: "credentials", reason: "are not sealed by this version")
        }
        do {
            let plain = try AES.GCM.open(try AES.GCM.SealedBox(combined: data), using: key)
            return String(decoding: plain, as: UTF8.self)
        } catch {
            throw CockpitError.forbidden("stored credentials cannot be opened with the configured salt key")
        }
    }

    /// A secret for display: the last four characters at most, e.g. `sk-...abcd`, or `***` when short.
    public static func mask(_ secret: String) -> String {
        guard secret.count >= 12 else { return "***" }
        let prefix = secret.hasPrefix("sk-") ? "sk-" : ""
        return prefix + "..." + secret.suffix(4)
    }
}
