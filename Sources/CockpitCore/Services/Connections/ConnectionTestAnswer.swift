import Foundation

/// Reads what a connection test got back: an OpenAPI document's version, an MCP `initialize` result (a JSON body or
/// the first `data:` event of an event stream), or Composio's verdict on the key. Text taken from the answer is
/// shortened and stripped of control characters before it reaches a detail.
enum ConnectionTestAnswer {
    static func judge(
        _ kind: ConnectionTestPlan.Kind, status: Int, body: [UInt8], eventStream: Bool
    ) -> (ConnectionHealth.Status, String) {
        if status == 401 || status == 403 { return (.refused, "HTTP \(status): the credentials were refused") }
        guard (200..<300).contains(status) else { return (.error, "HTTP \(status)") }
        switch kind {
        case .spec:
            guard let version = specVersion(String(decoding: body, as: UTF8.self)) else {
                return (.error, "HTTP \(status), but the answer is no OpenAPI document (no openapi or swagger version)")
            }
            return (.reachable, "HTTP \(status) · OpenAPI \(clean(version))")
        case .mcp:
            let payload = eventStream ? firstEvent(body) : String(decoding: body, as: UTF8.self)
            guard let payload, let message = try? JSONValue.parse(payload) else {
                return (.error, "HTTP \(status), but the answer is no JSON-RPC message")
            }
            if let error = message["error"] {
                let code = error["code"]?.doubleValue.map { String(Int($0)) } ?? "?"
                return (.error, "JSON-RPC error \(code): \(clean(error["message"]?.stringValue ?? ""))")
            }
            guard let result = message["result"], let version = result["protocolVersion"]?.stringValue else {
                return (.error, "HTTP \(status), but the answer is no MCP initialize result")
            }
            let server = [result["serverInfo"]?["name"]?.stringValue, result["serverInfo"]?["version"]?.stringValue]
                .compactMap { $0 }.map(clean).joined(separator: " ")
            return (.reachable, "MCP \(server.isEmpty ? "server" : server) · protocol \(clean(version))")
        case .composio:
            return (.reachable, "HTTP \(status): Composio accepted the API key")
        }
    }

    /// The data of the first event of an event stream (its `data:` lines joined), once the event is complete.
    static func firstEvent(_ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        var data: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            if line.isEmpty {
                if !data.isEmpty { return data.joined(separator: "\n") }
                continue
            }
            if line.hasPrefix("data:") {
                let value = line.dropFirst(5)
                data.append(String(value.hasPrefix(" ") ? value.dropFirst() : value))
            }
        }
        return nil
    }

    /// `openapi` or `swagger` version of a JSON or YAML document, from its text.
    static func specVersion(_ text: String) -> String? {
        for key in ["openapi", "swagger"] {
            if let range = text.range(of: "\"\(key)\"") {
                var rest = text[range.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
                guard rest.first == ":" else { continue }
                rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
                guard rest.first == "\"" else { continue }
                let value = rest.dropFirst().prefix { $0 != "\"" }
                if !value.isEmpty { return String(value) }
            }
            for line in text.split(separator: "\n").prefix(200) where line.hasPrefix("\(key):") {
                let value = line.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
                    .trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
                if !value.isEmpty { return value }
            }
        }
        return nil
    }

    /// Far-end text fit for a detail: no control characters, at most 120 characters.
    static func clean(_ text: String) -> String {
        String(String(text.unicodeScalars.filter { $0.properties.generalCategory != .control }).prefix(120))
    }
}
