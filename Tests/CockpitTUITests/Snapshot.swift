@testable import CockpitTUI
import Foundation
import Testing

/// Text snapshots of frames: the characters, then a style mask (one letter per cell, see `StyleRole.maskLetter`).
/// Files live in Tests/CockpitTUITests/Snapshots; `UPDATE_SNAPSHOTS=1` rewrites them (review the diff before committing).
enum Snapshot {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    static func text(_ b: ScreenBuffer) -> String {
        (b.lines + ["---- style ----"] + b.styleMask).joined(separator: "\n") + "\n"
    }

    static func check(_ name: String, _ b: ScreenBuffer, sourceLocation: SourceLocation = #_sourceLocation) {
        let file = folder.appendingPathComponent("\(name).txt")
        let actual = text(b)
        if ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1" {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try? actual.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record(
                "no snapshot \(name).txt: run with UPDATE_SNAPSHOTS=1 and review it", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false),
                a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
            Issue.record(
                "snapshot \(name) differs at line \(line + 1):\nexpected: \(line < e.count ? e[line] : "")\nactual:   \(line < a.count ? a[line] : "")",
                sourceLocation: sourceLocation)
        }
    }
}
