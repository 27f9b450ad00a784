import Foundation
import Testing

/// The faces only authenticate and call: no HTTP route, no cockpit backend and no CLI command decides a permission.
/// The services do, through `Policy.authorize` (ARCHITECTURE.md, "One authorized core").
@Suite struct OneAuthorizationLayerTests {
    /// What deciding a permission looks like in Swift here.
    static let checks = [
        "Policy.check", "Policy.allows", "Policy.authorize", "Permission.", "Permission)", "try allow(",
        "requireTeamAdministration", "context.reading(", "context.changing(",
    ]

    /// The folders of the faces.
    static let faces = ["ProxyServer/Routes", "ProxyServer/Wire", "CockpitTUI", "cockpit"]

    @Test func noFaceChecksAPermission() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        var scanned = 0
        var found: [String] = []
        for face in Self.faces {
            let folder = sources.appendingPathComponent(face)
            let files =
                FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL }
                ?? []
            for file in files where file.pathExtension == "swift" {
                scanned += 1
                let lines = try String(contentsOf: file, encoding: .utf8).split(
                    separator: "\n", omittingEmptySubsequences: false)
                for (n, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                    for check in Self.checks where line.contains(check) {
                        found.append("\(face)/\(file.lastPathComponent):\(n + 1): \(check)")
                    }
                }
            }
        }
        #expect(scanned > 60, "the faces' sources were found (\(scanned) files)")
        #expect(found.isEmpty, "a face decides a permission; move it into the service it calls: \(found)")
    }

    /// The core's internals are `package`: outside the package only services and domain types are seen.
    static let internals = [
        "CockpitCore/Repositories", "CockpitCore/Storage/SQLite", "CockpitCore/Storage/Postgres",
        "CockpitCore/Storage/Migrations", "CockpitCore/Storage/Database.swift", "CockpitCore/Storage/SQLRow.swift",
        "CockpitCore/Storage/SQLValue.swift", "CockpitCore/Storage/ConnectionPool.swift",
        "CockpitCore/Services/ServiceSupport.swift",
    ]

    @Test func coreInternalsAreNotPublic() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        var found: [String] = [], scanned = 0
        for path in Self.internals {
            let url = sources.appendingPathComponent(path)
            let files =
                path.hasSuffix(".swift")
                ? [url]
                : FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL }
                    ?? []
            for file in files where file.pathExtension == "swift" {
                scanned += 1
                for (n, line) in try String(contentsOf: file, encoding: .utf8).split(separator: "\n").enumerated()
                where line.trimmingCharacters(in: .whitespaces).hasPrefix("public ") {
                    found.append("\(file.lastPathComponent):\(n + 1)")
                }
            }
        }
        #expect(scanned > 20, "the internals were found (\(scanned) files)")
        #expect(found.isEmpty, "public declarations among the core's internals (make them package): \(found)")
    }
}
