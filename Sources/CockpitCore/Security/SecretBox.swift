import Crypto
import Foundation

/// Encryption of secrets at rest (provider credentials, connection secrets): AES-256-GCM under a key derived
/// with HKDF-SHA256 from LITELLM_SALT_KEY (or the master key when that is unset). Sealed text is
/// `enc:v1:<base64(nonce ‖ ciphertext ‖ tag)>`.
public struct SecretBox: Sendable {
    private let keyBytes: Data
    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }

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
    }

    /// Seals a secret.
    public func seal(_ plaintext: String) throws -> String {
        let box = try AES.GCM.seal(Data(plaintext.utf8), using: key)
        guard let combined = box.combined else { throw CockpitError.unavailable("encryption failed") }
        return "enc:v1:" + combined.base64EncodedString()
    }

    /// Opens sealed text; a wrong key or tampered text is an error that never includes the secret.
    public func open(_ sealed: String) throws -> String {
        guard sealed.hasPrefix("enc:v1:"), let data = Data(base64Encoded: String(sealed.dropFirst(7))) else {
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
