import CockpitTesting
import Foundation
import Hummingbird

// fake-upstream [--port N] [--latency-ms N] [--chunks N] [--chunk-delay-ms N]: the fake LLM upstream of the tests
// on a loopback port, for benchmarks and demos. Speaks OpenAI (/v1/chat/completions, /v1/completions,
// /v1/embeddings, streaming too), Azure's deployment paths, Anthropic's /v1/messages and Gemini's generateContent.
var options: [String: String] = [:]
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.first, flag.hasPrefix("--"), arguments.count >= 2 {
    options[String(flag.dropFirst(2))] = arguments.dropFirst().first!
    arguments = arguments.dropFirst(2)
}
let port = Int(options["port"] ?? "") ?? 8090
var behavior = FakeUpstream.Behavior()
behavior.latency = (Double(options["latency-ms"] ?? "") ?? 0) / 1000
behavior.chunks = Int(options["chunks"] ?? "") ?? 5
behavior.chunkDelay = (Double(options["chunk-delay-ms"] ?? "") ?? 0) / 1000
let upstream = FakeUpstream(behavior)
FileHandle.standardOutput.write(Data("fake upstream on http://127.0.0.1:\(port) (Ctrl-C stops it)\n".utf8))
let app = Application(
    router: upstream.router(),
    configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "fake-upstream"))
do { try await app.runService() } catch {
    FileHandle.standardError.write(Data("fake-upstream: cannot serve on 127.0.0.1:\(port): \(error)\n".utf8))
    exit(1)
}
