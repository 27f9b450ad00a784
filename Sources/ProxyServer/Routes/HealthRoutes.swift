import CockpitCore
import Foundation
import Hummingbird
import Prometheus

/// `/health/liveliness` (process up), `/health/readiness` (store, limit counters, what this instance shares with
/// others, and version), `/metrics` (Prometheus text), and `/health` (super-admin: probes each deployment).
enum HealthRoutes {
    /// What a load balancer's operator must know of several instances: which admission state is shared and which
    /// each instance keeps (rpm/tpm/parallel counters and key blocks go through Redis when it is configured; budget
    /// reservations and deployment cooldowns are this instance's, budgets reconciled from the store every 5 s).
    static func sharedState(_ counters: String) -> JSONValue {
        [
            "rate_limits": .string(counters),
            "budgets": "per instance: reservations in this process, spend reconciled from the store every 5 s",
            "cooldowns": "per instance",
        ]
    }

    static func register(
        _ table: RouteTable, cockpit: Cockpit, gateway: Gateway?, registry: PrometheusCollectorRegistry, version: String
    ) {
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
            let counters = gateway?.counters.status ?? "in-memory"
            let body: JSONValue = [
                "status": .string(status == .ok ? "healthy" : "unhealthy"), "db": .string(store),
                "store": .string(cockpit.database.dialect.rawValue), "cache": .string(counters),
                "version": .string(version), "shared_state": sharedState(counters),
            ]
            return WireJSON.response(body, status: status)
        }
        if let gateway {
            table.addLiteLLM(.get, "/health") { _, _, c in
                let report = try await gateway.probeDeployments(for: c.caller)
                func list(_ items: [Gateway.ProbeResult]) -> JSONValue {
                    .array(
                        items.map {
                            [
                                "model": .string($0.deployment.modelName), "model_id": .string($0.deployment.id),
                                "route": .string($0.deployment.route),
                                "api_base": $0.deployment.apiBase.map(JSONValue.string) ?? .null,
                                "error": $0.error.map(JSONValue.string) ?? .null,
                            ]
                        })
                }
                let healthy = report.filter { $0.error == nil }, unhealthy = report.filter { $0.error != nil }
                return GatewayRoutes.json(
                    try FastJSONEncoder.encode(
                        JSONValue.object([
                            "healthy_endpoints": list(healthy), "unhealthy_endpoints": list(unhealthy),
                            "healthy_count": .number(Double(healthy.count)),
                            "unhealthy_count": .number(Double(unhealthy.count)),
                        ])))
            }
        }
        table.addPublic(.get, "/metrics") { _, _ in
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            if let gateway {
                buffer += Array(
                    "# TYPE cockpit_spend_dead_letter_rows_total counter\ncockpit_spend_dead_letter_rows_total \(gateway.spend.deadLetteredRows)\n"
                        .utf8)
                buffer += Array(gateway.guardrailMetrics.exposition.utf8)
            }
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: .init(bytes: buffer)))
        }
    }
}
