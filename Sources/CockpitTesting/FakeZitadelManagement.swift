import CockpitCore
import Foundation
import Hummingbird

/// The management subset of ZITADEL.md, as a fake: projects, roles, users and user grants, with Zitadel's error
/// bodies (409 code 6, 400 code 9, 401 code 16), injected 5xx answers, and searches that may lag behind writes.
public actor FakeZitadelManagement {
    struct Record<T: Sendable>: Sendable {
        var value: T
        var writtenAt: Date
    }

    public var pat = "fake-pat-0123456789"
    /// Seconds before a write shows in searches (Zitadel's eventual consistency).
    public var searchLag: TimeInterval = 0
    private var failures: [Int] = []
    private var callsBeforeFailures = 0
    private var projects: [String: Record<String>] = [:]
    private var roles: [String: [String: Record<ZitadelRole>]] = [:]
    private var users: [String: String] = [:]
    private var grants: [String: Record<ZitadelUserGrant>] = [:]
    /// Every write call that succeeded, as `METHOD path` (tests count them).
    public private(set) var writes: [String] = []

    public init() {}

    public func setSearchLag(_ seconds: TimeInterval) { searchLag = seconds }
    /// After `skip` more calls, the next calls answer these statuses (e.g. `[503, 503]`), then behave again.
    public func failNext(_ statuses: [Int], after skip: Int = 0) {
        failures += statuses
        callsBeforeFailures = skip
    }
    /// Adds a human user with an email; returns its id.
    @discardableResult
    public func addUser(email: String) -> String {
        let id = Self.newID()
        users[id] = email
        return id
    }
    /// Adds a grant directly, as another process would (searches see it after the lag).
    /// A project that exists already (written long ago, so searches see it at once).
    public func insertProject(id: String, name: String) {
        projects[id] = Record(value: name, writtenAt: .distantPast)
    }

    public func insertGrant(user: String, project: String, roleKeys: [String]) {
        let id = Self.newID()
        grants[id] = Record(
            value: ZitadelUserGrant(id: id, userID: user, projectID: project, roleKeys: roleKeys), writtenAt: Date())
    }
    public func grants(of user: String) -> [ZitadelUserGrant] {
        grants.values.map(\.value).filter { $0.userID == user }
    }
    public func roleKeys(project: String) -> [String] { (roles[project] ?? [:]).keys.sorted() }
    public func projectIDs() -> [String] { projects.keys.sorted() }

    static func newID() -> String { String(UInt64.random(in: 100_000_000_000_000_000...999_999_999_999_999_999)) }

    /// Answers one management call.
    public func handle(method: String, path: String, authorization: String?, body: JSONValue) -> (Int, JSONValue) {
        if !failures.isEmpty {
            if callsBeforeFailures > 0 {
                callsBeforeFailures -= 1
            } else {
                return (failures.removeFirst(), ["code": 14, "message": "Errors.Internal (FAKE-503)"])
            }
        }
        guard authorization == "Bearer \(pat)" else {
            return (401, ["code": 16, "message": "Errors.Token.Invalid (AUTH-7fs1e)"])
        }
        let parts = path.split(separator: "/").map(String.init)
        /// The `*` segments of `pattern` when `method` and the path match it.
        func route(_ m: String, _ pattern: String) -> [String]? {
            let want = pattern.split(separator: "/").map(String.init)
            guard m == method, want.count == parts.count else { return nil }
            var captured: [String] = []
            for (w, p) in zip(want, parts) {
                if w == "*" { captured.append(p) } else if w != p { return nil }
            }
            return captured
        }
        let now = Date()
        func visible(_ at: Date) -> Bool { now.timeIntervalSince(at) >= searchLag }
        func exists(_ message: String) -> (Int, JSONValue) {
            (409, ["code": 6, "message": .string(message), "details": []])
        }
        func precondition(_ message: String) -> (Int, JSONValue) {
            (400, ["code": 9, "message": .string(message), "details": []])
        }
        let details: JSONValue = [
            "sequence": "1", "creationDate": .string(Timestamp.format(now)), "resourceOwner": "fake-org",
        ]
        if route("POST", "projects/_search") != nil {
            let name = body["queries"]?.arrayValue?.first?["nameQuery"]?["name"]?.stringValue
            let found = projects.filter { (name == nil || $0.value.value == name) && visible($0.value.writtenAt) }
            return (
                200,
                [
                    "details": ["totalResult": .string(String(found.count))],
                    "result": .array(found.map { ["id": .string($0.key), "name": .string($0.value.value)] }),
                ]
            )
        } else if route("POST", "projects") != nil {
            guard let name = body["name"]?.stringValue else {
                return (400, ["code": 3, "message": "Errors.Project.Invalid"])
            }
            if projects.values.contains(where: { $0.value == name }) {
                return exists("Errors.Project.AlreadyExists (PROJECT-3n8fs)")
            }
            let id = Self.newID()
            projects[id] = Record(value: name, writtenAt: now)
            writes.append("POST /projects")
            return (200, ["id": .string(id), "details": details])
        } else if let project = route("POST", "projects/*/roles/_search")?.first {
            let key = body["queries"]?.arrayValue?.first?["keyQuery"]?["key"]?.stringValue
            let found = (roles[project] ?? [:]).values.filter {
                (key == nil || $0.value.key == key) && visible($0.writtenAt)
            }.map(\.value)
            return (
                200,
                [
                    "result": .array(
                        found.map {
                            [
                                "key": .string($0.key), "displayName": .string($0.displayName),
                                "group": .string($0.group),
                            ]
                        })
                ]
            )
        } else if let project = route("POST", "projects/*/roles")?.first {
            guard projects[project] != nil else { return precondition("Errors.Project.NotFound (PROJECT-2n8fs)") }
            guard let key = body["roleKey"]?.stringValue else {
                return (400, ["code": 3, "message": "Errors.Project.Role.Invalid"])
            }
            if roles[project]?[key] != nil { return exists("Errors.Project.Role.AlreadyExists (PROJECT-8d9ds)") }
            roles[project, default: [:]][key] = Record(
                value: ZitadelRole(
                    key: key, displayName: body["displayName"]?.stringValue ?? "",
                    group: body["group"]?.stringValue ?? ""), writtenAt: now)
            writes.append("POST /projects/roles")
            return (200, ["details": details])
        } else if route("POST", "users/_search") != nil {
            let email = body["queries"]?.arrayValue?.first?["emailQuery"]?["emailAddress"]?.stringValue?.lowercased()
            let found = users.filter { email == nil || $0.value.lowercased() == email }
            return (
                200,
                [
                    "result": .array(
                        found.map {
                            [
                                "id": .string($0.key), "userName": .string($0.value),
                                "human": ["email": ["email": .string($0.value)]],
                            ]
                        })
                ]
            )
        } else if route("POST", "users/grants/_search") != nil {
            let queries = body["queries"]?.arrayValue ?? []
            let user = queries.compactMap { $0["userIdQuery"]?["userId"]?.stringValue }.first
            let project = queries.compactMap { $0["projectIdQuery"]?["projectId"]?.stringValue }.first
            let found = grants.values.filter {
                (user == nil || $0.value.userID == user) && (project == nil || $0.value.projectID == project)
                    && visible($0.writtenAt)
            }.map(\.value)
            return (
                200,
                [
                    "result": .array(
                        found.map {
                            [
                                "id": .string($0.id), "userId": .string($0.userID), "projectId": .string($0.projectID),
                                "roleKeys": .array($0.roleKeys.map(JSONValue.string)),
                            ]
                        })
                ]
            )
        } else if let user = route("POST", "users/*/grants")?.first {
            guard users[user] != nil else { return (404, ["code": 5, "message": "Errors.User.NotFound (USER-3n8fs)"]) }
            guard let project = body["projectId"]?.stringValue, projects[project] != nil else {
                return precondition("Errors.Project.NotFound (PROJECT-7jdf2)")
            }
            let keys = body["roleKeys"]?.stringArray ?? []
            guard keys.allSatisfy({ roles[project]?[$0] != nil }) else {
                return precondition("Errors.Project.Role.NotFound (COMMAND-4m9vS)")
            }
            if grants.values.contains(where: { $0.value.userID == user && $0.value.projectID == project }) {
                return exists("Errors.UserGrant.AlreadyExists (COMMAND-2b8fs)")
            }
            let id = Self.newID()
            grants[id] = Record(
                value: ZitadelUserGrant(id: id, userID: user, projectID: project, roleKeys: keys), writtenAt: now)
            writes.append("POST /users/grants")
            return (200, ["userGrantId": .string(id), "details": details])
        } else if let ids = route("PUT", "users/*/grants/*") {
            let (user, grant) = (ids[0], ids[1])
            guard var record = grants[grant], record.value.userID == user else {
                return (404, ["code": 5, "message": "Errors.UserGrant.NotFound"])
            }
            let keys = body["roleKeys"]?.stringArray ?? []
            guard keys.allSatisfy({ roles[record.value.projectID]?[$0] != nil }) else {
                return precondition("Errors.Project.Role.NotFound (COMMAND-4m9vS)")
            }
            record.value.roleKeys = keys
            record.writtenAt = now
            grants[grant] = record
            writes.append("PUT /users/grants")
            return (200, ["details": details])
        }
        return (404, ["code": 5, "message": "Errors.NotFound (FAKE-404)"])
    }

    /// The management API under `/management/v1`, added to a router (usually `FakeZitadel.router()`'s).
    public nonisolated func register(on router: Router<BasicRequestContext>) {
        let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            var request = request
            let text = String(buffer: try await request.collectBody(upTo: 1 << 20))
            let body = (try? JSONValue.parse(text)) ?? .emptyObject
            let path = String(request.uri.path.dropFirst("/management/v1".count))
            let (status, answer) = await self.handle(
                method: request.method.rawValue, path: path,
                authorization: request.headers[.authorization], body: body)
            var response = Response(
                status: .init(code: status), headers: [.contentType: "application/json"],
                body: .init(byteBuffer: .init(string: answer.encodedString)))
            response.status = .init(code: status)
            return response
        }
        router.post("/management/v1/**", use: handler)
        router.put("/management/v1/**", use: handler)
    }
}
