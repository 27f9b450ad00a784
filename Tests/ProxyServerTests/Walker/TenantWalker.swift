import CockpitCore
import Foundation
import HTTPTypes
import Testing
@testable import ProxyServer

/// Walks route specs as A's principals against B's references and checks the rule of `TenantWalkerTests`.
final class TenantWalker: @unchecked Sendable {
    typealias Principal = TenantWalkerFixture.Principal

    let s: ServerHarness
    let f: TenantWalkerFixture
    /// B's ids and names, lower-cased.
    let bStrings: [String]
    /// (route, template, principal, kind) combinations checked, the header included as a kind.
    private(set) var checks = 0
    private(set) var requests = 0
    /// Every kind some template read.
    private(set) var kindsWalked: Set<IDKind> = []
    /// How often each principal got each status for B's references (the header included).
    private(set) var statuses: [Principal: [Int: Int]] = [:]
    /// Reads (and `filtering` changes) that answered 200 to one of B's references (filtered to nothing, as for a
    /// reference to nothing).
    private(set) var filteringReads: Set<String> = []
    /// A's objects may have changed since they were made.
    private var dirty = false

    init(_ s: ServerHarness, _ f: TenantWalkerFixture, bStrings: Set<String>) {
        (self.s, self.f, self.bStrings) = (s, f, bStrings.sorted())
    }

    /// Every template of `spec`: each kind it reads swapped to B's and to a ghost (then all kinds at once), as each
    /// principal; `X-Account-Id` naming B; then the control with A's own references.
    func walk(_ route: RouteInfo, _ spec: RouteSpec) async throws {
        let method = try #require(HTTPRequest.Method(route.method))
        for template in spec.templates {
            if dirty { try await f.refreshA() }
            dirty = false
            let probe = Refs(f.aRefs, nonce: Self.nonce())
            let own = template(probe)
            kindsWalked.formUnion(probe.read)
            for principal in f.principals {
                // Each reference alone, then all of them at once (a request aimed wholly at B).
                for kinds in probe.read.map({ [$0] }) + (probe.read.count > 1 ? [probe.read] : []) {
                    try await check(route, method, spec, principal, kinds) {
                        template(Refs(self.f.aRefs, swapping: $0, nonce: $1))
                    }
                }
                try await checkHeader(route, method, spec, principal) { template(Refs(self.f.aRefs, nonce: $0)) }
            }
            if let principal = Self.controlPrincipal(route, spec) {
                // The control also carries a field no route takes: it must be named, never dropped without a word.
                var probed = own
                let probing = !route.gateway && own.body?.objectValue != nil
                if probing, case .object(var fields)? = own.body {
                    fields[Self.unknownField] = 1
                    probed.body = .object(fields)
                }
                let answer = try await send(method, probed, principal)
                if probing {
                    #expect(
                        answer.header("x-cockpit-ignored-fields")?.contains(Self.unknownField) == true,
                        "\(route) answered \(answer.status.code) without naming the unknown field \(Self.unknownField)")
                }
                #expect(
                    (200..<300).contains(answer.status.code),
                    """
                    \(route) as \(principal) on A's own objects answered \(answer.status.code): the walker's request is not one the route \
                    accepts, so its refusals prove nothing. \(own.path) \(own.body?.encodedString ?? "") → \(answer.text.prefix(400))
                    """)
                leakCheck(answer, own, "\(route) as \(principal) on A's own objects")
                if spec.endsSession, principal == .accountAdmin { try await f.signIn() }
            }
            if method != .get { dirty = true }
        }
    }

    /// A field no route takes, sent with every control request that has a JSON body.
    static let unknownField = "walker_unknown_field"

    /// What the walk did, for the test log.
    var summary: String {
        let byPrincipal = statuses.sorted { $0.key.rawValue < $1.key.rawValue }.map { principal, counts in
            "  \(principal): "
                + counts.sorted { $0.key < $1.key }.map { "\($0.value)× \($0.key)" }.joined(separator: ", ")
        }
        return "\(checks) checks, \(requests) requests\n" + byPrincipal.joined(separator: "\n")
            + "\n  reads (and filtering changes) answering 200 to B's reference (as to a reference to nothing): \(filteringReads.sorted().joined(separator: "; "))"
    }

    /// Routes only a super-admin may use: account lifecycle and everything under an account's id, the global
    /// catalogue and onboarding defaults, the accounts' credit allocations and the deployment probe. (The services
    /// decide; the walker checks it.)
    static func isSuperAdminRoute(_ route: RouteInfo) -> Bool {
        route.path.hasPrefix("/v1/accounts") || route.path.hasPrefix("/v1/super/") || route.path == "/health"
            || route.path == "/v1/budgets/account-allocation"
    }

    /// The principal that may use the route and must succeed with A's references; nil for super-admin routes.
    static func controlPrincipal(_ route: RouteInfo, _ spec: RouteSpec) -> Principal? {
        guard !Self.isSuperAdminRoute(route) else { return nil }
        switch spec.control {
        case .accountAdmin: return .accountAdmin
        case .endUserKey: return .endUserKey
        case .none: return nil
        }
    }

    /// `kinds` swapped to B's values, then to ghosts.
    private func check(
        _ route: RouteInfo, _ method: HTTPRequest.Method, _ spec: RouteSpec, _ principal: Principal, _ kinds: [IDKind],
        _ build: (_ swaps: [IDKind: String], _ nonce: String) -> WalkRequest
    ) async throws {
        let toBravo = Dictionary(uniqueKeysWithValues: kinds.map { ($0, f.bRefs[$0]!) })
        let toNothing = Dictionary(uniqueKeysWithValues: kinds.map { ($0, $0.ghost()) })
        let (bNonce, ghostNonce) = (Self.nonce(), Self.nonce())
        let (toB, toGhost) = (build(toBravo, bNonce), build(toNothing, ghostNonce))
        let b = try await send(method, toB, principal), ghost = try await send(method, toGhost, principal)
        let kind = kinds.count == 1 ? "\(kinds[0])" : "references (all of them)"
        let label = "\(route) as \(principal) with B's \(kind) (\(toB.path))"
        checks += 1
        let (bText, ghostText) = (
            Self.normalized(b.text, toBravo, bNonce), Self.normalized(ghost.text, toNothing, ghostNonce)
        )
        #expect(
            b.status == ghost.status && bText == ghostText,
            """
            \(label): B's object and one that does not exist get different answers, so existence shows: \
            \(b.status.code) \(b.text.prefix(300)) / \(ghost.status.code) \(ghost.text.prefix(300))
            """)
        statuses[principal, default: [:]][b.status.code, default: 0] += 1
        let refusals: Set<Int> = Self.controlPrincipal(route, spec) == principal ? [404] : [401, 403, 404]
        if method == .get || spec.filtering, b.status == .ok {
            filteringReads.insert("\(route) (\(kind))")
        } else {
            #expect(
                refusals.contains(b.status.code),
                "\(label) answered \(b.status.code), not \(refusals.sorted()): \(b.text.prefix(400))")
        }
        leakCheck(b, toB, label)
        leakCheck(ghost, toGhost, label)
    }

    private func checkHeader(
        _ route: RouteInfo, _ method: HTTPRequest.Method, _ spec: RouteSpec, _ principal: Principal,
        _ build: (_ nonce: String) -> WalkRequest
    ) async throws {
        let (toB, toGhost) = (build(Self.nonce()), build(Self.nonce()))
        let b = try await send(method, toB, principal, account: f.b),
            ghost = try await send(method, toGhost, principal, account: UUID())
        let label = "\(route) as \(principal) with X-Account-Id naming B"
        checks += 1
        statuses[principal, default: [:]][b.status.code, default: 0] += 1
        #expect(
            b.status == ghost.status,
            "\(label): \(b.status.code), but \(ghost.status.code) for an account that does not exist")
        if spec.header == .refused {
            #expect(b.status == .forbidden, "\(label) answered \(b.status.code): \(b.text.prefix(400))")
        }
        leakCheck(b, toB, label)
        leakCheck(ghost, toGhost, label)
    }

    /// Fails when `answer` holds an id or name of B that `request` did not carry.
    func leakCheck(_ answer: ServerHarness.Answer, _ request: WalkRequest, _ label: String) {
        let text = (answer.text + " " + answer.headers.map { "\($0.name)=\($0.value)" }.joined(separator: " "))
            .lowercased()
        let sent = request.sent
        let leaked = bStrings.filter { text.contains($0) && !sent.contains($0) }
        #expect(leaked.isEmpty, "\(label) leaked B's \(leaked): \(answer.text.prefix(600))")
    }

    func send(
        _ method: HTTPRequest.Method, _ request: WalkRequest, _ principal: Principal, account: UUID? = nil
    ) async throws
        -> ServerHarness.Answer
    {
        var headers: HTTPFields = [:]
        if let account { headers[HTTPField.Name("X-Account-Id")!] = account.lowercased }
        requests += 1
        return try await s.call(method, request.path, token: f.token(principal), json: request.body, headers: headers)
    }

    /// An answer with the reference it was asked about (and the request's nonce) replaced, so that answers about B
    /// and a ghost compare.
    static func normalized(_ text: String, _ references: [IDKind: String], _ nonce: String) -> String {
        references.reduce(text.replacingOccurrences(of: nonce, with: "<nonce>")) { text, reference in
            text.replacingOccurrences(of: reference.value, with: "<\(reference.key)>", options: .caseInsensitive)
        }
    }

    /// Names the objects one request creates, so that no two requests of the walk collide.
    static func nonce() -> String { String(UUID().uuidString.lowercased().prefix(8)) }
}
