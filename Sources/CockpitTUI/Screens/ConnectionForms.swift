import CockpitCore
import Foundation

/// The form of a connection, new or changed: type (new only), name, description, credential visibility, whether
/// users manage their own credentials, the config (a JSON object in a multi-line field, checked as it is typed) and
/// the secret, typed hidden (dots only) and never shown again: a JSON object, or one value stored under a name.
enum ConnectionForms {
    static func connection(_ c: CatalogConnection?, _ back: ScreenState) -> FormState {
        var fields: [FormState.Field] = []
        if c == nil {
            fields.append(
                .init(name: "connection_type", label: "type", value: "openapi", hint: "openapi, mcp or composio"))
        }
        fields += [
            .init(name: "name", label: "name", value: c?.name ?? ""),
            .init(name: "description", label: "description", value: c?.description ?? "", hint: "optional"),
            .init(
                name: "credential_visibility", label: "credentials",
                value: c?.credentialVisibility.rawValue ?? CredentialVisibility.useOnly.rawValue,
                hint: "use_only (users never see them) or self_managed"),
            .init(
                name: "allow_user_self_manage", label: "users self-manage",
                value: c?.allowUserSelfManage == true ? "yes" : "no",
                hint: "yes or no"),
            .init(
                name: "config_json", label: "config", value: JSONField.pretty(c?.config ?? [:]),
                hint: "a JSON object like {\"base_url\": \"https://…\"}; enter: new line", lines: 6, json: true),
            .init(
                name: "secret_name", label: "secret name", value: "api_key",
                hint: "the key a single secret value is stored under"),
            .init(
                name: "secret_value", label: "secret",
                hint: c == nil
                    ? "hidden, never shown again; a value or a {…} object; empty: none"
                    : "typed hidden; empty keeps the stored one", secret: true),
        ]
        return CatalogActions.form(
            ConnectionsScreen.name, c == nil ? "new" : "edit", id: c?.id,
            title: c.map { "edit connection \($0.name)" } ?? "a new connection", fields, back)
    }

    /// The secret a form sends: nil when none was typed; a JSON object as typed, or the value under its name. A
    /// refusal never repeats what was typed.
    static func secret(_ form: FormState) throws -> JSONValue? {
        let typed = form.rawValue("secret_value")
        guard !typed.isEmpty else { return nil }
        if typed.trimmingCharacters(in: .whitespaces).hasPrefix("{") {
            guard case .object = JSONField.check(typed), let value = try? JSONBytes.parse(Array(typed.utf8)) else {
                throw CockpitError.invalid(field: "secret", reason: "starts with { but is not a JSON object")
            }
            return value
        }
        let key = form.value("secret_name")
        guard !key.isEmpty else {
            throw CockpitError.invalid(field: "secret name", reason: "is required for a secret value")
        }
        return .object([key: .string(typed)])
    }

    /// The new connection a form describes, and its type as typed (the core reads it).
    static func input(_ form: FormState) throws -> (type: String, input: ConnectionInput) {
        let description = form.value("description")
        return (
            form.value("connection_type"),
            ConnectionInput(
                name: form.value("name"), description: description.isEmpty ? nil : description,
                credentialVisibility: form.value("credential_visibility"),
                allowUserSelfManage: try CatalogActions.yes(form, "allow_user_self_manage", "users self-manage"),
                config: try JSONField.object(form.rawValue("config_json"), field: "config"), secret: try secret(form))
        )
    }

    /// The change a form describes (no secret typed: the stored one is kept).
    static func patch(_ form: FormState) throws -> ConnectionPatch {
        let description = form.value("description")
        return ConnectionPatch(
            name: form.value("name"), description: description.isEmpty ? nil : description,
            credentialVisibility: form.value("credential_visibility"),
            allowUserSelfManage: try CatalogActions.yes(form, "allow_user_self_manage", "users self-manage"),
            config: try JSONField.object(form.rawValue("config_json"), field: "config"), secret: try secret(form))
    }
}
