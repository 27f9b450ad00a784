import CockpitCore
import CockpitTesting
import Foundation
import Testing
@testable import ProxyServer

/// docs/openapi.yaml and the router describe the same routes: a route missing from either side fails.
@Suite struct OpenAPITests {
    static let spec = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("docs/openapi.yaml")

    /// `METHOD path` for every operation under `paths:` (two-space path keys, four-space method keys).
    static func documented() throws -> Set<String> {
        let text = try String(contentsOf: spec, encoding: .utf8)
        var operations = Set<String>(), path: String?, inPaths = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("paths:") { inPaths = true; continue }
            if inPaths, !line.isEmpty, !line.hasPrefix(" ") { break }
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
            }
            let methods = ["get", "post", "put", "patch", "delete"]
            if let path, line.hasPrefix("    "), !line.hasPrefix("     "),
                let m = methods.first(where: { line == "    \($0):" })
            {
                operations.insert("\(m.uppercased()) \(path)")
            }
        }
        return operations
    }

    @Test func everyRouteIsDocumentedAndEveryDocumentedRouteExists() async throws {
        try await ServerHarness.with(.sqlite) { s in
            let registered = Set(s.routes.map(\.description))
            let documented = try Self.documented()
            #expect(registered.count >= 60)
            #expect(registered.subtracting(documented).sorted() == [], "routes missing from docs/openapi.yaml")
            #expect(
                documented.subtracting(registered).sorted() == [], "documented routes that the server does not have")
        }
    }
}
