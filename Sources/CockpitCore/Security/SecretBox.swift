import Crypto
import Foundation

/// Encryption of secrets at rest (provider credentials, SSO secrets, connection secrets): AES-256-GCM under a key
/// derived with HKDF-SHA256 from LITELLM_SALT_KEY (or the master key when that is unset). Sealed text is
/// `enc:v2:<key id>:<base64(nonce ‖ ciphertext ‖ tag)>`; the key id (a fingerprint of the derived key, never the key)
/// tells which key sealed it, so keys can rotate. Text sealed before key ids (`enc:v1:<base64>`) still opens.
///
/// A box is a key ring: the current key, which seals, and the previous keys (COCKPIT_PREVIOUS_SALT_KEYS), which only
/// open what they sealed until `cockpit secrets rotate` has re-sealed it under the current key.
public struct SecretBox: Sendable {
    /// One derived key and its id.
    private struct Key: Sendable {
        let bytes: Data
        let id: String
        var symmetric: SymmetricKey { SymmetricKey(data: bytes) }

        init(secret: String) {
            bytes = HKDF<SHA256>.deriveKey(
                inputKeyMaterial: SymmetricKey(data: Data(secret.utf8)),
                salt: Data("cockpit.secretbox.v1".utf8), info: Data("credentials".utf8), outputByteCount: 32
            )
            .withUnsafeBytes { Data($0) }
            id = SHA256.hash(data: Data("cockpit.secretbox.key-id".utf8) + bytes)
                .prefix(6).map { String(format: "%02x", $0) }.joined()
        }
    }

    private let current: Key
    private let previous: [Key]

    /// The current key's id: 12 hex digits of SHA-256 over the derived key and a label; reveals nothing about the key.
    public var keyID: String { current.id }
    /// The ids of every key in the ring, the current one first.
    public var keyIDs: [String] { [current.id] + previous.map(\.id) }

    /// A box keyed from a secret; throws when the secret is empty.
    public init(secret: String) throws { try self.init(secret: secret, previous: []) }

    /// A key ring: `secret` seals and opens; each of `previous` only opens. Empty entries and entries that derive the
    /// current key (or an earlier entry) are left out. Throws when `secret` is empty.
    public init(secret: String, previous: [String]) throws {
        guard !secret.isEmpty else {
            throw CockpitError.invalid(
                field: "LITELLM_SALT_KEY", reason: "must be set to store credentials (or set LITELLM_MASTER_KEY)")
        }
        current = Key(secret: secret)
        var seen: Set<String> = [current.id]
        self.previous = previous.filter { !$0.isEmpty }.map(Key.init(secret:)).filter { seen.insert($0.id).inserted }
    }

    /// Seals a secret under the current key.
    public func seal(_ plaintext: String) throws -> String {
        let box = try AES.GCM.seal(Data(plaintext.utf8), using: current.symmetric)
        guard let combined = box.combined else { throw CockpitError.unavailable("encryption failed") }
        return "enc:v2:\(current.id):" + combined.base64EncodedString()
    }

    /// The id of the key that sealed `sealed` (nil for text sealed before key ids, or text that is not sealed).
    public static func keyID(of sealed: String) -> String? {
        guard sealed.hasPrefix("enc:v2:") else { return nil }
        let rest = sealed.dropFirst(7)
        guard let colon = rest.firstIndex(of: ":") else { return nil }
        return String(rest[..<colon])
    }

    /// True when `sealed` was sealed by the current key (by its key id; `enc:v1` text never is).
    public func isCurrent(_ sealed: String) -> Bool { Self.keyID(of: sealed) == current.id }

    /// Opens sealed text: `enc:v2` with the key its id names, `enc:v1` with the current key and then each previous
    /// one. A key that is not in the ring, a wrong key or tampered text is an error that never includes the secret
    /// or any key (only the key id, a fingerprint).
    public func open(_ sealed: String) throws -> String {
        if sealed.hasPrefix("enc:v1:") {
            let data = try Self.decode(sealed.dropFirst(7))
            for key in [current] + previous {
                if let plain = try? Self.open(data, with: key) { return plain }
            }
            throw CockpitError.forbidden("stored credentials cannot be opened with the configured salt keys")
        }
        guard let id = Self.keyID(of: sealed) else {
            throw CockpitError.invalid(field: "credentials", reason: "are not sealed by this version")
        }
        guard let key = ([current] + previous).first(where: { $0.id == id }) else {
            throw CockpitError.forbidden(
                "stored credentials were sealed by a key that is not configured (key id \(id)); "
                    + "set it in LITELLM_SALT_KEY or COCKPIT_PREVIOUS_SALT_KEYS")
        }
        do {
            return try Self.open(try Self.decode(sealed.dropFirst(7 + id.count + 1)), with: key)
        } catch let error as CockpitError {
            throw error
        } catch {
            throw CockpitError.forbidden("stored credentials cannot be opened with the key of key id \(id)")
        }
    }

    private static func decode(_ body: Substring) throws -> Data {
        guard let data = Data(base64Encoded: String(body)) else {
            throw CockpitError.invalid(field: "credentials", reason: "are not sealed by this version")
        }
        return data
    }

    private static func open(_ data: Data, with key: Key) throws -> String {
        let plain = try AES.GCM.open(try AES.GCM.SealedBox(combined: data), using: key.symmetric)
        return String(decoding: plain, as: UTF8.self)
    }

    /// A secret for display: the last four characters at most, e.g. `sk-...abcd`, or `***` when short.
    public static func mask(_ secret: String) -> String {
        guard secret.count >= 12 else { return "***" }
        let prefix = secret.hasPrefix("sk-") ? "sk-" : ""
        return prefix + "..." + secret.suffix(4)
    }
}
