import Foundation

/// One entry of config.yaml's `guardrails:` in LiteLLM's shape, for cockpit's own engine:
///
/// ```yaml
/// guardrails:
///   - guardrail_name: pii-mask
///     litellm_params:
///       guardrail: cockpit            # the only provider cockpit runs
///       mode: [pre_call, post_call]   # pre_call / during_call: requests; post_call: answers
///       default_on: true              # every request of every key (false: warned, never applied)
///       detectors: [email, card]      # built-in detectors
///       action: mask                  # what the detectors do: mask, block (refuse) or detect
///       patterns:                     # custom patterns, as a preset's custom_patterns entries
///         - {pattern_name: codename, pattern_regex: "(?i)bluebird", pattern_type: block, action: block}
/// ```
///
/// It becomes a preset (code = `guardrail_name`) applied before the presets assigned in the tree.
public struct ConfigGuardrail: Sendable, Equatable {
    public var preset: GuardrailPreset

    /// Reads the `guardrails:` list: entries cockpit cannot run are warned about and left out; an entry that is
    /// malformed, or whose patterns do not compile, is an error naming it.
    static func read(_ list: Any?, reader: ConfigValues, warnings: inout [String]) throws -> [ConfigGuardrail] {
        guard let list else { return [] }
        let at = "\(reader.source): guardrails"
        guard let items = list as? [Any] else {
            throw CockpitError.invalid(field: "config", reason: "\(at) must be a list")
        }
        var out: [ConfigGuardrail] = []
        for (i, item) in items.enumerated() {
            guard let entry = item as? [String: Any], let name = reader.string(entry["guardrail_name"]), !name.isEmpty,
                let params = entry["litellm_params"] as? [String: Any]
            else {
                throw CockpitError.invalid(
                    field: "config", reason: "\(at)[\(i)] needs a guardrail_name and litellm_params")
            }
            let here = "\(at)[\(i)] (\(name))"
            let provider = reader.string(params["guardrail"]) ?? ""
            guard provider == "cockpit" else {
                warnings.append(
                    "\(here): guardrail '\(provider)' is not supported and is ignored (cockpit runs its own: "
                        + "guardrail: cockpit, with detectors and patterns)")
                continue
            }
            guard reader.bool(params["default_on"]) ?? false else {
                warnings.append("\(here): only default_on guardrails are applied; this one never is")
                continue
            }
            for key in params.keys.sorted()
            where !["guardrail", "mode", "default_on", "detectors", "action", "patterns"].contains(key) {
                warnings.append("\(here): litellm_params.\(key) is not supported and is ignored")
            }
            let appliesTo = try Self.appliesTo(params["mode"], reader: reader, at: here)
            let patterns = try Self.patterns(params, appliesTo: appliesTo, reader: reader, at: here)
            let preset = GuardrailPreset(
                id: UUID(), accountID: UUID(uuidString: "00000000-0000-0000-0000-000000000000")!, code: name,
                name: name,
                presetJSON: ["config": [:], "custom_patterns": .array(patterns)], createdBy: "config.yaml",
                createdAt: Date(), updatedAt: Date())
            out.append(ConfigGuardrail(preset: preset))
        }
        return out
    }

    private static func appliesTo(_ mode: Any?, reader: ConfigValues, at: String) throws -> GuardrailAppliesTo {
        let modes = (mode as? [Any] ?? [mode as Any]).compactMap { reader.string($0) }
        var input = false, output = false
        for m in modes {
            switch m {
            case "pre_call", "during_call": input = true
            case "post_call": output = true
            default:
                throw CockpitError.invalid(
                    field: "config", reason: "\(at): mode '\(m)' is not one of pre_call, during_call, post_call")
            }
        }
        if input && output || !input && !output { return .both }
        return input ? .input : .output
    }

    private static func patterns(
        _ params: [String: Any], appliesTo: GuardrailAppliesTo, reader: ConfigValues, at: String
    ) throws -> [JSONValue] {
        let action = reader.string(params["action"]) ?? "mask"
        let (type, actionText): (String, String) =
            switch action {
            case "mask": ("block", "mask")
            case "block": ("block", "block")
            case "detect": ("detect", "")
            default:
                throw CockpitError.invalid(
                    field: "config", reason: "\(at): action '\(action)' is not mask, block or detect")
            }
        var entries: [JSONValue] = []
        for detector in (params["detectors"] as? [Any] ?? []).compactMap({ reader.string($0) }) {
            guard let builtin = BuiltinDetector(rawValue: detector) else {
                let known = BuiltinDetector.allCases.map(\.rawValue).joined(separator: ", ")
                throw CockpitError.invalid(
                    field: "config", reason: "\(at): unknown detector '\(detector)' (known: \(known))")
            }
            entries.append([
                "pattern_name": .string(detector), "pattern_regex": .string(builtin.reference),
                "pattern_type": .string(type), "action": .string(actionText), "applies_to": .string(appliesTo.rawValue),
            ])
        }
        for (i, raw) in (params["patterns"] as? [Any] ?? []).enumerated() {
            guard let fields = raw as? [String: Any] else {
                throw CockpitError.invalid(field: "config", reason: "\(at): patterns[\(i)] must be a mapping")
            }
            var entry: [String: JSONValue] = ["applies_to": .string(appliesTo.rawValue)]
            for (key, value) in fields {
                if key == "enabled" {
                    entry[key] = .bool(reader.bool(value) ?? true)
                } else if let text = reader.string(value) {
                    entry[key] = .string(text)
                }
            }
            // The presets route's rules for an entry, then Hyperscan's parse of its regex.
            do {
                let pattern = try GuardrailPatternRules.pattern(.object(entry), index: i, list: "patterns")
                _ = try PatternCompiler.expressions(for: pattern)
            } catch let e as CockpitError {
                throw CockpitError.invalid(field: "config", reason: "\(at): \(e.message)")
            }
            entries.append(.object(entry))
        }
        guard !entries.isEmpty else {
            throw CockpitError.invalid(field: "config", reason: "\(at) has no detectors and no patterns")
        }
        return entries
    }
}
