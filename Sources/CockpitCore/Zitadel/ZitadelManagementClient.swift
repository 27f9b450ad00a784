import Foundation

/// An error body of Zitadel's API: `{"code": <gRPC code>, "message": "…"}` with its HTTP status. Branch on the
/// code and status, never on the text.
public struct ZitadelAPIError: Error, Sendable, Equatable, CustomStringConvertible {
    public let status: Int
    /// The gRPC code: 3 invalid, 5 not found, 6 already exists, 7 permission denied, 9 failed precondition, 16 unauthenticated.
    public let code: Int
    public let message: String

    /// True for 409 / code 6 (duplicate role key, second grant for a user and project…).
    public var isAlreadyExists: Bool { status == 409 || code == 6 }

    public var description: String { "Zitadel answered \(status) (code \(code)): \(message)" }
}

/// A project role.
public struct ZitadelRole: Sendable, Equatable {
    public var key: String
    public var displayName: String
    public var group: String

    public init(key: String, displayName: String, group: String) {
        self.key = key
        self.displayName = displayName
        self.group = group
    }
}

/// A user grant: a user's role keys in a project.
public struct ZitadelUserGrant: Sendable, Equatable {
    public var id: String
    public var userID: String
    public var projectID: String
    public var roleKeys: [String]

    public init(id: String, userID: String, projectID: String, roleKeys: [String]) {
        self.id = id
        self.userID = userID
        self.projectID = projectID
        self.roleKeys = roleKeys
    }
}

/// The subset of Zitadel's management API (v1 REST) that provisioning uses. Requests carry the PAT; 5xx answers
/// and timeouts are retried with backoff (three attempts).
public struct ZitadelManagementClient: Sendable {
    let http: CurlHTTPClient
    let base: String
    let pat: String
    var organizationID: String?
    let backoff: [UInt64]

    /// - Parameters:
    ///   - issuer: the Zitadel origin; calls go to `{issuer}/management/v1`.
    ///   - organizationID: sent as `x-zitadel-orgid` when set.
    public init(
        http: CurlHTTPClient, issuer: String, pat: String, organizationID: String? = nil,
        backoffMilliseconds: [UInt64] = [100, 400]
    ) {
        self.http = http
        base = issuer + "/management/v1"
        self.pat = pat
        self.organizationID = organizationID
        backoff = backoffMilliseconds
    }

    public func searchProjects(name: String) async throws -> [(id: String, name: String)] {
        let answer = try await call(
            "POST", "/projects/_search",
            ["queries": [["nameQuery": ["name": .string(name), "method": "TEXT_QUERY_METHOD_EQUALS"]]]])
        return (answer["result"]?.arrayValue ?? []).compactMap { p in
            guard let id = p["id"]?.stringValue else { return nil }
            return (id, p["name"]?.stringValue ?? "")
        }
    }

    public func createProject(name: String) async throws -> String {
        let answer = try await call(
            "POST", "/projects", ["name": .string(name), "projectRoleAssertion": true, "projectRoleCheck": true])
        guard let id = answer["id"]?.stringValue else {
            throw ZitadelAPIError(status: 200, code: 13, message: "no project id in the answer")
        }
        return id
    }

    public func searchRoles(project: String, key: String? = nil) async throws -> [ZitadelRole] {
        var body: [String: JSONValue] = ["query": ["limit": 1000]]
        if let key { body["queries"] = [["keyQuery": ["key": .string(key), "method": "TEXT_QUERY_METHOD_EQUALS"]]] }
        let answer = try await call("POST", "/projects/\(project)/roles/_search", .object(body))
        return (answer["result"]?.arrayValue ?? []).compactMap { r in
            r["key"]?.stringValue.map {
                ZitadelRole(
                    key: $0, displayName: r["displayName"]?.stringValue ?? "", group: r["group"]?.stringValue ?? "")
            }
        }
    }

    public func addRole(project: String, _ role: ZitadelRole) async throws {
        _ = try await call(
            "POST", "/projects/\(project)/roles",
            ["roleKey": .string(role.key), "displayName": .string(role.displayName), "group": .string(role.group)])
    }

    public func searchUsers(email: String) async throws -> [(id: String, email: String)] {
        let answer = try await call(
            "POST", "/users/_search",
            [
                "queries": [
                    ["emailQuery": ["emailAddress": .string(email), "method": "TEXT_QUERY_METHOD_EQUALS_IGNORE_CASE"]]
                ]
            ])
        return (answer["result"]?.arrayValue ?? []).compactMap { u in
            guard let id = u["id"]?.stringValue else { return nil }
            return (id, u["human"]?["email"]?["email"]?.stringValue ?? "")
        }
    }

    public func searchUserGrants(user: String, project: String) async throws -> [ZitadelUserGrant] {
        let answer = try await call(
            "POST", "/users/grants/_search",
            [
                "queries": [
                    ["userIdQuery": ["userId": .string(user)]], ["projectIdQuery": ["projectId": .string(project)]],
                ]
            ])
        return (answer["result"]?.arrayValue ?? []).compactMap { g in
            guard let id = g["id"]?.stringValue else { return nil }
            return ZitadelUserGrant(
                id: id, userID: g["userId"]?.stringValue ?? user, projectID: g["projectId"]?.stringValue ?? project,
                roleKeys: g["roleKeys"]?.stringArray ?? [])
        }
    }

    public func addUserGrant(user: String, project: String, roleKeys: [String]) async throws -> String {
        let answer = try await call(
            "POST", "/users/\(user)/grants",
            ["projectId": .string(project), "roleKeys": .array(roleKeys.map(JSONValue.string))])
        guard let id = answer["userGrantId"]?.stringValue else {
            throw ZitadelAPIError(status: 200, code: 13, message: "no grant id in the answer")
        }
        return id
    }

    /// Replaces the role keys of a grant with the full list.
    public func updateUserGrant(user: String, grant: String, roleKeys: [String]) async throws {
        _ = try await call(
            "PUT", "/users/\(user)/grants/\(grant)", ["roleKeys": .array(roleKeys.map(JSONValue.string))])
    }

    /// The same client making its calls in `organization` (`x-zitadel-orgid`); itself when nil.
    public func on(organization: String?) -> ZitadelManagementClient {
        guard let organization else { return self }
        var copy = self
        copy.organizationID = organization
        return copy
    }

    /// One call, retried on 5xx and timeouts; other failures are thrown as they are.
    func call(_ method: String, _ path: String, _ body: JSONValue) async throws -> JSONValue {
        var headers = [
            ("Authorization", "Bearer \(pat)"), ("Content-Type", "application/json"), ("Accept", "application/json"),
        ]
        if let organizationID { headers.append(("x-zitadel-orgid", organizationID)) }
        let request = HTTPClientRequest(
            url: base + path, method: method, headers: headers, body: Array(body.encodedString.utf8), timeout: 15)
        var attempt = 0
        while true {
            do {
                let response = try await http.send(request)
                let answer = (try? JSONValue.parse(response.text)) ?? .null
                if (200..<300).contains(response.status) { return answer }
                let error = ZitadelAPIError(
                    status: response.status, code: answer["code"]?.doubleValue.flatMap(CheckedNumber.int) ?? 0,
                    message: answer["message"]?.stringValue ?? "HTTP \(response.status)")
                guard response.status >= 500, attempt < backoff.count else { throw error }
            } catch let error as HTTPClientError where error != .cancelled {
                guard attempt < backoff.count else { throw error }
            }
            try await Task.sleep(nanoseconds: backoff[attempt] * 1_000_000)
            attempt += 1
        }
    }
}
