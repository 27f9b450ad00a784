import CockpitAPI
@testable import CockpitCore
import Foundation

extension WireContractTests {
    static let agent = AgentDetail(
        agent: Agent(
            id: id, accountID: id, name: "a", description: nil, definitionJSON: .emptyObject, createdBy: "a",
            createdAt: now, updatedAt: now), presetIDs: [id], grants: [CatalogScope(type: .team, id: id.lowercased)])
    static let preset = GuardrailPreset(
        id: id, accountID: id, code: "c", name: "n", presetJSON: .emptyObject, createdBy: "a", createdAt: now,
        updatedAt: now)

    /// The agents' and guardrail presets' bodies and answers (V1_CONTRACT.md "Agents", "Guardrails").
    nonisolated(unsafe) static let agents: [(String, Any, Place)] = [
        ("AgentCreate", AgentCreate(name: "a", grants: [], guardrailPresetIds: ["p"]), .component("AgentCreate")),
        ("AgentUpdate", AgentUpdate(), .component("AgentUpdate")),
        ("AgentGrantCreate", AgentGrantCreate(scopeType: "team", scopeID: "t"), .component("AgentGrantCreate")),
        ("AgentGrantScope", AgentGrantScope(scopeType: "team", scopeID: "t"), .component("AgentGrantScope")),
        ("AgentView", AgentView(agent, grantedVia: agent.grants), .component("Agent")),
        (
            "AgentGrantView",
            AgentGrantView(
                AgentGrant(
                    id: id, accountID: id, agentID: id, scope: CatalogScope(type: .user, id: "u"), createdBy: "a",
                    createdAt: now)), .component("AgentGrant")
        ),
        ("GuardrailPresetCreate", GuardrailPresetCreate(code: "c", name: "n"), .component("GuardrailPresetCreate")),
        (
            "GuardrailAssignmentCreate", GuardrailAssignmentCreate(presetID: "p", scopeType: "team", scopeID: "t"),
            .component("GuardrailAssignmentCreate")
        ),
        ("GuardrailPresetView", GuardrailPresetView(preset), .component("GuardrailPreset")),
        (
            "GuardrailAssignmentView",
            GuardrailAssignmentView(
                GuardrailAssignment(
                    id: id, accountID: id, presetID: id, scopeType: .agent, scopeID: "a", createdBy: "a",
                    createdAt: now)), .component("GuardrailAssignment")
        ),
    ]
}
