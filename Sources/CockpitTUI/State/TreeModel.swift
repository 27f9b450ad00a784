import CockpitCore
import Foundation

/// A node of an org → team → user tree.
public enum NodeID: Hashable, Sendable {
    case org(UUID)
    case team(UUID)
    case member(team: UUID, user: UUID)
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
}

/// What has been loaded of one tree (levels load when first opened).
public struct TreeData: Equatable, Sendable {
    public var orgs: [Organization]?
    public var teams: [UUID: [Team]] = [:]
    public var members: [UUID: [TeamMember]] = [:]
    public init(orgs: [Organization]? = nil) { self.orgs = orgs }
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
            rows.append(TreeRow(id: orgID, depth: 0, label: org.name, detail: teams.map { "\($0.count) teams" } ?? "",
                                expandable: true, expanded: pane.expanded.contains(orgID)))
            guard pane.expanded.contains(orgID) else { continue }
            for team in teams ?? [] {
                let teamID = NodeID.team(team.id)
                let members = data.members[team.id]
                rows.append(TreeRow(id: teamID, depth: 1, label: team.name, detail: members.map { "\($0.count) users" } ?? "",
                                    expandable: true, expanded: pane.expanded.contains(teamID)))
                guard pane.expanded.contains(teamID) else { continue }
                for m in members ?? [] {
                    rows.append(TreeRow(id: .member(team: team.id, user: m.user.id), depth: 2, label: m.user.email ?? m.user.displayName,
                                        detail: m.role.rawValue, expandable: false, expanded: false))
                }
            }
        }
        let needle = pane.filter.lowercased()
        guard !needle.isEmpty else { return rows }
        var keep = Array(repeating: false, count: rows.count)
        for (i, row) in rows.enumerated() where row.label.lowercased().contains(needle) {
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
        return rows(data, pane).filter { $0.label.lowercased().contains(needle) }.count
    }
}
