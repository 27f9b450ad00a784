@testable import CockpitCore
import Foundation
import Testing

/// LiteLLM config.yaml: what is read, what is warned about, what is refused.
@Suite struct GatewayConfigTests {
    @Test func aLiteLLMConfigIsRead() throws {
        let yaml = """
            model_list:
              - model_name: gpt-4o
                litellm_params:
                  model: azure/prod-gpt4o
                  api_base: os.environ/AZURE_BASE
                  api_key: os.environ/AZURE_KEY
                  api_version: "2024-10-21"
                  rpm: 600
                  timeout: 30
                  weight: 2
                model_info: {id: gpt4o-east, input_cost_per_token: 0.000002}
              - model_name: claude
                litellm_params: {model: anthropic/claude-3-5-haiku-20241022, api_key: os.environ/MISSING_KEY}
              - model_name: nope
                litellm_params: {model: bedrock/x}
            litellm_settings:
              drop_params: true
              num_retries: 4
              request_timeout: 20
              fallbacks: [{"gpt-4o": ["claude"]}]
              context_window_fallbacks: [{"gpt-4o": ["claude"]}]
              set_verbose: false
            router_settings:
              routing_strategy: least-busy
              cooldown_time: 9
              redis_host: 10.0.0.5
              redis_port: 6380
              redis_password: pw
              strange: 1
            general_settings:
              master_key: sk-from-config
              database_url: postgres://db/x
              store_model_in_db: true
              proxy_batch_write_at: 5
              alerting: [slack]
            surprise: {}
            """
        let config = try GatewayConfig.parse(
            yaml, environment: ["AZURE_BASE": "https://east.example", "AZURE_KEY": "secret-key"])
        #expect(config.deployments.count == 2)
        let azure = config.deployments[0]
        #expect(
            azure.id == "gpt4o-east" && azure.provider == "azure" && azure.upstreamModel == "prod-gpt4o"
                && azure.apiBase == "https://east.example")
        #expect(
            azure.apiKey == "secret-key" && azure.rpm == 600 && azure.timeout == 30 && azure.weight == 2
                && azure.inputCostPerToken == 0.000002)
        #expect(config.deployments[1].apiKey == nil)
        #expect(
            config.dropParams && config.router.numRetries == 4 && config.router.timeout == 20
                && config.router.strategy == .leastBusy)
        #expect(
            config.router.fallbacks == ["gpt-4o": ["claude"]]
                && config.router.contextWindowFallbacks == ["gpt-4o": ["claude"]])
        #expect(config.router.cooldownTime == 9 && config.spendBatchInterval == 5)
        #expect(
            config.environmentDefaults == [
                "REDIS_URL": "redis://:pw@10.0.0.5:6380", "LITELLM_MASTER_KEY": "sk-from-config",
                "DATABASE_URL": "postgres://db/x", "STORE_MODEL_IN_DB": "true",
            ])
        let warnings = config.warnings.joined(separator: "\n")
        for expected in [
            "unknown key 'surprise'", "router_settings.strange", "MISSING_KEY, which is not set",
            "provider 'bedrock' is not supported",
            "general_settings.alerting", "litellm_settings.set_verbose is not supported: set LOG_LEVEL=debug",
        ] {
            #expect(warnings.contains(expected), "warning about \(expected)")
        }
        #expect(!warnings.contains("secret-key"), "no secret in warnings")
    }

    @Test func liteLLMSettingsCockpitDoesNotImplementAreNamedWithWhatHappensInstead() throws {
        let yaml = """
            model_list: [{model_name: m, litellm_params: {model: mock/m}}]
            litellm_settings:
              drop_params: true
              cache: true
              cache_params: {type: redis}
              success_callback: ["langfuse"]
              callbacks: ["otel"]
              max_budget: 100
              budget_duration: 30d
            """
        let config = try GatewayConfig.parse(yaml)
        let warnings = config.warnings.joined(separator: "\n")
        for key in ["cache", "cache_params", "success_callback", "callbacks", "max_budget", "budget_duration"] {
            #expect(warnings.contains("litellm_settings.\(key) is not supported: "), "\(key) is named")
        }
        #expect(warnings.contains("no response cache") && warnings.contains("no proxy-wide budget"))
        #expect(!warnings.contains("drop_params"), "what is implemented is not warned about")
        #expect(config.warnings.count == 6, "one warning each: \(config.warnings)")
        #expect(throws: CockpitError.self, "--strict-config refuses it") { try config.checked(strict: true) }
        #expect(try GatewayConfig.parse("litellm_settings: {drop_params: true}").checked(strict: true).dropParams)
    }

    @Test func theRouterTimeoutIsTheDefaultOfDeploymentsNotAnOverride() throws {
        let yaml = """
            model_list:
              - model_name: explicit
                litellm_params: {model: openai/a, timeout: 600, stream_timeout: 5}
              - model_name: unset
                litellm_params: {model: openai/b}
            router_settings:
              timeout: 20
            """
        let config = try GatewayConfig.parse(yaml)
        let explicit = config.deployments[0], unset = config.deployments[1]
        #expect(explicit.timeout == 600 && explicit.streamTimeout == 5, "what a deployment names is kept")
        #expect(unset.timeout == 20 && unset.streamTimeout == 20, "the router's timeout is the default")
        let plain = try GatewayConfig.parse("model_list: [{model_name: m, litellm_params: {model: openai/m}}]")
        #expect(plain.deployments[0].timeout == Deployment.defaultTimeout)
    }

    @Test func badConfigsNameTheProblem() {
        for (yaml, expected) in [
            ("model_list: [", "not valid YAML"), ("- a", "mapping at the top level"),
            ("model_list: [{litellm_params: {model: openai/x}}]", "model_list[0] needs a model_name"),
            ("model_list: [{model_name: a}]", "needs litellm_params.model"),
            ("router_settings: {routing_strategy: random}", "routing_strategy must be one of"),
            ("litellm_settings: {fallbacks: {a: b}}", "fallbacks must be a list"),
        ] {
            do {
                _ = try GatewayConfig.parse(yaml, source: "test.yaml")
                Issue.record("accepted \(yaml)")
            } catch {
                #expect("\(error)".contains(expected) && "\(error)".contains("test.yaml"), "\(yaml): \(error)")
            }
        }
    }
}
