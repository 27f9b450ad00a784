@testable import CockpitCore
import Foundation
import Testing

/// The router's choice and the health it keeps.
@Suite struct DeploymentRouterTests {
    static func group() -> [Deployment] {
        [
            Deployment(id: "a", modelName: "m", route: "openai/a", rpm: 900),
            Deployment(id: "b", modelName: "m", route: "openai/b", rpm: 100),
        ]
    }

    @Test func weightsDecideHowOftenADeploymentComesFirst() {
        let router = DeploymentRouter(settings: RouterSettings())
        var firsts: [String: Int] = [:]
        for _ in 0..<2_000 { firsts[router.candidates(Self.group()).first!.id, default: 0] += 1 }
        #expect(
            (firsts["a"] ?? 0) > 1_600 && (firsts["a"] ?? 0) < 1_950, "about 90 % for the rpm-900 deployment: \(firsts)"
        )
    }

    @Test func failuresCoolADeploymentDownAndTimeBringsItBack() {
        let clock = LockedBox(1_000.0)
        var settings = RouterSettings()
        settings.cooldownTime = 5
        let router = DeploymentRouter(settings: settings, clock: { clock.mutate { $0 } })
        let (a, b) = (Self.group()[0], Self.group()[1])
        router.end(a, latency: 0.1, error: GatewayError.upstream(status: 429, message: "slow down", type: nil))
        #expect(router.candidates(Self.group()).map(\.id) == ["b"])
        router.end(b, latency: 0.1, error: GatewayError.upstream(status: 500, message: "x", type: nil))
        #expect(router.candidates(Self.group()).map(\.id) == ["b"], "one 500 is below the failure threshold")
        for _ in 0..<3 {
            router.end(b, latency: 0.1, error: GatewayError.upstream(status: 500, message: "x", type: nil))
        }
        #expect(router.candidates(Self.group()).isEmpty && router.allCoolingDown(Self.group()))
        clock.mutate { $0 += 6 }
        #expect(router.candidates(Self.group()).count == 2)
        router.end(a, latency: 0.1, error: GatewayError.upstream(status: 429, message: "x", type: nil), groupSize: 1)
        #expect(router.candidates([a]).count == 1, "a lone deployment never cools down")
    }

    @Test func leastBusyAndLatencyStrategies() {
        var settings = RouterSettings()
        settings.strategy = .leastBusy
        let busy = DeploymentRouter(settings: settings)
        busy.begin(Self.group()[0])
        #expect(busy.candidates(Self.group()).first?.id == "b")
        settings.strategy = .latencyBased
        let fast = DeploymentRouter(settings: settings)
        fast.end(Self.group()[0], latency: 0.5)
        fast.end(Self.group()[1], latency: 0.05)
        #expect(fast.candidates(Self.group()).first?.id == "b")
    }

    @Test func inMemoryCountersAdmitAllOrNothing() async {
        let counters = InMemoryLimitCounters()
        let checks = [
            LimitCheck(key: "rpm", limit: 2, amount: 1, ttl: 60, label: "rpm"),
            LimitCheck(key: "par", limit: 1, amount: 1, ttl: 60, label: "par"),
        ]
        #expect(await counters.acquire(checks) == .admitted([1, 1]))
        #expect(await counters.acquire(checks) == .refused(1))
        await counters.release(["par"])
        #expect(await counters.acquire(checks) == .admitted([2, 1]), "the refused attempt raised nothing")
        #expect(await counters.acquire(checks) == .refused(0))
        await counters.add("tpm", 500, ttl: 60)
        #expect(
            await counters.acquire([LimitCheck(key: "tpm", limit: 500, amount: 0, ttl: 60, label: "tpm")])
                == .refused(0))
    }

    @Test func inMemoryCountersRaiseRepeatedKeysEachTimeAndRestartExpiredWindows() {
        let now = LockedBox(1_000.0)
        let counters = InMemoryLimitCounters(clock: { now.mutate { $0 } })
        let rpm = LimitCheck(key: "rpm", limit: 3, amount: 1, ttl: 60, label: "rpm")
        #expect(counters.acquireNow([rpm, rpm]) == .admitted([1, 2]), "a key named twice in one request counts twice")
        #expect(counters.acquireNow([rpm]) == .admitted([3]))
        #expect(counters.acquireNow([rpm]) == .refused(0))
        now.mutate { $0 += 61 }
        #expect(counters.acquireNow([rpm]) == .admitted([1]), "an expired window starts again from zero")
    }
}
