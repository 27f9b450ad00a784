import CockpitCore
import Foundation

/// `:logs`: a live tail of the account's gateway requests, newest first: time, key, model, status, tokens, cost and
/// latency; `/` filters by any of them as you type. It reloads every few seconds while open.
enum LogsScreen: Screen {
    static let name = "logs"
    static let usage = "logs"
    static let summary = "a live tail of the account's gateway requests, newest first; / filters"
    /// How many of the newest requests are read.
    static let limit = 200
    static let bindings: [KeyBinding] = [
        KeyBinding(
            keys: [.char("/")], action: .filter,
            description: "filter the requests by key, model, status… as you type; esc clears", hint: "filter")
    ]

    /// The requests and the account's keys (for their aliases).
    struct Tail: Equatable, Sendable {
        var logs: [SpendLog]
        var aliases: [String: String]
    }

    static func tail(_ s: CockpitState) -> Tail? { s.session.screenData[name]?.get(Tail.self) }

    /// The rows shown: every request, or those whose line contains the filter.
    static func rows(_ s: CockpitState, _ screen: ScreenState) -> [ListTable.Row]? {
        guard let tail = tail(s) else { return nil }
        let needle = screen.filter.lowercased()
        return tail.logs.map { row($0, tail.aliases) }.filter {
            needle.isEmpty || $0.cells.joined(separator: " ").lowercased().contains(needle)
        }
    }

    static func rowCount(_ s: CockpitState) -> Int? {
        guard case .screen(let screen) = s.mode else { return 0 }
        return rows(s, screen)?.count ?? 0
    }

    static func row(_ l: SpendLog, _ aliases: [String: String]) -> ListTable.Row {
        let latency = Int((l.endTime.timeIntervalSince(l.startTime) * 1000).rounded())
        let time = String(Timestamp.format(l.startTime).dropFirst(11).prefix(8))
        let ok = l.status == "success"
        return ListTable.Row(
            cells: [
                time + " ", (aliases[l.keyHash] ?? String(l.keyHash.prefix(8))) + " ", l.model + " ", l.status + " ",
                "\(l.totalTokens) ", String(format: "$%.4f ", l.cost), "\(latency) ms",
            ], role: ok ? .dialog : .statusWarn)
    }

    static func handle(_ s: CockpitState, _ screen: ScreenState, _ action: Action) -> (CockpitState, [Effect]) {
        (s, [])
    }

    static func draw(_ b: inout ScreenBuffer, _ s: CockpitState, _ screen: ScreenState) {
        let rows = rows(s, screen)
        let shown = rows.map { " (\($0.count)\(screen.filter.isEmpty ? "" : " matching /\(screen.filter)"))" } ?? ""
        let (x, y, width, height) = Box.panel(&b, title: "requests of \(s.account?.name ?? ""), newest first\(shown)")
        ListTable.draw(
            &b, x: x, y: y + 1, width: width, height: height - 2,
            columns: columns(width: width),
            rows: rows, selected: screen.selected,
            empty: screen.filter.isEmpty ? "no requests yet" : "no request matches /\(screen.filter)")
    }

    /// The columns at a panel width: key and model narrower on a small screen.
    static func columns(width: Int) -> [ListTable.Column] {
        let wide = width >= 100
        return [
            .init(title: "time", width: 9), .init(title: "key", width: wide ? 18 : 14),
            .init(title: "model", width: wide ? 24 : 18),
            .init(title: "status", width: 8), .init(title: "tokens", width: 7),
            .init(title: "cost", width: wide ? 11 : 8), .init(title: "latency", width: 0),
        ]
    }

    static func load(_ c: ScreenContext, _ screen: ScreenState) async throws -> ScreenUpdate {
        let account = try c.requireAccount()
        let logs = try await c.backend.requestLogs(account: account, limit: limit)
        let keys = try await c.backend.keys(account: account)
        return .data(
            name,
            Tail(
                logs: logs,
                aliases: Dictionary(
                    keys.map { ($0.keyHash, $0.keyAlias ?? $0.maskedKey) }, uniquingKeysWith: { a, _ in a })))
    }
}
