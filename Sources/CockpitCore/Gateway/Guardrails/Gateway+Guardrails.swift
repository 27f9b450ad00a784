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
            let (verdict, masked) = try GuardrailTexts.withText(of: literal, in: body) { text, _ in
                scanner.check(utf8: text)
            }
            guard !verdict.hits.isEmpty else { continue }
            log.add(verdict.hits, direction)
            if let refusal = verdict.refusal { throw GatewayError.contentPolicy(refusal) }
            if let masked { replacements.append((literal, JSONBytes.quoted(masked))) }
        }
        return replacements.isEmpty ? nil : GuardrailTexts.replacing(body, replacements)
    }
}
