import CockpitCore
import Foundation

/// A node of an org → team → user tree.
public enum NodeID: Hashable, Sendable {
    case org(UUID)
    case team(UUID)
    case member(team: UUID, user: UUID)
    /// The row after a level that has more than was loaded: enter loads the next page.
    case more(TreeLevel)
}

/// One list of a tree: the organizations, the teams of an organization, the members of a team.
public enum TreeLevel: Hashable, Sendable {
    case orgs
    case teams(UUID)
    case members(UUID)
}

/// One visible row of a tree pane.
public struct TreeRow: Equatable, Sendable {
    public var id: NodeID
    public var depth: Int
    public var label: String
    /// Right-aligned detail: `3 teams`, `4 users`, a member's role.
    public var detail: String
    public var expandable: Bool
    public var expanded: Bool

    /// True for the row that loads the next page of a level.
    public var isMore: Bool { if case .more = id { true } else { false } }
}

/// What has been loaded of one tree (levels load when first opened).
public struct TreeData: Equatable, Sendable {
    public var orgs: [Organization]?
    public var teams: [UUID: [Team]] = [:]
    public var members: [UUID: [TeamMember]] = [:]
    /// Where the next page of a level starts, for levels with more than was loaded.
    public var more: [TreeLevel: String] = [:]
    public init(orgs: [Organization]? = nil) { self.orgs = orgs }

    /// Sets the organizations to their first page or, `appending`, adds a later page; remembers where the next starts.
    public mutating func set(_ page: Page<Organization>, appending: Bool = false) {
        orgs = (appending ? orgs ?? [] : []) + page.items
        more[.orgs] = page.nextCursor
    }

    /// Sets (or extends) the teams of an organization.
    public mutating func set(_ page: Page<Team>, org: UUID, appending: Bool = false) {
        teams[org] = (appending ? teams[org] ?? [] : []) + page.items
        more[.teams(org)] = page.nextCursor
    }

    /// Sets (or extends) the members of a team.
    public mutating func set(_ page: Page<TeamMember>, team: UUID, appending: Bool = false) {
        members[team] = (appending ? members[team] ?? [] : []) + page.items
        more[.members(team)] = page.nextCursor
    }

    /// How many items of a level are loaded.
    public func count(_ level: TreeLevel) -> Int {
        switch level {
        case .orgs: orgs?.count ?? 0
        case .teams(let org): teams[org]?.count ?? 0
        case .members(let team): members[team]?.count ?? 0
        }
    }
}

/// Navigation state of one tree pane: what is open, what is selected, how far it is scrolled, the filter.
public struct TreePaneState: Equatable, Sendable {
    public var expanded: Set<NodeID> = []
    public var selected: NodeID?
    public var scroll = 0
    public var filter = ""
    public init() {}
}

/// Turns loaded data and a pane's state into rows.
public enum TreeModel {
    /// The visible rows, depth first. With a filter, rows whose label contains it (case-insensitive) and their
    /// parents are kept.
    public static func rows(_ data: TreeData, _ pane: TreePaneState) -> [TreeRow] {
        var rows: [TreeRow] = []
        for org in data.orgs ?? [] {
            let orgID = NodeID.org(org.id)
            let teams = data.teams[org.id]
            rows.append(
                TreeRow(
                    id: orgID, depth: 0, label: org.name, detail: teams.map { "\($0.count) teams" } ?? "",
                    expandable: true, expanded: pane.expanded.contains(orgID)))
            guard pane.expanded.contains(orgID) else { continue }
            for team in teams ?? [] {
                let teamID = NodeID.team(team.id)
                let members = data.members[team.id]
                rows.append(
                    TreeRow(
                        id: teamID, depth: 1, label: team.name, detail: members.map { "\($0.count) users" } ?? "",
                        expandable: true, expanded: pane.expanded.contains(teamID)))
                guard pane.expanded.contains(teamID) else { continue }
                for m in members ?? [] {
                    rows.append(
                        TreeRow(
                            id: .member(team: team.id, user: m.user.id), depth: 2,
                            label: m.user.email ?? m.user.displayName,
                            detail: m.role.rawValue, expandable: false, expanded: false))
                }
                more(.members(team.id), depth: 2, "members", data, &rows)
            }
            more(.teams(org.id), depth: 1, "teams", data, &rows)
        }
        more(.orgs, depth: 0, "organizations", data, &rows)
        let needle = pane.filter.lowercased()
        guard !needle.isEmpty else { return rows }
        var keep = Array(repeating: false, count: rows.count)
        for (i, row) in rows.enumerated() where !row.isMore && row.label.lowercased().contains(needle) {
            keep[i] = true
            var depth = row.depth
            var j = i - 1
            while j >= 0, depth > 0 {
                if rows[j].depth < depth { keep[j] = true; depth = rows[j].depth }
                j -= 1
            }
        }
        return rows.enumerated().filter { keep[$0.offset] }.map(\.element)
    }

    /// How many rows match the filter (the count the pane title shows).
    public static func matches(_ data: TreeData, _ pane: TreePaneState) -> Int {
        let needle = pane.filter.lowercased()
        return rows(data, pane).filter { !$0.isMore && $0.label.lowercased().contains(needle) }.count
    }

    /// The "more" row after a level that has another page.
    static func more(_ level: TreeLevel, depth: Int, _ what: String, _ data: TreeData, _ rows: inout [TreeRow]) {
        guard data.more[level] != nil else { return }
        rows.append(
            TreeRow(
                id: .more(level), depth: depth, label: "… more \(what): enter loads the next \(LocalBackend.pageSize)",
                detail: "",
                expandable: false, expanded: false))
    }
}
