import CockpitCore
import Foundation

/// One request of the walk: a concrete path (query included) and an optional JSON body.
struct WalkRequest: Sendable {
    var path: String
    var body: JSONValue?

    /// A request without a body (GET, and DELETE of a path).
    static func get(_ path: String) -> WalkRequest { WalkRequest(path: path, body: nil) }
    static func plain(_ path: String) -> WalkRequest { WalkRequest(path: path, body: nil) }
    static func json(_ path: String, _ body: JSONValue) -> WalkRequest { WalkRequest(path: path, body: body) }

    /// Everything the request carried, lower-cased: a response may echo it without leaking anything.
    var sent: String { (path + " " + (body?.encodedString ?? "")).lowercased() }
}

/// How the tenant walker calls one route: request templates over `Refs`, and what the route does with the rest.
struct RouteSpec: Sendable {
    typealias Template = @Sendable (Refs) -> WalkRequest

    /// What the route does with `X-Account-Id` naming another account.
    enum Header: Sendable {
        /// The route table authenticates first: anyone but a super-admin naming another account gets 403.
        case refused
        /// Public routes and the gateway take no account from the header (none, or the key's): it changes nothing.
        case ignored
    }

    /// Who must succeed with the tenant's own references: the proof that a template is a well-formed request.
    enum Control: Sendable {
        case accountAdmin, endUserKey
        /// Super-admin routes: no principal of an account may call them, so there is nothing to prove.
        case none
    }

    var templates: [Template]
    var header = Header.refused
    var control = Control.accountAdmin
    /// The route ends the caller's session (`/v2/logout`): the walker signs in again after the control.
    var endsSession = false
    /// A change that answers a reference to nothing with 200, as a read that filters does (`DELETE
    /// /v1/budgets/copilot/allocations` answers `{"deleted": false}`): B's reference must get the same 200.
    var filtering = false
}

/// The walker's table of route specs, keyed like `RouteInfo.description` (`GET /v1/console/orgs`).
struct RouteSpecs {
    private(set) var all: [String: RouteSpec] = [:]

    /// Adds templates for a route (appending to the route's templates when it is already there).
    mutating func add(
        _ route: String, header: RouteSpec.Header = .refused, control: RouteSpec.Control = .accountAdmin,
        endsSession: Bool = false, filtering: Bool = false, _ templates: RouteSpec.Template...
    ) {
        if all[route] != nil {
            all[route]!.templates += templates
        } else {
            all[route] = RouteSpec(
                templates: templates, header: header, control: control, endsSession: endsSession, filtering: filtering)
        }
    }

    /// Every route the walker knows how to call.
    static var walker: [String: RouteSpec] {
        var specs = RouteSpecs()
        ControlPlaneWalkerRequests.add(to: &specs)
        SuperAdminWalkerRequests.add(to: &specs)
        LiteLLMWalkerRequests.add(to: &specs)
        CustomerWalkerRequests.add(to: &specs)
        CreditWalkerRequests.add(to: &specs)
        AgentWalkerRequests.add(to: &specs)
        GuardrailWalkerRequests.add(to: &specs)
        MarketplaceWalkerRequests.add(to: &specs)
        ConnectionWalkerRequests.add(to: &specs)
        GatewayWalkerRequests.add(to: &specs)
        return specs.all
    }
}
