import CockpitCore
import Foundation

/// `POST /v1/{domain}/orgs`.
public struct OrganizationCreate: Codable, Sendable {
    public var name: String
    public var description: String?
    public var metadata: JSONValue?
    public var maxBudget: Double?

    public init(name: String, description: String? = nil, metadata: JSONValue? = nil, maxBudget: Double? = nil) {
        (self.name, self.description, self.metadata, self.maxBudget) = (name, description, metadata, maxBudget)
    }
}

/// `POST /v1/{domain}/teams`.
public struct TeamCreate: Codable, Sendable {
    public var orgID: String
    public var name: String
    public var description: String?
    public var metadata: JSONValue?
    public var maxBudget: Double?

    public init(
        orgID: UUID, name: String, description: String? = nil, metadata: JSONValue? = nil, maxBudget: Double? = nil
    ) {
        (self.orgID, self.name, self.description) = (orgID.lowercased, name, description)
        (self.metadata, self.maxBudget) = (metadata, maxBudget)
    }
}

/// `POST /v1/{domain}/users` (found by email or identity id, or created) and `PATCH /v1/{domain}/users/{id}`.
public struct UserFields: Codable, Sendable {
    public var email: String?
    public var identityUserID: String?
    public var displayName: String?
    public var role: String?
    public var metadata: JSONValue?
    public var maxBudget: Double?
    public var teamIds: [String]?

    public init(
        email: String? = nil, identityUserID: String? = nil, displayName: String? = nil, role: String? = nil,
        metadata: JSONValue? = nil, maxBudget: Double? = nil, teamIds: [String]? = nil
    ) {
        (self.email, self.identityUserID, self.displayName, self.role) = (email, identityUserID, displayName, role)
        (self.metadata, self.maxBudget, self.teamIds) = (metadata, maxBudget, teamIds)
    }
}

/// `POST /v1/{domain}/teams/{id}/members` (`DELETE` takes `user_id` too).
public struct MemberChange: Codable, Sendable {
    public var userID: String?
    /// `member` or `admin`.
    public var role: String?

    public init(userID: UUID, role: MembershipRole? = nil) {
        (self.userID, self.role) = (userID.lowercased, role?.rawValue)
    }
}

/// `PATCH /v1/{domain}/orgs/{id}` and `…/teams/{id}`: only the fields present change; `null` clears `max_budget` and
/// `description`.
public struct NodeChange: Codable, Sendable, Equatable {
    public var name: PatchField<String>
    public var metadata: PatchField<JSONValue>
    public var maxBudget: PatchField<Double>
    public var description: PatchField<String>

    public init(
        name: PatchField<String> = .absent, metadata: PatchField<JSONValue> = .absent,
        maxBudget: PatchField<Double> = .absent, description: PatchField<String> = .absent
    ) {
        (self.name, self.metadata, self.maxBudget, self.description) = (name, metadata, maxBudget, description)
    }

    /// The core's patch; a `null` name or metadata is refused by name (they cannot be cleared).
    public func patch() throws -> DirectoryService.Patch {
        DirectoryService.Patch(
            name: try name.required("name"), metadata: try metadata.required("metadata"), maxBudget: maxBudget.change,
            description: description.change)
    }
}
