import CockpitCore
import Foundation

/// The form of an agent, new or changed: its name, description, definition (a JSON object in a multi-line field,
/// checked as it is typed) and guardrail presets (by code, name or id; at least one, as the core requires).
enum AgentForms {
    static func agent(_ d: AgentDetail?, _ o: CatalogOverview, _ back: ScreenState) -> FormState {
        let codes = o.presets.map(\.code)
        let start =
            d.map { detail in
                detail.presetIDs.map { id in o.presets.first { $0.id == id }?.code ?? id.lowercased }
            } ?? (codes.count == 1 ? codes : [])
        return CatalogActions.form(
            AgentsScreen.name, d == nil ? "new" : "edit", id: d?.agent.id,
            title: d.map { "edit agent \($0.agent.name)" } ?? "a new agent",
            [
                .init(name: "name", label: "name", value: d?.agent.name ?? ""),
                .init(name: "description", label: "description", value: d?.agent.description ?? "", hint: "optional"),
                .init(
                    name: "definition_json", label: "definition",
                    value: JSONField.pretty(d?.agent.definitionJSON ?? [:]),
                    hint: "a JSON object; enter starts a line, tab moves on", lines: 8, json: true),
                .init(
                    name: "guardrail_preset_ids", label: "guardrail presets", value: start.joined(separator: ", "),
                    hint: codes.isEmpty
                        ? "the account has none yet" : "comma-separated: " + codes.prefix(6).joined(separator: ", ")),
            ], back)
    }

    /// The presets a form names, as ids where the account has a preset of that code, name or id; anything else is
    /// sent as typed, for the core to refuse in its words (`Guardrail preset not found: …`).
    static func presets(_ form: FormState, _ o: CatalogOverview?) -> [String] {
        FormState.list(form.value("guardrail_preset_ids")).map { typed in
            let presets = o?.presets ?? []
            let found =
                presets.first { $0.code == typed } ?? presets.first { $0.name.lowercased() == typed.lowercased() }
                ?? presets.first { $0.id.lowercased == typed.lowercased() }
            return found?.id.lowercased ?? typed
        }
    }

    /// The new agent a form describes.
    static func input(_ form: FormState, _ o: CatalogOverview?) throws -> AgentInput {
        let description = form.value("description")
        return AgentInput(
            name: form.value("name"), description: description.isEmpty ? nil : description,
            definitionJSON: try JSONField.object(form.rawValue("definition_json"), field: "definition"),
            guardrailPresetIDs: presets(form, o))
    }

    /// The change a form describes (an emptied description cannot clear one: the core keeps it, as the original).
    static func change(_ form: FormState, _ o: CatalogOverview?) throws -> AgentChange {
        let description = form.value("description")
        return AgentChange(
            name: form.value("name"), description: description.isEmpty ? nil : description,
            definitionJSON: try JSONField.object(form.rawValue("definition_json"), field: "definition"),
            guardrailPresetIDs: presets(form, o))
    }
}
