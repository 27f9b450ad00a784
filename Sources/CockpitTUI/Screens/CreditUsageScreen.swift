import CockpitCore
import Foundation

/// `:credits usage [Nd]` (and `u` in `:credits`): the copilot ledger of the last N days (30 by default) as a sparkline
/// by day with its totals, then the cost breakdowns by agent, connection, guardrail and model (over all the ledger's
/// rows, as the core reports them: labelled so).
enum CreditUsageScreen: Screen {
    static let name = "credits usage"
    static let usage = "credits usage [Nd]"
    static let summary = "copilot credits by day over N days (30 by default), by agent, connection, guardrail, model"
    static let bindings: [KeyBinding] = [
        KeyBinding(keys: [.char("c")], action: .open, description: "back to :credits", hint: "credits")
    ]

    /// What the view shows.
    struct Report: Equatable, Sendable {
        var days: Int
        var daily: [CreditDay]
        var breakdowns: [CreditDimension: [CreditCostGroup]]
    }

    /// The breakdowns in the order shown, with their titles.
    static let dimensions: [(CreditDimension, String)] = [
        (.agent, "agent"), (.connection, "connection"), (.guardrail, "guardrail"), (.llm, "model"),
    ]

    static func open(_ s: CockpitState, argument: String?) -> (CockpitState, [Effect]) {
        var s = s
        guard let days = SpendScreen.days(argument) else {
            s.message = "credits usage takes a number of days from 1 to 366, like :credits usage 30d"
            return (s, [])
        }
        let screen = ScreenState(name: name, argument: "\(days)d")
        s.mode = .screen(screen)
        return (s, [.load(screen, account: s.accountID)])
    }

    static func handle(_ s: CockpitState, _ screen: ScreenState, _ action: Action) -> (CockpitState, [Effect]) {
        action == .open ? CreditsScreen.open(s, argument: nil) : (s, [])
    }

    static func load(_ c: ScreenContext, _ screen: ScreenState) async throws -> ScreenUpdate {
        let account = try c.requireAccount(), days = SpendScreen.days(screen.argument) ?? 30
        var breakdowns: [CreditDimension: [CreditCostGroup]] = [:]
        for (dimension, _) in dimensions {
            breakdowns[dimension] = try await c.backend.creditBreakdown(account: account, by: dimension)
        }
        let daily = try await c.backend.creditDays(account: account, days: days)
        return .data(name, Report(days: days, daily: daily, breakdowns: breakdowns))
    }

    static func draw(_ b: inout ScreenBuffer, _ s: CockpitState, _ screen: ScreenState) {
        let days = SpendScreen.days(screen.argument) ?? 30
        let (x, y, width, height) = Box.panel(
            &b, title: "copilot credits of \(s.account?.name ?? ""), last \(days) days")
        guard let report = s.session.screenData[name]?.get(Report.self), report.days == days else {
            b.put("loading…", x: x + 2, y: y + 1, role: .statusWarn)
            return
        }
        CreditUsageView.daily(&b, report, today: s.now, x: x + 2, y: y + 1, width: width - 4)
        b.put(
            "breakdowns over all the ledger's rows, not only these \(days) days",
            x: x + 2, y: y + 5, role: .title, limit: width - 4)
        let columnWidth = (width - 5) / 2, top = y + 6, room = height - 7
        let sectionHeight = room / 2
        for (i, (dimension, title)) in dimensions.enumerated() {
            CreditUsageView.breakdown(
                &b, title: title, report.breakdowns[dimension] ?? [], x: x + 2 + (i % 2) * (columnWidth + 1),
                y: top + (i / 2) * sectionHeight, width: columnWidth, height: sectionHeight)
        }
    }
}
