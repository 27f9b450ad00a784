@testable import CockpitCore
import Foundation
import Testing

/// The idle-priority thread runs jobs in order, hands results and errors back, and really is at idle priority.
@Suite struct IdlePriorityThreadTests {
    struct Refused: Error {}

    @Test func runsJobsInOrderAndReturnsTheirResults() async throws {
        let thread = IdlePriorityThread(name: "test.idle-priority")
        let order = LockedBox<[Int]>([])
        for i in 0..<100 { thread.run { order.mutate { $0.append(i) } } }
        let answer = try await thread.perform { 6 * 7 }
        #expect(answer == 42)
        #expect(order.mutate { $0 } == Array(0..<100), "jobs ran one after the other, in order, before the later one")
        await #expect(throws: Refused.self) { try await thread.perform { throw Refused() } }
    }

    /// Linux reports the thread's policy in /proc: 5 is SCHED_IDLE.
    @Test func theThreadIsScheduledAtIdlePriority() async throws {
        let thread = IdlePriorityThread(name: "test.idle-priority")
        let policy = try await thread.perform { () -> String in
            let text = (try? String(contentsOfFile: "/proc/thread-self/sched", encoding: .utf8)) ?? ""
            return text.split(separator: "\n").first { $0.hasPrefix("policy") }.map {
                String($0.split(separator: ":").last ?? "")
            }?
            .trimmingCharacters(in: .whitespaces) ?? "unknown"
        }
        #expect(thread.isIdlePriority)
        #expect(policy == "5")
    }
}
