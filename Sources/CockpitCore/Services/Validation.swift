import Foundation

/// Input rules shared by every use case, so the API, the CLI and the cockpit give the same answers.
public enum Validation {
    /// The longest name accepted.
    public static let maxNameLength = 200

    /// A trimmed display name of 1…200 characters without control characters.
    public static func name(_ raw: String, field: String = "name") throws -> String {
        let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { throw CockpitError.invalid(field: field, reason: "must not be empty") }
        guard value.count <= maxNameLength else {
            throw CockpitError.invalid(field: field, reason: "must be at most \(maxNameLength) characters")
        }
        guard !value.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) else {
            throw CockpitError.invalid(field: field, reason: "must not contain control characters")
        }
        return value
    }

    /// An optional name: nil or blank becomes nil, otherwise the rules of `name`.
    public static func optionalName(_ raw: String?, field: String) throws -> String? {
        guard let raw, !raw.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return try name(raw, field: field)
    }

    /// A lower-cased email address: one `@`, a non-empty local part, a domain with a dot, at most 254 characters.
    public static func email(_ raw: String, field: String = "email") throws -> String {
        let value = raw.trimmingCharacters(in: .whitespaces).lowercased()
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard value.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64,
            (try? domainName(String(parts[1]), field: field)) != nil,
            !value.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," || $0 == ";" || $0 == "\"" }
            )
        else { throw CockpitError.invalid(field: field, reason: "is not a valid email address") }
        return value
    }

    /// A lower-cased DNS name such as `acme.io`: labels of letters, digits and hyphens, at least one dot.
    public static func domainName(_ raw: String, field: String = "domain") throws -> String {
        let value = raw.trimmingCharacters(in: .whitespaces).lowercased()
        let labels = value.split(separator: ".", omittingEmptySubsequences: false)
        let valid =
            value.count <= 253 && labels.count >= 2
            && labels.allSatisfy { label in
                !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                    && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            }
        guard valid else {
            throw CockpitError.invalid(field: field, reason: "is not a valid domain name (e.g. acme.io)")
        }
        return value
    }

    /// A description: trimmed, empty is none, at most 2,000 characters.
    public static func description(_ value: String?, field: String = "description") throws -> String? {
        guard let text = value?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        guard text.count <= 2_000 else {
            throw CockpitError.invalid(field: field, reason: "must be at most 2000 characters")
        }
        return text
    }

    /// A budget in USD: finite and not negative.
    public static func budget(_ value: Double?, field: String = "max_budget") throws -> Double? {
        guard let value else { return nil }
        guard value.isFinite, value >= 0 else {
            throw CockpitError.invalid(field: field, reason: "must be >= 0")
        }
        return value
    }

    /// A metadata document: a JSON object of at most `maxKiB` KiB once encoded (absent: `{}`).
    public static func metadata(
        _ value: JSONValue?, field: String = "metadata", maxKiB: Int = 64
    ) throws
        -> JSONValue
    {
        guard let value else { return .emptyObject }
        guard value.objectValue != nil else {
            throw CockpitError.invalid(field: field, reason: "must be a JSON object")
        }
        guard value.encodedString.utf8.count <= maxKiB * 1024 else {
            throw CockpitError.invalid(field: field, reason: "must be at most \(maxKiB) KiB")
        }
        return value
    }
}
