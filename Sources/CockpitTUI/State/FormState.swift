import CockpitCore
import Foundation

/// A form to create something: its fields, the one being typed in, and the core's answer to the last submit.
public struct FormState: Equatable, Sendable {
    /// What the form creates, with where.
    public enum Kind: Equatable, Sendable {
        case organization(ProductDomain)
        case team(ProductDomain, org: UUID)
        case member(ProductDomain, team: UUID)
        case key
    }

    /// One field: the core's name for it (errors name it), its label, and what was typed.
    public struct Field: Equatable, Sendable {
        public var name: String
        public var label: String
        public var value = ""
        public var hint = ""
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
        case .org(let org)?:
            return FormState(kind: .team(domain, org: org), title: "new \(domain.rawValue) team in \(label(.org(org)))",
                             fields: [Field(name: "name", label: "team name")])
        case .team(let team)?, .member(let team, _)?:
            return FormState(kind: .member(domain, team: team), title: "add a member to \(domain.rawValue) team \(label(.team(team)))",
                             fields: [Field(name: "email", label: "email"), Field(name: "display_name", label: "name", hint: "optional"),
                                      Field(name: "role", label: "team role", value: "member", hint: "member or admin")])
        case nil:
            return FormState(kind: .organization(domain), title: "new \(domain.rawValue) organization",
                             fields: [Field(name: "name", label: "organization name")])
        }
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
    /// Where esc and enter go back to: the keys view, or the trees.
    public var fromKeys = true
    /// True when the question came from the accounts list (it goes back there).
    public var fromAccounts = false
    /// The row selected in the keys view before the question.
    public var selection = 0
}
