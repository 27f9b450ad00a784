import CockpitCore
import Foundation
import Hummingbird

/// A JSON object body read field by field, telling "absent" (leave as is) from `null` (clear) and refusing a field
/// of the wrong type with a 422 that names it. Used for PATCH bodies.
struct PatchBody {
    let fields: [String: JSONValue]

    static func read(_ request: Request, _ context: CockpitRequestContext) async throws -> PatchBody {
        let value = try await WireJSON.decode(JSONValue.self, from: request, context)
        guard let fields = value.objectValue else {
            throw APIError(.unprocessableContent, "request body must be a JSON object")
        }
        return PatchBody(fields: fields)
    }

    /// nil: absent; `.some(nil)`: null; `.some(text)`: a string.
    func string(_ key: String) throws -> String?? {
        guard let value = fields[key] else { return nil }
        if case .null = value { return .some(nil) }
        guard let text = value.stringValue else { throw APIError(.unprocessableContent, "\(key) must be a string") }
        return .some(text)
    }

    /// nil: absent; `.some(nil)`: null; `.some(number)`: a number.
    func number(_ key: String) throws -> Double?? {
        guard let value = fields[key] else { return nil }
        if case .null = value { return .some(nil) }
        guard let number = value.doubleValue else { throw APIError(.unprocessableContent, "\(key) must be a number") }
        return .some(number)
    }

    /// nil: absent; `.some(nil)`: null; `.some(n)`: a whole number from 0 to 10⁹ (a limit).
    func wholeNumber(_ key: String) throws -> Int64?? {
        guard let value = fields[key] else { return nil }
        if case .null = value { return .some(nil) }
        do { return .some(try CheckedNumber.wholeNumber(value, in: 0...1_000_000_000, field: key)) } catch let error
            as CockpitError
        {
            throw APIError(.unprocessableContent, error.message)
        }
    }

    /// Refuses a field the route does not take, naming it (nothing is silently dropped).
    func refuseUnknown(_ known: Set<String>) throws {
        if let unknown = fields.keys.sorted().first(where: { !known.contains($0) }) {
            throw APIError(
                .unprocessableContent,
                "\(unknown) is not a field of this request (it takes \(known.sorted().joined(separator: ", ")))")
        }
    }

    /// An object field, nil when absent.
    func object(_ key: String) throws -> JSONValue? {
        guard let value = fields[key] else { return nil }
        guard value.objectValue != nil else { throw APIError(.unprocessableContent, "\(key) must be a JSON object") }
        return value
    }

    /// A string that may not be null.
    func requiredIfPresent(_ key: String) throws -> String? {
        guard let value = try string(key) else { return nil }
        guard let text = value else { throw APIError(.unprocessableContent, "\(key) must not be null") }
        return text
    }
}
