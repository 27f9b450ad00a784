import CockpitCore
import Foundation
import Synchronization

/// Opens `count` streamed chat completions at once and checks every one: each content chunk in order (the fake
/// upstream sends `w0 `, `w1 `, …), `[DONE]` at the end. Prints time to first byte, duration, and what went wrong.
/// Once every one of them has its first byte (the opening storm is over), `probes` more streams are opened one after
/// another: their time to first byte is the latency a new stream sees on a server holding `count` open streams. The
/// fewest streams open during the probes is printed with them (streams must outlast the probes for a fair figure).
struct StreamBenchmark {
    let url: String
    let key: String?
    let model: String
    let count: Int
    let chunks: Int
    var probes = 0

    /// How many streams have had their first byte (or failed before it), and how many are still open.
    final class Counts: Sendable {
        let started = Atomic<Int>(0)
        let open: Atomic<Int>
        init(open: Int) { self.open = Atomic(open) }
    }

    /// One stream's outcome.
    struct Outcome: Sendable {
        var firstByte: Double = 0
        var total: Double = 0
        var error: String?
    }

    func run() async -> Bool {
        let http = CurlHTTPClient(maxConnections: count + 16)
        defer { http.shutdown() }
        let body = Array(#"{"model":"\#(model)","stream":true,"messages":[{"role":"user","content":"hello"}]}"#.utf8)
        var headers: [(name: String, value: String)] = [("Content-Type", "application/json")]
        if let key { headers.append(("Authorization", "Bearer \(key)")) }
        let request = HTTPClientRequest(
            url: url, method: "POST", headers: headers, body: body, connectTimeout: 30, timeout: 120)
        let expected = (0..<chunks).map { "w\($0) " }.joined()
        let started = DispatchTime.now().uptimeNanoseconds
        let probeCount = probes, streamCount = count
        let counts = Counts(open: count)
        let (outcomes, probed) = await withTaskGroup(of: (Outcome, Bool).self) { group in
            for _ in 0..<count {
                group.addTask { (await Self.one(http, request, expected: expected, counts: counts), false) }
            }
            if probeCount > 0 {
                group.addTask {
                    while counts.started.load(ordering: .acquiring) < streamCount {
                        try? await Task.sleep(nanoseconds: 5_000_000)
                    }
                    var probe = Samples()
                    var fewestOpen = streamCount
                    for _ in 0..<probeCount {
                        fewestOpen = min(fewestOpen, counts.open.load(ordering: .acquiring))
                        if let t = await Self.firstByte(http, request) { probe.add(t) }
                    }
                    fewestOpen = min(fewestOpen, counts.open.load(ordering: .acquiring))
                    print(
                        "  probes once all \(streamCount) streams had their first byte (\(fewestOpen) or more open throughout): time to first byte \(probe.summary)"
                    )
                    return (Outcome(), true)
                }
            }
            return await group.reduce(into: ([Outcome](), 0)) { acc, r in
                if r.1 { acc.1 += 1 } else { acc.0.append(r.0) }
            }
        }
        _ = probed
        let wall = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        var ttfb = Samples(), total = Samples()
        for o in outcomes where o.error == nil { ttfb.add(o.firstByte); total.add(o.total) }
        let failures = outcomes.compactMap(\.error)
        print("streams: \(count) concurrent, \(chunks) chunks each, all done in \(String(format: "%.2f", wall)) s")
        print("  time to first byte: \(ttfb.summary)")
        print("  stream duration:    \(total.summary)")
        print("  complete and in order: \(count - failures.count) / \(count)")
        for (reason, n) in Dictionary(grouping: failures, by: { $0 }).mapValues(\.count).sorted(by: {
            $0.value > $1.value
        }).prefix(5) {
            print("  FAILED \(n)×: \(reason)")
        }
        return failures.isEmpty
    }

    /// Seconds until a new stream's first bytes arrive; the stream is then dropped.
    static func firstByte(_ http: CurlHTTPClient, _ request: HTTPClientRequest) async -> Double? {
        let start = DispatchTime.now().uptimeNanoseconds
        guard let (head, body) = try? await http.stream(request), head.status == 200 else { return nil }
        defer { body.cancel() }
        var iterator = body.makeAsyncIterator()
        guard (try? await iterator.next()) != nil else { return nil }
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func one(
        _ http: CurlHTTPClient, _ request: HTTPClientRequest, expected: String, counts: Counts
    ) async -> Outcome {
        var outcome = Outcome()
        defer {
            if outcome.firstByte == 0 { counts.started.add(1, ordering: .releasing) }
            counts.open.subtract(1, ordering: .releasing)
        }
        let start = DispatchTime.now().uptimeNanoseconds
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        do {
            let (head, body) = try await http.stream(request)
            guard head.status == 200 else { outcome.error = "status \(head.status)"; return outcome }
            var parser = SSEParser()
            var text = ""
            var done = false
            for try await chunk in body {
                if outcome.firstByte == 0 {
                    outcome.firstByte = elapsed()
                    counts.started.add(1, ordering: .releasing)
                }
                for event in try parser.feed(chunk) {
                    if event.data.elementsEqual("[DONE]".utf8) { done = true; continue }
                    let value = try JSONBytes.parse(event.data)
                    if let error = value["error"] {
                        outcome.error = "in-band error: \(error["message"]?.stringValue ?? "?")"; return outcome
                    }
                    text += value["choices"]?.arrayValue?.first?["delta"]?["content"]?.stringValue ?? ""
                }
            }
            outcome.total = elapsed()
            if !done {
                outcome.error = "no [DONE]"
            } else if text != expected {
                outcome.error = "chunks lost or reordered"
            }
        } catch {
            outcome.error = "\(error)"
        }
        return outcome
    }
}
