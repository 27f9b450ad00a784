import Foundation

extension Settings {
    /// COCKPIT_PREVIOUS_SALT_KEYS: earlier salt keys, comma-separated (spaces around each trimmed, empty entries
    /// left out). They only open what they sealed, until `cockpit secrets rotate` has re-sealed it.
    public var previousCredentialSecrets: [String] {
        (self["COCKPIT_PREVIOUS_SALT_KEYS"] ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The key ring that seals stored secrets: the credential secret (LITELLM_SALT_KEY, else the master key) and the
    /// previous keys; nil when there is no credential secret.
    public func secretBox() -> SecretBox? {
        guard let secret = credentialSecret else { return nil }
        return try? SecretBox(secret: secret, previous: previousCredentialSecrets)
    }
}
