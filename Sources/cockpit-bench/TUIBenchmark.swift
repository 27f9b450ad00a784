import CockpitCore
import CockpitTUI
import Foundation

/// The cockpit's render path on a big store (imported first by `cockpit-bench store --import-only`): time from
/// opening the store to the first full frame, the frame after each of a walk of key presses at 200×60 (handler,
/// loads and render), a live refresh of what the walk loaded, and resident memory after the walk.
struct TUIBenchmark {
    let path: String
    let width = 200, height = 60

    func run() async throws {
        let started = DispatchTime.now().uptimeNanoseconds
        func ms(since: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - since) / 1e6 }
        let cockpit = Cockpit(
            settings: Settings(environment: [:], dotenvPath: nil), database: try SQLiteDatabase(path: path))
        let app = CockpitApp(
            backend: LocalBackend(cockpit: cockpit, principal: .superAdmin(method: .local), identity: "bench"))
        try await app.prepare()
        var frame = MainView.render(app.state, width: width, height: height)
        print(
            String(
                format: "first full frame at %dx%d: %.1f ms after opening the store (%d orgs in the console tree)",
                width, height,
                ms(since: started), app.state.session.data[.console]?.orgs?.count ?? 0))
        var samples = Samples()
        var walk: [Key] = [.enter, .down, .enter]
        walk += Array(repeating: .down, count: 40) + [.pageDown, .pageDown, .char("G"), .char("g")]
        for _ in 0..<20 { walk += [.down, .enter] }
        walk += [.char("/")] + "Team 5".map { Key.char($0) } + [.enter, .tab, .enter, .down, .enter, .tab, .escape]
        for _ in 0..<3 { walk += [.pageDown] + Array(repeating: .down, count: 10) + [.enter] }
        for key in walk {
            let t = DispatchTime.now().uptimeNanoseconds
            await app.press(key)
            frame = MainView.render(app.state, width: width, height: height)
            samples.add(Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9)
        }
        _ = frame
        print(
            "frame after a key press at \(width)x\(height) (handler, loads, render), \(walk.count) keys: \(samples.summary)"
        )
        var renders = Samples()
        for _ in 0..<200 {
            let t = DispatchTime.now().uptimeNanoseconds
            frame = MainView.render(app.state, width: width, height: height)
            renders.add(Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9)
        }
        print("render alone at \(width)x\(height): \(renders.summary)")
        var refreshes = Samples()
        for _ in 0..<20 {
            let t = DispatchTime.now().uptimeNanoseconds
            await app.press(.char("R"))
            refreshes.add(Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9)
        }
        let open = app.state.session.panes.values.map(\.expanded.count).reduce(0, +)
        print(
            "live refresh (every loaded level of both trees, keys, audit, grants; \(open) nodes open): \(refreshes.summary)"
        )
        let rss =
            (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8))?.split(separator: "\n").first {
                $0.hasPrefix("VmRSS")
            } ?? "?"
        print(
            "resident memory after the walk: \(rss.split(separator: " ", omittingEmptySubsequences: true).dropFirst().joined(separator: " "))"
        )
        await cockpit.database.close()
    }
}
