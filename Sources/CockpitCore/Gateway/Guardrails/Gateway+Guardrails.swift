import Foundation

extension Gateway {
    /// Checks a request's text with the caller's input guardrails before the upstream call: hits recorded, masks
    /// applied (only the masked string literals re-written, every other byte kept), a refusal thrown as a 400
    /// `content_policy_violation`. The text is read in place in the body's bytes; a caller without input guardrails
    /// costs nothing here, and a text without a match costs its scan.
    func guardInput(_ request: GatewayRequest, _ admission: Admission) throws -> GatewayRequest {
        guard let scanner = admission.guardrails.input, let log = admission.guardrailHits else { return request }
        let name = GuardrailTexts.inputMember(request.endpoint)
        guard let member = request.members.first(where: { $0.key == name }) else { return request }
        let literals = try GuardrailTexts.request(request.body, member.value, request.endpoint)
        guard let body = try check(scanner, request.body, literals, .input, log) else { return request }
        var masked = try GatewayRequest.parse(request.endpoint, body: body, model: request.model)
        masked.model = request.model
        return masked
    }

    /// Checks a whole answer with the caller's output guardrails: the answer with masks applied, or a 400
    /// `content_policy_violation` when a refusing pattern matched.
    func guardOutput(_ body: [UInt8], _ request: GatewayRequest, _ admission: Admission) throws -> [UInt8] {
        guard let scanner = admission.guardrails.output, let log = admission.guardrailHits,
            request.endpoint != .embeddings
        else { return body }
        let members = try JSONBytes.members(body)
        guard let choices = members.first(where: { $0.key == "choices" }) else { return body }
        let literals = try GuardrailTexts.answer(body, choices.value)
        return try check(scanner, body, literals, .output, log) ?? body
    }

    /// The string literals at `literals` (ranges of `body`, in order) through a scanner: hits logged, a refusal
    /// thrown, and the body with the masked literals replaced (nil when nothing was masked).
    private func check(
        _ scanner: GuardrailScanner, _ body: [UInt8], _ literals: [Range<Int>], _ direction: GuardrailDirection,
        _ log: GuardrailHitLog
    ) throws -> [UInt8]? {
        var replacements: [(Range<Int>, [UInt8])] = []
        for literal in literals {
            let (verdict, masked) = try Self.scan(scanner, body, literal)
            guard !verdict.hits.isEmpty else { continue }
            log.add(verdict.hits, direction)
            if let refusal = verdict.refusal { throw GatewayError.contentPolicy(refusal) }
            if let masked { replacements.append((literal, JSONBytes.quoted(masked))) }
        }
        guard !replacements.isEmpty else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(body.count + 64 * replacements.count)
        var at = 0
        for (range, bytes) in replacements {
            out += body[at..<range.lowerBound]
            out += bytes
            at = range.upperBound
        }
        out += body[at...]
        return out
    }

    /// One string literal (quotes included) scanned as the text it stands for: its bytes as they are when it has no
    /// escape, else the unescaped text.
    private static func scan(
        _ scanner: GuardrailScanner, _ body: [UInt8], _ literal: Range<Int>
    ) throws -> (verdict: GuardrailVerdict, masked: String?) {
        let inner = (literal.lowerBound + 1)..<(literal.upperBound - 1)
        let plain = body.withUnsafeBufferPointer { buffer -> (GuardrailVerdict, String?)? in
            let text = UnsafeBufferPointer(rebasing: buffer[inner])
            guard let base = text.baseAddress, memchr(base, 0x5C, text.count) == nil else { return nil }
            return scanner.check(utf8: text)
        }
        if let plain { return plain }
        var cursor = JSONCursor(bytes: body, index: literal.lowerBound)
        var text = try cursor.string()
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { scanner.check(utf8: $0) }!
    }
}
