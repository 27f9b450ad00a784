import CockpitCore
import Foundation

/// A form to create or edit something: its fields, the one being typed in, and the core's answer to the last submit.
public struct FormState: Equatable, Sendable {
    /// What the form creates or changes, with where.
    public enum Kind: Equatable, Sendable {
        case organization(ProductDomain)
        case team(ProductDomain, org: UUID)
        case member(ProductDomain, team: UUID)
        case key
        /// Renames an organization or a team.
        case rename(ProductDomain, NodeID)
        /// Changes a member's name and team role.
        case editMember(ProductDomain, team: UUID, user: UUID)
        case newAccount
        case editAccount(UUID)
        /// Adds a model, or replaces the one with this id.
        case model(UUID?)
        /// Changes a key's alias, models and budget.
        case editKey(UUID)
    }

    /// One field: the core's name for it (errors name it), its label, and what was typed.
    public struct Field: Equatable, Sendable {
        public var name: String
        public var label: String
        public var value = ""
        public var hint = ""
        /// Typed characters are shown as dots (passwords, provider keys).
        public var secret = false
    }

    public var kind: Kind
    public var title: String
    public var fields: [Field]
    public var focus = 0
    /// The last refusal (validation from the core), shown under the fields; the form stays open.
    public var error: String?

    public func value(_ name: String) -> String { fields.first { $0.name == name }?.value.trimmingCharacters(in: .whitespaces) ?? "" }

    /// The form for a new child of a tree node: an organization at the top, a team in an organization, a member in
    /// a team.
    public static func child(of node: NodeID?, domain: ProductDomain, label: (NodeID) -> String) -> FormState {
        switch node {
        case .org(let org)?, .more(.teams(let org))?:
            return FormState(kind: .team(domain, org: org), title: "new \(domain.rawValue) team in \(label(.org(org)))",
                             fields: [Field(name: "name", label: "team name")])
        case .team(let team)?, .member(let team, _)?, .more(.members(let team))?:
            return FormState(kind: .member(domain, team: team), title: "add a member to \(domain.rawValue) team \(label(.team(team)))",
                             fields: [Field(name: "email", label: "email"), Field(name: "display_name", label: "name", hint: "optional"),
                                      Field(name: "role", label: "team role", value: "member", hint: "member or admin")])
        case nil, .more(.orgs)?:
            return FormState(kind: .organization(domain), title: "new \(domain.rawValue) organization",
                             fields: [Field(name: "name", label: "organization name")])
        }
    }

    /// The form that edits a tree node: the name of an organization or a team; a member's name and team role. Nil for
    /// a row that is not a node (the one that loads more).
    public static func edit(_ node: NodeID, domain: ProductDomain, data: TreeData, label: String) -> FormState? {
        switch node {
        case .more: return nil
        case .org, .team:
            var what = "team"
            if case .org = node { what = "organization" }
            return FormState(kind: .rename(domain, node), title: "rename \(domain.rawValue) \(what) \(label)",
                             fields: [Field(name: "name", label: "\(what) name", value: label)])
        case .member(let team, let user):
            let member = data.members[team]?.first { $0.user.id == user }
            return FormState(kind: .editMember(domain, team: team, user: user), title: "edit \(member?.user.email ?? label)",
                             fields: [Field(name: "display_name", label: "name", value: member?.user.displayName ?? ""),
                                      Field(name: "role", label: "team role", value: member?.role.rawValue ?? "member", hint: "member or admin")])
        }
    }

    /// The form for a new account with its first admin (super-admin).
    public static let newAccount = FormState(kind: .newAccount, title: "new account", fields: [
        Field(name: "account_name", label: "account name"),
        Field(name: "domain", label: "email domain", hint: "logins from it go to this account, e.g. acme.io"),
        Field(name: "admin_email", label: "first admin's email"),
        Field(name: "admin_password", label: "first admin's password", hint: "optional: empty for SSO only", secret: true),
        Field(name: "max_budget", label: "budget in USD", hint: "optional"),
    ])

    /// The form that edits an account's name, email domain and budget.
    public static func edit(_ account: Account) -> FormState {
        FormState(kind: .editAccount(account.id), title: "edit account \(account.name)", fields: [
            Field(name: "account_name", label: "account name", value: account.name),
            Field(name: "domain", label: "email domain", value: account.domain),
            Field(name: "max_budget", label: "budget in USD", value: account.maxBudget.map { Self.amount($0) } ?? "", hint: "empty for none"),
        ])
    }

    /// The form for a model of the account, empty or filled from one (its provider key is never shown: empty keeps it).
    public static func model(_ model: ModelDeployment?) -> FormState {
        FormState(kind: .model(model?.id), title: model.map { "edit model \($0.modelName)" } ?? "add a model", fields: [
            Field(name: "model_name", label: "model name", value: model?.modelName ?? "", hint: "what clients ask for"),
            Field(name: "litellm_params.model", label: "provider/model", value: model?.providerModel ?? "", hint: "e.g. openai/gpt-4o-mini"),
            Field(name: "litellm_params.api_base", label: "api base", value: model?.apiBase ?? "", hint: "optional URL"),
            Field(name: "litellm_params.api_key", label: "provider key", hint: model?.hasCredentials == true ? "empty keeps the stored one" : "optional",
                  secret: true),
        ])
    }

    /// The form that edits a key: alias, models, budget (never its secret, which is not kept).
    public static func edit(_ key: VirtualKey) -> FormState {
        FormState(kind: .editKey(key.id), title: "edit key \(key.keyAlias ?? key.maskedKey)", fields: [
            Field(name: "key_alias", label: "alias", value: key.keyAlias ?? ""),
            Field(name: "models", label: "models", value: key.models.joined(separator: ", "), hint: "comma-separated; empty = every model"),
            Field(name: "max_budget", label: "budget in USD", value: key.maxBudget.map { Self.amount($0) } ?? "", hint: "empty for none"),
        ])
    }

    /// An amount as typed in a form: no trailing zeros.
    static func amount(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// The form for a new virtual key of the account.
    public static let newKey = FormState(kind: .key, title: "generate a key",
                                         fields: [Field(name: "key_alias", label: "alias"),
                                                  Field(name: "models", label: "models", hint: "comma-separated; empty = every model")])
}

/// A question before a destructive action: `y`, or the object's name typed in full for the dangerous ones.
public struct ConfirmState: Equatable, Sendable {
    public var title: String
    /// What must be typed (`y` for a simple confirmation).
    public var expected: String
    public var typed = ""
    public var effect: Effect
    /// The view esc and enter go back to (the list it was asked from, with its selection).
    public var returnTo: Mode = .trees
}
