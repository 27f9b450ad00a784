import CockpitCore

/// The LiteLLM `config.yaml` loader (`GatewayConfig.parse`, through Yams) and the `.env` reader beside it.
/// A malformed file must give an error naming the problem, never a crash; an accepted one holds only deployments
/// within the ranges `DeploymentParams` documents for every way a deployment arrives.
enum ConfigFuzz {
    /// The environment `os.environ/NAME` values are read from.
    static let environment = [
        "OPENAI_API_KEY": "sk-fuzz", "AZURE_API_BASE": "https://fuzz.openai.azure.com", "REDIS_PORT": "6379",
    ]

    static func run(_ input: FuzzInput) {
        let text = input.text
        if let config = try? GatewayConfig.parse(text, source: "fuzz.yaml", environment: environment) {
            for deployment in config.deployments {
                Fuzz.expect(!deployment.modelName.isEmpty, "a deployment without a model name was accepted")
                let range = DeploymentParams.timeoutRange
                Fuzz.expect(
                    range.contains(deployment.timeout) && range.contains(deployment.streamTimeout),
                    "deployment timeouts \(deployment.timeout), \(deployment.streamTimeout) s were accepted")
            }
        }
        _ = DotEnv.parse(text)
    }
}
