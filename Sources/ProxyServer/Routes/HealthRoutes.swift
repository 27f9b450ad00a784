import CockpitCore
import Foundation
import Hummingbird
import Prometheus

/// `/health/liveliness` (process up), `/health/readiness` (store and version), `/metrics` (Prometheus text).
enum HealthRoutes {
    static func register(_ table: RouteTable, cockpit: Cockpit, registry: PrometheusCollectorRegistry, version: String) {
        for path in ["/health/liveliness", "/health/liveness"] {
            table.addPublic(.get, path) { _, _ in WireJSON.response(["status": "ok"]) }
        }
        table.addPublic(.get, "/health/readiness") { _, _ in
            var store = "connected"
            var status = HTTPResponse.Status.ok
            do {
                let pending = try await cockpit.migrations.pendingCount()
                if pending > 0 { store = "\(pending) migration(s) pending"; status = .serviceUnavailable }
            } catch {
                store = "unavailable"
                status = .serviceUnavailable
            }
            let body: JSONValue = ["status": .string(status == .ok ? "healthy" : "unhealthy"), "db": .string(store),
                                   "store": .string(cockpit.database.dialect.rawValue), "cache": "in-memory", "version": .string(version)]
            return WireJSON.response(body, status: status)
        }
        table.addPublic(.get, "/metrics") { _, _ in
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"], body: .init(byteBuffer: .init(bytes: buffer)))
        }
    }
}
