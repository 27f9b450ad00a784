import CockpitAPI
import CockpitCore
import Foundation

/// What `:guardrails` shows of one tree: the presets with their patterns (each preset's `custom_patterns`), the
/// assignments, the tree (for names), the effective presets of the node selected in the tree's pane with the scope
/// each comes from, and the last trial of a preset (kept across reloads).
struct GuardrailsOverview: Equatable, Sendable {
    /// One row of the list: a preset, or one of its patterns under it.
    enum Row: Equatable, Sendable {
        case preset(Int)
        case pattern(preset: Int, index: Int)

        /// The index of the preset the row is or belongs to.
        var preset: Int {
            switch self {
            case .preset(let p), .pattern(let p, _): p
            }
        }
    }

    /// The effective presets of a node (nil: the account alone), or why they could not be read.
    struct Effective: Equatable, Sendable {
        var node: NodeID?
        var answer: EffectiveGuardrailsAnswer?
        var refusal: String?
    }

    /// A preset tried on a text: what was sent and the core's answer.
    struct Trial: Equatable, Sendable {
        var code: String
        var text: String
        var direction: String?
        var answer: GuardrailTrialAnswer
    }

    var domain: ProductDomain
    var presets: [GuardrailPreset] = []
    var assignments: [GuardrailAssignment] = []
    var tree = TreeData() { didSet { reach = TreeReach(tree, domain: domain) } }
    private(set) var reach = TreeReach()
    /// When the tree was read: refreshes reuse it for `CreditsOverview.treeAge`, opening the view reads it again.
    var treeLoadedAt = Date.distantPast
    var effective: Effective?
    var trial: Trial?

    init(domain: ProductDomain) { self.domain = domain }

    /// Every preset followed by its patterns.
    var rows: [Row] {
        presets.indices.flatMap { p in
            [Row.preset(p)] + patterns(presets[p]).indices.map { Row.pattern(preset: p, index: $0) }
        }
    }

    /// A preset's `custom_patterns` entries as patterns (read as the core reads them).
    func patterns(_ preset: GuardrailPreset) -> [GuardrailPatternItem] {
        (preset.presetJSON["custom_patterns"]?.arrayValue ?? []).map {
            GuardrailPatternItem(entry: $0, account: preset.accountID, guardType: preset.code)
        }
    }

    /// The assignments of a preset, oldest first.
    func assignments(of preset: GuardrailPreset) -> [GuardrailAssignment] {
        assignments.filter { $0.presetID == preset.id }.sorted { $0.createdAt < $1.createdAt }
    }

    /// The preset of an id (an assignment's, an effective item's).
    func preset(_ id: UUID) -> GuardrailPreset? { presets.first { $0.id == id } }

    /// A scope by what it is and its name from the tree (`team Support`, `the account`, `agent 1f2e…`).
    func label(_ type: String, _ id: String) -> String {
        guard let catalog = CatalogScopeType(rawValue: type) else { return "\(type) \(id.prefix(8))" }
        return reach.label(CatalogScope(type: catalog, id: id))
    }

    /// The scopes with an assignment, as the panes mark them.
    var assignedScopes: Set<String> {
        Set(assignments.map { GuardrailMarks.key($0.scopeType.rawValue, $0.scopeID) })
    }

    /// The organization, team and user whose chain the effective view walks for a tree node: a member with their team
    /// and its organization, a team with its organization.
    static func chain(_ node: NodeID?, _ tree: TreeData) -> (org: UUID?, team: UUID?, user: UUID?) {
        func org(of team: UUID) -> UUID? { tree.teams.values.joined().first { $0.id == team }?.orgID }
        switch node {
        case .org(let id)?: return (id, nil, nil)
        case .team(let id)?: return (org(of: id), id, nil)
        case .member(let team, let user)?: return (org(of: team), team, user)
        case .more?, nil: return (nil, nil, nil)
        }
    }

    /// Loads the tree's presets, assignments and the effective presets of the node selected in its pane; the tree is
    /// reused when read moments ago (and opening reads it again), the last trial kept.
    static func load(
        _ c: ScreenContext, _ domain: ProductDomain, cached: GuardrailsOverview?
    ) async throws
        -> GuardrailsOverview
    {
        let account = try c.requireAccount(), backend = c.backend
        var o = GuardrailsOverview(domain: domain)
        o.presets = try await backend.guardrailPresets(account: account, domain: domain)
        o.assignments = try await backend.guardrailAssignments(account: account, domain: domain)
        let now = Date()
        let cached = cached?.domain == domain ? cached : nil
        if let cached, now.timeIntervalSince(cached.treeLoadedAt) < CreditsOverview.treeAge {
            (o.tree, o.treeLoadedAt) = (cached.tree, cached.treeLoadedAt)
        } else {
            let loaded = c.state.sessions[account]?.data[domain] ?? TreeData()
            o.tree = (try? await backend.wholeTree(account: account, domain: domain)) ?? loaded
            o.treeLoadedAt = now
        }
        o.trial = cached?.trial
        let node = c.state.sessions[account]?.panes[domain]?.selected
        let chain = chain(node, o.tree)
        do {
            let answer = try await backend.effectiveGuardrails(
                account: account, domain: domain, org: chain.org, team: chain.team, user: chain.user)
            o.effective = Effective(node: node, answer: answer)
        } catch let error as CockpitError {
            o.effective = Effective(node: node, refusal: error.message)
        }
        return o
    }
}

/// The scopes marked in the tree panes: a node carries a mark when a guardrail preset is assigned to it.
enum GuardrailMarks {
    /// The mark drawn by a node's detail.
    static let glyph = "◆"

    /// A scope as the session keeps it (`team:<id>`).
    static func key(_ type: String, _ id: String) -> String { "\(type):\(id.lowercased())" }

    /// The key of a tree node (a member: their user); nil for the row that loads more.
    static func key(_ node: NodeID) -> String? {
        switch node {
        case .org(let id): key("org", id.lowercased)
        case .team(let id): key("team", id.lowercased)
        case .member(_, let user): key("user", user.lowercased)
        case .more: nil
        }
    }
}
