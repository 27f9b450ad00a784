import Foundation

extension ConnectionService {
    /// `secret_json` sealed with the installation's key; refused (400, as an account model's `api_key` is) when the
    /// installation has no key to seal with. The plain text never leaves this function but sealed.
    func seal(_ secret: JSONValue) throws -> SealedSecret {
        guard let box = context.secretBox else {
            throw CockpitError.invalid(
                field: "secret_json", reason: "cannot be stored: set LITELLM_SALT_KEY (or LITELLM_MASTER_KEY) first")
        }
        let sealed = try box.seal(secret.encodedString)
        return SealedSecret(sealed: sealed, keyID: SecretBox.keyID(of: sealed) ?? box.keyID)
    }

    /// The stored `secret_json`, opened (`{}` when none is stored).
    func open(_ connection: Connection) throws -> JSONValue {
        guard let secret = connection.secret else { return .emptyObject }
        guard let box = context.secretBox else {
            throw CockpitError.invalid(
                field: "secret_json",
                reason: "is stored sealed and cannot be opened: set LITELLM_SALT_KEY (or LITELLM_MASTER_KEY)")
        }
        guard let value = try? JSONValue.parse(try box.open(secret.sealed)), value.objectValue != nil else {
            throw CockpitError.invalid(field: "secret_json", reason: "is stored in a form this version cannot read")
        }
        return value
    }

    /// What the Composio `api_key` rule reads on a change that sends no `secret_json`: the stored secret, opened
    /// only when that rule needs it (a Composio connection in `api_key` mode), else `{}`.
    func storedSecretForCheck(_ stored: Connection, config: JSONValue) throws -> JSONValue {
        let mode = config["auth_mode"]?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard stored.type == .composio, mode == "api_key" else { return .emptyObject }
        return try open(stored)
    }
}
