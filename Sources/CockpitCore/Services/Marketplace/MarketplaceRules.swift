import Foundation

/// The marketplace's input rules beside the original's checks: the schema's text limits (no control characters;
/// a description may hold line breaks and tabs), whole non-negative counters, an average from 0 to 5, ratings 1–5.
/// Each refusal is a 400 naming its field; nothing is written.
enum MarketplaceRules {
    /// The largest counter taken: every whole number up to it is exact in a JSON number (2^53 − 1).
    static let maxCount: Double = 9_007_199_254_740_991

    /// A field's text as sent, at most `max` characters, without control characters (`multiline`: line breaks and
    /// tabs allowed).
    static func text(_ raw: String, _ field: String, max: Int, multiline: Bool = false) throws -> String {
        guard raw.count <= max else {
            throw CockpitError.invalid(field: field, reason: "must be at most \(max) characters")
        }
        let allowed: Set<Unicode.Scalar> = multiline ? ["\n", "\r", "\t"] : []
        guard
            !raw.unicodeScalars.contains(where: {
                $0.properties.generalCategory == .control && !allowed.contains($0)
            })
        else { throw CockpitError.invalid(field: field, reason: "must not contain control characters") }
        return raw
    }

    static func optionalText(_ raw: String?, _ field: String, max: Int, multiline: Bool = false) throws -> String? {
        try raw.map { try text($0, field, max: max, multiline: multiline) }
    }

    /// `installation_count`, `rating_count`: a whole number from 0 to 2^53 − 1.
    static func count(_ value: Double, _ field: String) throws -> Int64 {
        guard value.isFinite, value >= 0, value <= maxCount, value.rounded(.towardZero) == value else {
            throw CockpitError.invalid(field: field, reason: "must be a whole number from 0 to 9007199254740991")
        }
        return Int64(value)
    }

    /// `rating_avg`: a finite number from 0 to 5.
    static func average(_ value: Double) throws -> Double {
        guard value.isFinite, value >= 0, value <= 5 else {
            throw CockpitError.invalid(field: "rating_avg", reason: "must be a finite number from 0 to 5")
        }
        return value == 0 ? 0 : value  // -0 is stored as 0
    }

    /// A user's rating: a whole number from 1 to 5.
    static func rating(_ value: Double) throws -> Int64 {
        guard value.isFinite, value.rounded(.towardZero) == value, (1...5).contains(value) else {
            throw CockpitError.invalid(field: "rating", reason: "must be a whole number from 1 to 5")
        }
        return Int64(value)
    }

    /// A post's fields checked: 400 `entity_type, entity_id, and title are required` when any is blank (the
    /// original's), then the limits. Text is stored as sent (not trimmed), as the original stores it.
    static func check(_ post: MarketplacePost) throws {
        let blank = { (s: String) in s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        guard !blank(post.entityType), !blank(post.entityID), !blank(post.title) else {
            throw CockpitError.badRequest("entity_type, entity_id, and title are required")
        }
        _ = try text(post.entityType, "entity_type", max: 100)
        _ = try text(post.entityID, "entity_id", max: 200)
        try checkFields(
            title: post.title, description: post.description, pricingModel: post.pricingModel,
            version: post.version, author: post.author)
    }

    /// A change's given fields checked; a blank `title` is refused (the store keeps a title of 1–300 characters).
    static func check(_ change: MarketplaceChange) throws {
        if let title = change.title, title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw CockpitError.invalid(field: "title", reason: "must not be blank")
        }
        try checkFields(
            title: change.title, description: change.description, pricingModel: change.pricingModel,
            version: change.version, author: change.author)
    }

    /// The limits of the text a post and a change share.
    private static func checkFields(
        title: String?, description: String?, pricingModel: String?, version: String?, author: String?
    ) throws {
        _ = try optionalText(title, "title", max: 300)
        _ = try optionalText(description, "description", max: 4000, multiline: true)
        _ = try optionalText(pricingModel, "pricing_model", max: 100)
        _ = try optionalText(version, "version", max: 100)
        _ = try optionalText(author, "author", max: 200)
    }
}
