import CockpitCore
import Foundation

/// The fields of a model form and what they mean, shared by an account's models (`:models`) and the global
/// catalogue (`:catalog`). The provider key is typed hidden and never shown; left empty it keeps the stored one.
enum ModelForm {
    /// Name, provider/model, api base and provider key, filled from `model` when it is an edit.
    static func fields(_ model: ModelDeployment?) -> [FormState.Field] {
        [
            .init(name: "model_name", label: "model name", value: model?.modelName ?? "", hint: "what clients ask for"),
            .init(
                name: "litellm_params.model", label: "provider/model", value: model?.providerModel ?? "",
                hint: "e.g. openai/gpt-4o-mini"),
            .init(
                name: "litellm_params.api_base", label: "api base", value: model?.apiBase ?? "", hint: "optional URL"),
            .init(
                name: "litellm_params.api_key", label: "provider key",
                hint: model?.hasCredentials == true ? "empty keeps the stored one" : "optional", secret: true),
        ]
    }

    /// The model a form describes.
    static func input(_ form: FormState, id: UUID?, visibleToAll: Bool = false) -> ModelInput {
        let key = form.value("litellm_params.api_key"), base = form.value("litellm_params.api_base")
        return ModelInput(
            id: id, modelName: form.value("model_name"), providerModel: form.value("litellm_params.model"),
            apiBase: base.isEmpty ? nil : base, apiKey: key.isEmpty ? nil : key, visibleToAll: visibleToAll)
    }
}
