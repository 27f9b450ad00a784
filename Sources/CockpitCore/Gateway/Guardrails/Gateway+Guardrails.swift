import Foundation

extension Gateway {
    /// Checks a request's text with the caller's input guardrails before the upstream call: hits recorded, masks
    /// applied (the request's text member re-written, every other byte kept), a refusal thrown as a 400
    /// `content_policy_violation`. A caller without input guardrails costs nothing here.
    func guardInput(_ request: GatewayRequest, _ admission: Admission) throws -> GatewayRequest {
        guard let scanner = admission.guardrails.input, let log = admission.guardrailHits else { return request }
        let name = GuardrailTexts.inputMember(request.endpoint)
        guard let member = request.members.first(where: { $0.key == name }) else { return request }
        let value = try JSONBytes.parse(request.body, member.value)
        var changed = false
        let mapped = try GuardrailTexts.mapRequest(value, request.endpoint) { text in
            try check(scanner, text, .input, log, changed: &changed)
        }
        guard changed else { return request }
        let body = JSONBytes.splice(
            request.body, members: request.members, replacements: [name: try FastJSONEncoder.encode(mapped)])
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
        let answer = JSONValue.object(["choices": try JSONBytes.parse(body, choices.value)])
        var changed = false
        let mapped = try GuardrailTexts.mapAnswer(answer) { text in
            try check(scanner, text, .output, log, changed: &changed)
        }
        guard changed, let newChoices = mapped["choices"] else { return body }
        return JSONBytes.splice(
            body, members: members, replacements: ["choices": try FastJSONEncoder.encode(newChoices)])
    }

    /// One text through a scanner: hits logged, the masked text returned, a refusal thrown.
    private func check(
        _ scanner: GuardrailScanner, _ text: String, _ direction: GuardrailDirection, _ log: GuardrailHitLog,
        changed: inout Bool
    ) throws -> String {
        let outcome = scanner.apply(to: text)
        log.add(outcome.verdict.hits, direction)
        if let refusal = outcome.verdict.refusal { throw GatewayError.contentPolicy(refusal) }
        if outcome.verdict.hits.contains(where: { $0.outcome == .masked }) { changed = true }
        return outcome.text
    }
}
