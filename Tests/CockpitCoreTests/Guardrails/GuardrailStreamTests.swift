@testable import CockpitCore
import Foundation
import Testing

/// Streams: matches split across chunks are found, masks are applied before bytes leave, refusals stop the
/// stream, and the result equals a block scan of the whole text.
@Suite struct GuardrailStreamTests {
    @Test func aCardSplitAcrossThreeChunksIsMaskedBeforeRelease() async throws {
        let scanner = try await GuardrailFixtures.scanner([GuardrailFixtures.masking(.card)])
        #expect(scanner.streamWindow == 37 + 2)  // the card candidate's longest match and two bytes of context
        let chunks = [
            "Your card is 4111 11", "11 1111 ", "1111, thanks! " + String(repeating: "More text. ", count: 6),
        ]
        let run = GuardrailFixtures.stream(scanner, chunks)
        #expect(run.text == "Your card is [CARD], thanks! " + String(repeating: "More text. ", count: 6))
        #expect(run.refusal == nil)
        // No step ever let a digit of the card out.
        for step in run.steps { #expect(!step.contains("4111") && !step.contains("11 1")) }
        #expect(
            run.hits == [
                GuardrailHit(
                    presetCode: "pii", patternName: "card", patternType: .block, action: "mask", outcome: .masked,
                    byteOffset: 13, byteCount: 19)
            ])
        // Text before the window was released early, not only at the end.
        #expect(run.steps.dropLast().joined().hasPrefix("Your card is [CARD], thanks!"))
    }

    @Test func aPatternSplitAcrossTwoChunksAndMatchesAtTheVeryEnd() async throws {
        let scanner = try await GuardrailFixtures.scanner([
            GuardrailPattern(name: "codename", regex: #"(?i)\bproject falcon\b"#, type: .block, action: "redact"),
            GuardrailFixtures.masking(.email),
        ])
        let run = GuardrailFixtures.stream(scanner, ["We call it Project Fal", "con. Mail ann@exam", "ple.com"])
        #expect(run.text == "We call it [REDACTED]. Mail [EMAIL]")
        #expect(run.hits.map(\.patternName) == ["codename", "email"])
    }

    @Test func aRefusalMidStreamStopsItBeforeTheMatchLeaves() async throws {
        let scanner = try await GuardrailFixtures.scanner(
            [GuardrailPattern(name: "leak", regex: "(?i)internal use only", type: .block, action: "block")],
            code: "dlp")
        let stream = scanner.openStream()
        let first = stream.feed(String(repeating: "Fine text. ", count: 10))
        #expect(first.refusal == nil && first.text.hasPrefix("Fine text."))
        let second = stream.feed("This is INTERNAL use")
        #expect(second.refusal == nil && !second.text.contains("INTERNAL"))
        let third = stream.feed(" only, do not share. And more.")
        #expect(
            third.refusal == GuardrailRefusal(presetCode: "dlp", patternName: "leak", action: "block", byteOffset: 118))
        let released = first.text + second.text + third.text
        #expect(released == String(repeating: "Fine text. ", count: 10) + "This is ")
        #expect(
            stream.feed("later").text.isEmpty
                && stream.finish() == GuardrailStreamStep(text: "", hits: [], refusal: nil))
        #expect(stream.refusal?.patternName == "leak" && stream.hits.map(\.outcome) == [.refused])
    }

    @Test(arguments: [1, 2, 3, 7, 16, 64])
    func anyChunkingGivesTheBlockScansResult(chunkSize: Int) async throws {
        let scanner = try await GuardrailFixtures.scanner(
            BuiltinDetector.allCases.map(GuardrailFixtures.masking) + [
                GuardrailPattern(name: "ok", regex: #"ok@corp\.example"#, type: .allow),
                GuardrailPattern(name: "word", regex: "(?i)falcon", type: .detect),
            ])
        let text =
            "Grüße 👋 from ann@example.com and ok@corp.example; card 5555-5555-5555-4444, IBAN DE89 3704 0044 0532 "
            + "0130 00, ip 2001:db8::1, phone +49 151 12345678, key sk-proj-AbC123dEf456GhI789jKl0. Falcon ✓ 日本 "
            + "token R7kP2xQ9mZ4vL8nW3jT6yB1cF5hD0sGa, mail 連絡先はjo@example.jp!"
        let whole = scanner.apply(to: text)
        let characters = Array(text)
        let chunks = stride(from: 0, to: characters.count, by: chunkSize).map {
            String(characters[$0..<min($0 + chunkSize, characters.count)])
        }
        let run = GuardrailFixtures.stream(scanner, chunks)
        #expect(run.text == whole.text)
        #expect(run.hits == whole.verdict.hits)
        #expect(whole.text.contains("ok@corp.example") && whole.verdict.hits.count == 9)
        #expect(whole.text.hasSuffix("Falcon ✓ 日本 token [SECRET], mail [EMAIL]!"))
    }

    @Test func detectOnlyPresetsHoldNothingBack() async throws {
        let scanner = try await GuardrailFixtures.scanner([
            GuardrailPattern(name: "mail", regex: "builtin:email", type: .detect)
        ])
        #expect(scanner.streamWindow == 0)
        let stream = scanner.openStream()
        #expect(stream.feed("").text.isEmpty)  // an empty chunk, even the first, is nothing to scan
        #expect(stream.feed("write to ann@exa").text == "write to ann@exa")
        #expect(stream.feed("mple.com now").text == "mple.com now")
        let last = stream.finish()
        #expect(last.text.isEmpty && stream.hits.map(\.outcome) == [.detected])
    }

    @Test func aMatchLongerThanTheWindowIsMaskedWhereStillHeld() async throws {
        let scanner = try await GuardrailFixtures.scanner(
            [GuardrailPattern(name: "digits", regex: #"\d+"#, type: .block, action: "mask")], cap: 8)
        #expect(scanner.streamWindow == 8)
        let run = GuardrailFixtures.stream(scanner, ["ab ", String(repeating: "1", count: 20), "23 cd ", "and 45 ef"])
        #expect(run.text.hasPrefix("ab ") && run.text.hasSuffix("and [REDACTED] ef"))
        #expect(run.hits.first?.outcome == .masked && run.hits.contains { $0.outcome == .maskedPartially })
        #expect(!run.text.contains("123"))  // the held tail of the long run never left
    }

    @Test func aScannerForRequestsStreamsByHoldingTheWholeText() async throws {
        let scanner = try await GuardrailFixtures.scanner([GuardrailFixtures.masking(.card)], direction: .input)
        #expect(!scanner.supportsStreaming)
        let run = GuardrailFixtures.stream(scanner, ["", "card 4111 1111 ", "1111 1111 end"])
        #expect(run.steps == ["", "", "", "card [CARD] end"])
        let empty = try await GuardrailFixtures.scanner([])
        #expect(GuardrailFixtures.stream(empty, ["a", "b"]).steps == ["a", "b", ""])
    }

    @Test func streamsFromManyTasksAgree() async throws {
        let scanner = try await GuardrailFixtures.scanner([
            GuardrailFixtures.masking(.card), GuardrailFixtures.masking(.email),
        ])
        let chunks = ["mail a@example.com card 4111 1111", " 1111 1111 and ", "b@example.org done"]
        let expected = "mail [EMAIL] card [CARD] and [EMAIL] done"
        let results = await withTaskGroup(of: String.self) { group in
            for _ in 0..<64 { group.addTask { GuardrailFixtures.stream(scanner, chunks).text } }
            var all: [String] = []
            for await text in group { all.append(text) }
            return all
        }
        #expect(results.count == 64 && results.allSatisfy { $0 == expected })
    }
}
