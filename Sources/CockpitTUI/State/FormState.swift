import CockpitCore
import Foundation

/// A form to create or edit something: its fields, the one being typed in, and the core's answer to the last submit.
public struct FormState: Equatable, Sendable {
    /// What the form creates or changes, with where: a tree's forms, or one of a registered view's.
    public enum Kind: Equatable, Sendable {
        case organization(ProductDomain)
        case team(ProductDomain, org: UUID)
        case member(ProductDomain, team: UUID)
        /// Renames an organization or a team.
        case rename(ProductDomain, NodeID)
        /// Changes a member's name and team role.
        case editMember(ProductDomain, team: UUID, user: UUID)
        /// A form of the view named first (`Screen.name`): what it does (`new`, `edit`…) and the object it changes.
        case screen(String, verb: String, id: UUID?)
    }

    /// One field: the core's name for it (errors name it), its label, and what was typed.
    public struct Field: Equatable, Sendable {
        public var name: String
        public var label: String
        public var value = ""
        public var hint = ""
        /// Typed characters are shown as dots (passwords, provider keys).
        public var secret = false
        /// Rows the field shows; more than one makes it multi-line: enter starts a new line (tab moves on).
        public var lines = 1
        /// Checked as a JSON object while it is typed; the check shows under the field (`JSONField`).
        public var json = false

        /// True for a field where enter starts a new line.
        public var multiline: Bool { lines > 1 }
    }

    public var kind: Kind
    /// False for a form that only asks (an effective answer): it is sent in read-only mode too.
    public var changes = true
    public var title: String
    public var fields: [Field]
    public var focus = 0
    /// The last refusal (validation from the core), shown under the fields; the form stays open.
    public var error: String?
    /// The view (with its selection) esc goes back to; nil: the view the form belongs to, from its top.
    public var returnTo: ScreenState?

    public func value(_ name: String) -> String { rawValue(name).trimmingCharacters(in: .whitespaces) }

    /// A field's value exactly as typed (passwords keep their spaces).
    public func rawValue(_ name: String) -> String { fields.first { $0.name == name }?.value ?? "" }

    /// The form for a new child of a tree node: an organization at the top, a team in an organization, a member in
    /// a team.
    public static func child(of node: NodeID?, domain: ProductDomain, label: (NodeID) -> String) -> FormState {
        switch node {
        case .org(let org)?, .more(.teams(let org))?:
            return FormState(
                kind: .team(domain, org: org), title: "new \(domain.rawValue) team in \(label(.org(org)))",
                fields: [Field(name: "name", label: "team name")])
        case .team(let team)?, .member(let team, _)?, .more(.members(let team))?:
            return FormState(
                kind: .member(domain, team: team),
                title: "add a member to \(domain.rawValue) team \(label(.team(team)))",
                fields: [
                    Field(name: "email", label: "email"), Field(name: "display_name", label: "name", hint: "optional"),
                    Field(name: "role", label: "team role", value: "member", hint: "member or admin"),
                ])
        case nil, .more(.orgs)?:
            return FormState(
                kind: .organization(domain), title: "new \(domain.rawValue) organization",
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
            return FormState(
                kind: .rename(domain, node), title: "rename \(domain.rawValue) \(what) \(label)",
                fields: [Field(name: "name", label: "\(what) name", value: label)])
        case .member(let team, let user):
            let member = data.members[team]?.first { $0.user.id == user }
            return FormState(
                kind: .editMember(domain, team: team, user: user), title: "edit \(member?.user.email ?? label)",
                fields: [
                    Field(name: "display_name", label: "name", value: member?.user.displayName ?? ""),
                    Field(
                        name: "role", label: "team role", value: member?.role.rawValue ?? "member",
                        hint: "member or admin"),
                ])
        }
    }

    /// An amount as typed in a form: no trailing zeros.
    static func amount(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
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
