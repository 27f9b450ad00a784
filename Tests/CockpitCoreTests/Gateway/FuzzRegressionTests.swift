@testable import CockpitCore
import Foundation
import Testing

/// Inputs the fuzzer (scripts/fuzz.sh, docs/FUZZING.md) found breaking a property, kept as they were found; each
/// test names the target and the property.
@Suite struct FuzzRegressionTests {
    /// json, 2026-12-07: the member scanner skipped over escapes unchecked, so it accepted `\-` (and any other
    /// unknown escape) in a member the parser refuses; the gateway forwarded such bodies. The parser read `\u+041`
    /// as `A` and `\u-000` as NUL.
    @Test func theMemberScannerRefusesWhatTheParserRefuses() throws {
        let found =
            #"{"modegl":"pt-3.5\ru\-\\t\\\\\\\\\\\\y\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\\bo-inst?ruct","pr#mpt":["a","b"],"mnse":"hi"}"#
        let bad = [
            found, #"{"a":"\-"}"#, #"{"a":"\x41"}"#, #"{"a":"\u+041"}"#, #"{"a":"\u-000"}"#, #"{"a":"\u12"}"#,
            #"{"a":"\uDC00"}"#,
            "{\"a\":\"\\\u{e9}\"}", #"{"a":{"b":["\q"]}}"#,
        ]
        for text in bad {
            #expect(throws: CockpitError.self, "parse \(text)") { try JSONBytes.parse(Array(text.utf8)) }
            #expect(throws: CockpitError.self, "members \(text)") { try JSONBytes.members(Array(text.utf8)) }
        }
        let request = #"{"model":"m","messages":[{"role":"user","content":"x"}],"user":"\-"}"#
        #expect(throws: GatewayError.self) { try GatewayRequest.parse(.chat, body: Array(request.utf8)) }
    }

    /// json: every escape JSON allows still passes both, and both read the same value.
    @Test func validEscapesPassTheScannerAndTheParser() throws {
        let text = #"{"a":"\"\\\/\b\f\n\r\t\u00e9\uD83D\uDE00\ud83d\ude00","b":["\u0000"]}"#
        let members = try JSONBytes.members(Array(text.utf8))
        let value = try JSONBytes.parse(Array(text.utf8))
        #expect(members.map(\.key) == ["a", "b"])
        #expect(value["a"] == .string("\"\\/\u{08}\u{0C}\n\r\té😀😀") && value["b"] == [.string("\u{0}")])
        for m in members { #expect(try JSONBytes.parse(Array(text.utf8), m.value) == value[m.key]) }
    }

    /// sse, 2026-12-07: an upstream chunk whose JSON spans several `data:` lines was sent to the client as one
    /// `data:` field holding a line break, so the client read `{"a":` and dropped the rest.
    @Test func multiLineUpstreamChunksReachTheClientWhole() throws {
        let found = Array(
            ": keep-alive\r\nevent: message\r\ndata: {\"a\":\r\ndata: 2}\r\nid: 7\r\nretry: 10\r\n\r\ndata\rdata:x\r\r\ndata: [DONE]"
                .utf8)
        let request = try GatewayRequest.parse(
            .chat, body: Array(#"{"model":"pub","stream":true,"messages":[{"role":"user","content":"x"}]}"#.utf8))
        var translator = try #require(Providers.adapter(for: "openai")).makeStreamTranslator(request)
        var sent: [UInt8] = []
        do {
            for byte in found { sent += try translator.feed([byte]) }
        } catch {}  // the second event (`\nx`) is not JSON: the stream fails there
        var client = SSEParser()
        let events = try client.feed(sent)
        #expect(events.count == 1)
        #expect(try JSONBytes.parse(try #require(events.first).data) == ["a": 2])
    }

    /// sse: `SSE.frame` carries a payload of several lines (LF, CRLF or CR) as one event.
    @Test func framingCarriesLineBreaks() throws {
        var parser = SSEParser()
        let events = try parser.feed(SSE.frame(Array("one\ntwo\r\nthree\rfour\n".utf8)))
        #expect(events.map(\.data) == [Array("one\ntwo\nthree\nfour\n".utf8)])
        #expect(SSE.frame(Array("{}".utf8)) == Array("data: {}\n\n".utf8))
    }

    /// config, 2026-12-07: a mapping key that is itself a mapping or a list (`? {a: 1}` or `[a]: b`) made Yams'
    /// constructor force-unwrap nil (Yams 6.2.2, Constructor.swift:448 and :481): the process died on the file.
    @Test func complexYAMLKeysAreRefusedNotFatal() throws {
        let found = try #require(
            Data(
                base64Encoded: """
                    bW9kZWxfbGlzfDoKICAtIG1vdmlyXV1dOgogIC0gbUBkZWxfbmFtZTogZ3B0LTRvCiAgICBsaXRlbGxtX3BhcmFtczoKICAgICAgbW9kZWw6IGF6dXJlL3By\
                    b2QtZ3B0NG8KPyAgICAgYXBpX2Jhc2U6IG9zLmVudmlyXV1dXV1dXV1dXV1dXV1dXV1dXWxvIn0KbP//////////////////////////////////////////////\
                    ////////////aXRlbGVyX3NldHRpbmdzOgogIHJvdXRpbmdfc3RyYXRlZ3k6IGxlYXN0LWJ1c3kKICBjb29sZG93bn5fdGltZTogOQogIGFsbG93ZWRfZmFp\
                    bHM6IDIKICB0aW1lb3V0OiA0NQogIHJlZGlzX2hvc3Q6IDEwLjAuMC41CiAgcmVkaXNfcG9ydDogb3MuZW52aXJvbi9SRURJU19QT1JUCiAgcmVkaXNfcGFz\
                    c3dvcmQ6IHB3CmdlbmVyYWxfc2V0dGluZ3M6CiAgbWFzdGVyX2tl/3k6IHNrLWZyb20tY29uZmlnCiAgZGF0YWJhc2VSQTogIjEiCg==
                    """))
        for text in [
            String(decoding: found, as: UTF8.self), "? [a]\n: b\n", "{[a]: b}\n", "model_list:\n  - {? {x: 1}: y}\n",
            "s: !!set {? {a: 1}}\n",
        ] {
            #expect(throws: CockpitError.self, "\(text.prefix(30))") { try GatewayConfig.parse(text) }
        }
    }

    /// config: aliases expanding past a million values are refused before Yams builds them (a precaution added with
    /// the fix above, not a fuzzer finding); ordinary anchors, aliases and merge keys still work.
    @Test func aliasBombsAreRefusedAndAnchorsStillWork() throws {
        var bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...6 {
            bomb += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        #expect(throws: CockpitError.self) { try GatewayConfig.parse(bomb) }
        let anchors = """
            base: &base {model: openai/gpt-4o-mini, api_key: sk-1, timeout: 100}
            model_list:
              - {model_name: mini, litellm_params: *base}
              - model_name: fast
                litellm_params: {<<: *base, model: groq/llama-3.1-8b}
            """
        let config = try GatewayConfig.parse(anchors)
        #expect(
            config.deployments.map(\.modelName) == ["mini", "fast"]
                && config.deployments.map(\.provider) == ["openai", "groq"])
        #expect(config.deployments.allSatisfy { $0.timeout == 100 && $0.apiKey == "sk-1" })
    }

    /// config, 2026-12-07 (CI fuzz run): a plain integer in base 60 with many places (`1:59:59:…`) made Yams multiply
    /// past Int.max and trap; it is refused naming the number. Base-60 numbers that fit, quoted or tagged strings,
    /// and colons in URLs still read as before.
    @Test func hugeBase60NumbersAreRefusedNotFatal() throws {
        for text in [
            "x: 1:59:59:59:59:59:59:59:59:59:59:59:59:59:59:59:59\n", "timeout: -1:0:0:0:0:0:0:0:0:0:0:0\n",
            "x: !!int 1_0:0:0:0:0:0:0:0:0:0:0:0\n", "x: 9223372036854775807:59\n",
        ] {
            #expect(throws: CockpitError.self, "\(text.prefix(30))") { try GatewayConfig.parse(text) }
        }
        let fine = try GatewayConfig.parse(
            """
            a: 1:30:00
            b: "1:59:59:59:59:59:59:59:59:59:59:59:59"
            c: !!str 1:59:59:59:59:59:59:59:59:59:59:59:59
            d: 01:59:59:59:59:59:59:59:59:59:59:59:59
            model_list:
              - model_name: m
                litellm_params: {model: openai/gpt-4o, api_base: "http://10.0.0.1:8080", timeout: 1:30}
            """)
        #expect(fine.deployments.map(\.timeout) == [90])
    }
}
