import Foundation

/// Reads typed values out of parsed YAML, resolving `os.environ/NAME`, and turns `model_list` entries into
/// deployments.
struct ConfigValues {
    let source: String
    var environment: [String: String]
    var warnings: [String] = []

    init(source: String, environment: [String: String]) {
        self.source = source
        self.environment = environment
    }

    /// A scalar as text, with `os.environ/NAME` replaced by the variable's value (nil when unset).
    func string(_ value: Any?) -> String? {
        guard let value else { return nil }
        let text: String
        switch value {
        case let s as String: text = s
        case let b as Bool: text = b ? "true" : "false"
        case let i as Int: text = String(i)
        case let d as Double: text = String(d)
        default: return nil
        }
        if text.hasPrefix("os.environ/") {
            return environment[String(text.dropFirst("os.environ/".count))].flatMap { $0.isEmpty ? nil : $0 }
        }
        return text
    }

    /// A finite number (NaN and infinities read as absent).
    func double(_ value: Any?) -> Double? { string(value).flatMap(Double.init).flatMap { $0.isFinite ? $0 : nil } }
    /// A number rounded toward zero; absent when it does not fit an Int.
    func int(_ value: Any?) -> Int? { double(value).flatMap(CheckedNumber.int) }
    func bool(_ value: Any?) -> Bool? {
        guard let s = string(value)?.lowercased() else { return nil }
        return ["1", "true", "yes", "on"].contains(s)
    }

    /// One `model_list` entry, or nil (with a warning) when it cannot be used.
    mutating func deployment(
        _ item: Any, index: Int, defaultTimeout: TimeInterval, warnings: inout [String]
    ) throws -> Deployment? {
        let at = "\(source): model_list[\(index)]"
        guard let entry = item as? [String: Any], let name = string(entry["model_name"]), !name.isEmpty else {
            throw CockpitError.invalid(field: "config", reason: "\(at) needs a model_name")
        }
        guard let params = entry["litellm_params"] as? [String: Any], let route = string(params["model"]),
            !route.isEmpty
        else {
            throw CockpitError.invalid(field: "config", reason: "\(at) (\(name)) needs litellm_params.model")
        }
        for key in params.keys.sorted() where !GatewayConfig.knownParams.contains(key) {
            warnings.append("\(at): litellm_params.\(key) is not supported and is ignored")
        }
        for key in ["api_key", "api_base"] {
            if let raw = params[key] as? String, raw.hasPrefix("os.environ/"), string(raw) == nil {
                warnings.append("\(at): \(key) names \(raw.dropFirst("os.environ/".count)), which is not set")
            }
        }
        var info = Self.json(entry["model_info"]) ?? .emptyObject
        var numbers: [String: JSONValue] = [:]
        for key in [
            "rpm", "tpm", "weight", "timeout", "stream_timeout", "input_cost_per_token", "output_cost_per_token",
        ] {
            guard let raw = params[key] else { continue }
            guard let v = string(raw).flatMap(Double.init) else {
                throw CockpitError.invalid(
                    field: "config", reason: "\(at) (\(name)): litellm_params.\(key) must be a number")
            }
            numbers[key] = .number(v)
        }
        if case .object(var o) = info {
            for key in ["input_cost_per_token", "output_cost_per_token"] { if let v = numbers[key] { o[key] = v } }
            info = .object(o)
        }
        let p: DeploymentParams
        do { p = try DeploymentParams(params: .object(numbers), modelInfo: info) } catch let error as CockpitError {
            throw CockpitError.invalid(field: "config", reason: "\(at) (\(name)): \(error.description)")
        }
        var deployment = Deployment(
            id: info["id"]?.stringValue ?? "config-\(index)", modelName: name, route: route,
            apiBase: string(params["api_base"]),
            apiKey: string(params["api_key"]), apiVersion: string(params["api_version"]), rpm: p.rpm, tpm: p.tpm,
            weight: p.weight ?? 1, timeout: p.timeout ?? defaultTimeout, streamTimeout: p.streamTimeout,
            modelInfo: info, source: .config)
        guard Providers.isSupported(deployment.provider) else {
            warnings.append("\(at): provider '\(deployment.provider)' is not supported; \(name) skipped")
            return nil
        }
        if deployment.provider == "mock", let text = string(params["mock_response"]) {
            deployment.modelInfo = Self.merge(info, ["mock_response": .string(text)])
        }
        return deployment
    }

    /// Plain YAML values as JSON.
    static func json(_ value: Any?) -> JSONValue? {
        switch value {
        case nil: nil
        case let s as String: .string(s)
        case let b as Bool: .bool(b)
        case let i as Int: .number(Double(i))
        case let d as Double: .number(d)
        case let a as [Any]: .array(a.compactMap { json($0) })
        case let o as [String: Any]: .object(o.compactMapValues { json($0) })
        default: .null
        }
    }

    static func merge(_ a: JSONValue, _ b: [String: JSONValue]) -> JSONValue {
        var o = a.objectValue ?? [:]
        for (k, v) in b { o[k] = v }
        return .object(o)
    }
}
