import CockpitCore
import Foundation

/// Zitadel as the cockpit's Zitadel view shows it for one account: the server's status (`/v1/auth/zitadel/status`),
/// the account's settings, the provisioning plan (a dry run) or why there is none, and the last bootstrap's result.
public struct ZitadelOverview: Equatable, Sendable {
    /// The server's status: `configured`, `issuer`, `project_id`, `jwks` (`reachable`, `keys` or `error`)…
    public var status: JSONValue
    public var config: ZitadelAccountConfig
    public var plan: ProvisioningReport?
    /// Why there is no plan: no personal access token, Zitadel unreachable, the account not set up…
    public var planError: String?
    /// What the last bootstrap from this view did (set by the app after `b`).
    public var bootstrap: ProvisioningReport?

    public init(
        status: JSONValue, config: ZitadelAccountConfig, plan: ProvisioningReport? = nil, planError: String? = nil
    ) {
        self.status = status
        self.config = config
        self.plan = plan
        self.planError = planError
    }

    public var configured: Bool { status["configured"] == .bool(true) }
}
