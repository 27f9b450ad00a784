import CockpitCore
import Foundation
import Synchronization

/// A LiteLLM management request's JSON body merged over its query, read field by field with LiteLLM's names; a field
/// of the wrong type is a 400 naming it. Every read is recorded, so that the fields a route never read can be named
/// in its answer (`unread`) instead of being dropped without a word.
public struct LiteLLMFields: Sendable {
    /// Every field sent (reading this records nothing).
    public let all: [String: JSONValue]
    private let read = ReadNames()

    public init(fields: [String: JSONValue]) { all = fields }

    /// A field's value (null included), recorded as read.
    public subscript(_ name: String) -> JSONValue? {
        read.insert(name)
        return all[name]
    }

    /// True when the field was sent (even as null), recorded as read.
    public func present(_ name: String) -> Bool { self[name] != nil }

    /// The fields sent that nothing has read, in name order.
    public var unread: [String] { read.missing(from: all.keys) }

    public func has(_ name: String) -> Bool { self[name] != nil && self[name] != .null }

    public func string(_ name: String) throws -> String? {
        switch self[name] {
        case nil, .null?: return nil
        case .string(let s)?: return s
        default: throw CockpitError.invalid(field: name, reason: "must be a string")
        }
    }

    public func double(_ name: String) throws -> Double? {
        switch self[name] {
        case nil, .null?: return nil
        case .number(let n)?: guard n.isFinite else { break }; return n
        case .string(let s)?: if let n = Double(s), n.isFinite { return n }
        default: break
        }
        throw CockpitError.invalid(field: name, reason: "must be a number")
    }

    public func int(_ name: String) throws -> Int64? {
        guard let d = try double(name) else { return nil }
        guard d.rounded() == d, abs(d) < 1e15 else {
            throw CockpitError.invalid(field: name, reason: "must be a whole number")
        }
        return Int64(d)
    }

    public func bool(_ name: String) throws -> Bool? {
        switch self[name] {
        case nil, .null?: return nil
        case .bool(let b)?: return b
        case .string("true")?: return true
        case .string("false")?: return false
        default: throw CockpitError.invalid(field: name, reason: "must be true or false")
        }
    }

    public func strings(_ name: String) throws -> [String]? {
        switch self[name] {
        case nil, .null?: return nil
        case .array(let a)?:
            return try a.map {
                guard let s = $0.stringValue else {
                    throw CockpitError.invalid(field: name, reason: "must be a list of strings")
                }; return s
            }
        case .string(let s)?: return s.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        default: throw CockpitError.invalid(field: name, reason: "must be a list of strings")
        }
    }

    public func uuid(_ name: String) throws -> UUID? {
        guard let s = try string(name), !s.isEmpty else { return nil }
        guard let id = UUID(uuidString: s) else {
            throw CockpitError.invalid(field: name, reason: "must be an id of this account (a UUID)")
        }
        return id
    }

    public func object(_ name: String) throws -> JSONValue? {
        switch self[name] {
        case nil, .null?: return nil
        case .object?: return self[name]
        default: throw CockpitError.invalid(field: name, reason: "must be an object")
        }
    }

    /// `duration` (`30s`, `1h`, `30d`…) as an instant from now.
    public func expiry(_ name: String = "duration", now: Date = Date()) throws -> Date? {
        guard let text = try string(name) else { return nil }
        return now.addingTimeInterval(try BudgetPeriod(text, field: name).length)
    }

    /// The tree a management call works on: `domain` when given (`console` or `copilot`), else the console tree.
    public func domain() throws -> ProductDomain {
        guard let raw = try string("domain") else { return .console }
        guard let d = ProductDomain(rawValue: raw) else {
            throw CockpitError.invalid(field: "domain", reason: "must be console or copilot")
        }
        return d
    }

    /// A non-empty string the call must give.
    public func required(_ name: String) throws -> String {
        guard let value = try string(name), !value.isEmpty else {
            throw CockpitError.invalid(field: name, reason: "is required")
        }
        return value
    }

    /// An id the call must give.
    public func requiredID(_ name: String) throws -> UUID {
        guard let id = try uuid(name) else { throw CockpitError.invalid(field: name, reason: "is required") }
        return id
    }

    /// The ids of a list field (`team_ids`…).
    public func ids(_ name: String) throws -> [UUID] {
        try (strings(name) ?? []).map {
            guard let id = UUID(uuidString: $0) else {
                throw CockpitError.invalid(field: name, reason: "must hold ids of this account")
            }
            return id
        }
    }

    /// `YYYY-MM-DD` or a full timestamp.
    public func date(_ name: String) throws -> Date? {
        guard let text = try string(name) else { return nil }
        guard let date = Timestamp.parse(text.count == 10 ? text + "T00:00:00Z" : text) else {
            throw CockpitError.invalid(field: name, reason: "must be a date (YYYY-MM-DD)")
        }
        return date
    }

    /// `members_with_roles: [{user_id, role}]`; LiteLLM's `admin` role is a team admin, anything else a member.
    public func members(_ name: String = "members_with_roles") throws -> [(UUID, MembershipRole)] {
        let value = self[name]
        let list = value?.arrayValue ?? (value?.objectValue != nil ? [value!] : [])
        return try list.map { m in
            guard let id = m["user_id"]?.stringValue.flatMap(UUID.init(uuidString:)) else {
                throw CockpitError.invalid(field: name, reason: "each member needs a user_id of this account")
            }
            return (id, m["role"]?.stringValue == "admin" ? .admin : .member)
        }
    }
}

/// The names a request's handler read (a reference shared by copies of the fields).
final class ReadNames: Sendable {
    private let names = Mutex<Set<String>>([])

    func insert(_ name: String) { names.withLock { _ = $0.insert(name) } }

    /// The names among `all` that were never read, sorted.
    func missing(from all: some Collection<String>) -> [String] {
        names.withLock { read in all.filter { !read.contains($0) }.sorted() }
    }
}
