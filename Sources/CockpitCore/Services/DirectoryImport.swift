import Foundation

/// A tree to import in bulk: organizations, their teams, and users with the teams they belong to (by name).
public struct DirectoryImport: Sendable {
    /// One user of the import.
    public struct ImportedUser: Sendable {
        public var email: String
        public var displayName: String
        /// `org name / team name` pairs the user joins as a member.
        public var teams: [ImportedTeamRef]
        public init(email: String, displayName: String, teams: [ImportedTeamRef] = []) {
            self.email = email
            self.displayName = displayName
            self.teams = teams
        }
    }

    /// A team named by its organization and its own name.
    public struct ImportedTeamRef: Sendable, Hashable {
        public var org: String
        public var team: String
        public init(org: String, team: String) {
            self.org = org
            self.team = team
        }
    }

    public var organizations: [String]
    public var teams: [ImportedTeamRef]
    public var users: [ImportedUser]

    public init(organizations: [String], teams: [ImportedTeamRef], users: [ImportedUser]) {
        self.organizations = organizations
        self.teams = teams
        self.users = users
    }
}

/// What a bulk import created.
public struct DirectoryImportResult: Sendable, Equatable, Codable {
    public var organizations = 0, teams = 0, users = 0, memberships = 0
}
