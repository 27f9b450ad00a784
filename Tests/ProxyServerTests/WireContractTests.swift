import CockpitAPI
@testable import CockpitCore
import Foundation
import Testing
import Yams

/// docs/openapi.yaml and the CockpitAPI types describe the same fields: every property of a type is a property of
/// its schema, and every property of the schema is one of the type's (under the wire's names, `WireKeys.snake`).
@Suite struct WireContractTests {
    /// Where a type's schema is in the document.
    enum Place: CustomStringConvertible {
        /// `components.schemas.<name>`.
        case component(String)
        /// The JSON request body of an operation.
        case request(String, String)

        var description: String {
            switch self {
            case .component(let name): "schema \(name)"
            case .request(let method, let path): "the request body of \(method.uppercased()) \(path)"
            }
        }
    }

    static let id = UUID(), now = Date(timeIntervalSince1970: 1_800_000_000)
    static let grant = ModelGrant(
        id: id, accountID: id, domain: .console, modelName: "m", scope: .team(id), effect: .allow, createdAt: now)
    static let entitlement = FeatureEntitlement(
        id: id, accountID: id, domain: .copilot, featureCode: "f", scope: .account, enabled: true, config: .emptyObject,
        createdAt: now,
        updatedAt: now)
    static let login = Authenticator.Login(token: "t", expiresAt: now, accountID: id, roles: [.accountAdmin])
    static let account = Account(
        id: id, name: "a", alias: nil, domain: "a.io", status: .active, deletedAt: nil, metadata: .emptyObject,
        maxBudget: nil, spend: 0,
        createdAt: now, updatedAt: now, createdBy: "a", updatedBy: "a")
    static let admin = AccountAdmin(
        id: id, accountID: id, email: "a@a.io", role: "account_admin", hasPassword: false, createdAt: now,
        createdBy: "super_admin", updatedAt: now)
    static let audit = AuditEntry(
        id: 1, accountID: id, at: now, actor: "a", authMethod: "session", domain: .copilot, action: "org.create",
        objectType: "organization", objectID: "o", before: nil, after: nil, requestID: nil)
    static let model = ModelInput(id: id, modelName: "m", providerModel: "openai/m", apiBase: "https://x", apiKey: "k")

    /// Every wire type with an example and where its schema is.
    nonisolated(unsafe) static let contract: [(String, Any, Place)] =
        [
            ("OrganizationCreate", OrganizationCreate(name: "o"), .component("OrgCreate")),
            ("TeamCreate", TeamCreate(orgID: id, name: "t"), .component("TeamCreate")),
            ("UserFields", UserFields(), .component("UserUpsert")),
            ("MemberChange", MemberChange(userID: id), .component("MemberAdd")),
            ("GrantCreate", GrantCreate(modelName: "m", scope: .account, effect: .allow), .component("GrantSet")),
            (
                "EntitlementCreate",
                EntitlementCreate(domain: .console, featureCode: "f", scope: .account, enabled: true),
                .component("EntitlementSet")
            ),
            (
                "ModelAccessAnswer",
                ModelAccessAnswer(
                    modelName: "m", access: EffectiveAccess(allowed: true, decidedBy: "account", scopeID: nil),
                    account: id),
                .component("ModelEffective")
            ),
            (
                "FeatureAccessAnswer",
                FeatureAccessAnswer(
                    domain: .copilot, featureCode: "f",
                    access: EffectiveAccess(allowed: true, decidedBy: "account", scopeID: nil),
                    account: id), .component("FeatureEffective")
            ),
            ("EntitlementList", EntitlementList(domain: .copilot, items: []), .component("EntitlementList")),
            ("GrantView", GrantView(grant), .component("ModelGrant")),
            ("EntitlementView", EntitlementView(entitlement), .component("Entitlement")),
            (
                "AccountCreate", AccountCreate(NewAccount(name: "a", domain: "a.io", adminEmail: "a@a.io")),
                .component("AccountCreate")
            ),
            ("AccountStatusChange", AccountStatusChange(.active), .request("post", "/v1/accounts/{id}/status")),
            ("AdminCreate", AdminCreate(email: "a@a.io", password: nil), .component("AdminCreate")),
            ("PolicyReplace", PolicyReplace(ConsoleModelPolicy()), .component("ModelPolicy")),
            ("PolicyView", PolicyView(ConsoleModelPolicy()), .component("ConsoleModelPolicy")),
            ("PolicyAnswer", PolicyAnswer(ConsoleModelPolicy(), saved: true), .component("ModelPolicyAnswer")),
            ("FeaturePackReplace", FeaturePackReplace(FeaturePack()), .component("FeaturePack")),
            ("FeaturePackAnswer", FeaturePackAnswer(FeaturePack(), saved: true), .component("FeaturePackAnswer")),
            ("CatalogUpsert", CatalogUpsert(model), .component("ModelUpsert")),
            ("ZitadelConfigBody", ZitadelConfigBody(ZitadelAccountConfig()), .component("ZitadelConfig")),
            (
                "BootstrapRequest", BootstrapRequest(dryRun: true),
                .request("post", "/v1/accounts/{id}/zitadel/provision/bootstrap")
            ),
            (
                "ProjectRoleRequest", ProjectRoleRequest(ZitadelRole(key: "k", displayName: "K", group: "g")),
                .request("post", "/v1/accounts/{id}/zitadel/provision/project-role")
            ),
            (
                "UserGrantRequest", UserGrantRequest(user: "a@a.io", roleKeys: ["k"]),
                .request("post", "/v1/accounts/{id}/zitadel/provision/user-grant")
            ),
            (
                "SyncRolesRequest", SyncRolesRequest(),
                .request("post", "/v1/accounts/{id}/zitadel/provision/sync-roles")
            ),
            (
                "SyncAdminGrantsRequest", SyncAdminGrantsRequest(),
                .request("post", "/v1/accounts/{id}/zitadel/provision/sync-admin-grants")
            ),
            (
                "OnboardingDefaultsBody", OnboardingDefaultsBody(ZitadelOnboardingDefaults()),
                .component("ZitadelOnboardingDefaults")
            ),
            ("LoginRequest", LoginRequest(username: "u", password: "p"), .component("LoginRequest")),
            ("AuditView", AuditView(audit), .component("AuditEntry")),
            ("AuditList", AuditList(domain: "all", page: Page(items: [], nextCursor: nil)), .component("AuditList")),
            ("LoginResolveRequest", LoginResolveRequest(email: "a@a.io"), .component("LoginResolveRequest")),
            ("LoginAnswer", LoginAnswer(login), .component("LoginAnswer")),
            ("ContextAnswer", ContextAnswer(.superAdmin(method: .masterKey)), .component("Context")),
            ("CostsAnswer", CostsAnswer(by: .model, days: 1, totals: []), .component("Costs")),
            ("KeyFields", KeyFields(keyAlias: "k"), .component("KeyFields")),
            ("DeploymentUpsert", DeploymentUpsert(model), .component("DeploymentUpsert")),
            ("BudgetLimits", BudgetLimits(), .component("BudgetLimits")),
            ("NodeChange", NodeChange(), .component("TreePatch")),
            ("AccountChange", AccountChange(AccountPatch()), .component("AccountPatch")),
            ("AdminChange", AdminChange(password: nil), .component("AdminChange")),
            ("AdminView", AdminView(admin), .component("Admin")),
            ("AdminChanged", AdminChanged(admin), .component("AdminChanged")),
            (
                "AccountCreated", AccountCreated(AccountBundle(account: account, admins: [], organizationCounts: [:])),
                .component("AccountCreated")
            ),
            ("SSOSave", SSOSave(ssoProvider: nil, enabled: true, ssoSettings: [:]), .component("SSOSave")),
            ("SSOView", SSOView(AccountSSO.none(id)), .component("SSOConfig")),
            (
                "AccountBundleView",
                AccountBundleView(AccountBundle(account: account, admins: [], organizationCounts: [:])),
                .component("AccountBundle")
            ),
        ] + credits + marketplace + connections + agents + guardrailPatterns

    static let plan = CreditPlan(
        id: id, accountID: id, name: "p", cycle: "monthly", status: .active, createdBy: "a", createdAt: now,
        updatedAt: now)
    static let allocation = CreditAllocation(
        id: id, accountID: id, planID: id, scope: .pool, allocatedCredits: 1, overflowCap: nil, source: "manual",
        createdBy: "a", createdAt: now, updatedAt: now)
    static let summary = CycleSummary(
        sourcePlanID: id, newPlanID: id, usedCredits: 1, monthlyCredits: 1, overflowChargeCredits: 0, rolloverCredits: 0
    )
    static let usage = ScopeUsage(scope: .pool, allocatedCredits: 1, used: 0, overflowCap: nil)

    /// The copilot credits' bodies and answers (V1_CONTRACT.md "Copilot budgets").
    nonisolated(unsafe) static let credits: [(String, Any, Place)] = [
        (
            "AccountAllocationSet",
            AccountAllocationSet(account: id, monthlyCredits: 1, overflowLimit: 0, creditFactor: 1),
            .component("AccountAllocationSet")
        ),
        (
            "AccountAllocationView",
            AccountAllocationView(
                AccountCreditAllocation(
                    accountID: id, monthlyCredits: 1, overflowLimit: 0, creditFactor: 1, effectiveFrom: now,
                    updatedAt: now)), .component("AccountAllocation")
        ),
        ("CopilotAllocationView", CopilotAllocationView(nil), .component("CopilotAllocation")),
        ("PlanCreate", PlanCreate(name: "p"), .component("PlanCreate")),
        ("PlanRename", PlanRename(name: "p"), .component("PlanRename")),
        ("PlanView", PlanView(plan), .component("Plan")),
        (
            "AllocationUpsert",
            AllocationUpsert(planID: "p", scopeType: "pool", scopeID: "pool", allocatedCredits: 1),
            .component("AllocationUpsert")
        ),
        ("AllocationView", AllocationView(allocation), .component("Allocation")),
        (
            "EqualDistribution",
            EqualDistribution(planID: "p", scopeType: "pool", scopeIds: ["pool"], totalCredits: 1),
            .component("EqualDistribution")
        ),
        ("DistributionAnswer", DistributionAnswer(perScope: 1, allocationIds: [id]), .component("DistributionAnswer")),
        (
            "OverrideCreate", OverrideCreate(planID: "p", scopeType: "pool", scopeID: "pool", overrideCredits: 1),
            .component("OverrideCreate")
        ),
        (
            "OverrideView",
            OverrideView(
                CreditOverride(
                    id: id, accountID: id, planID: id, scope: .pool, overrideCredits: 1, reason: nil, createdBy: "a",
                    createdAt: now)), .component("Override")
        ),
        (
            "EffectiveAllocationView",
            EffectiveAllocationView(
                EffectiveAllocation(
                    planID: id, accountID: id, monthlyCredits: 1, distributed: 0, unallocated: 1, creditFactor: 1,
                    overflowLimit: 0, items: [])), .component("EffectiveAllocation")
        ),
        ("UsageByScopeView", UsageByScopeView(planID: nil, items: [usage]), .component("UsageByScope")),
        (
            "AlertView", AlertView(CreditAlert(entityName: "pool", usage: usage, level: .warning)),
            .component("Alert")
        ),
        ("ItemList<AlertView>", ItemList<AlertView>([]), .component("AlertList")),
        ("CostBreakdownView", CostBreakdownView(by: .agent, groups: []), .component("CostBreakdown")),
        ("LedgerBreakdownView", LedgerBreakdownView(domain: .copilot, groups: []), .component("LedgerCosts")),
        ("UsageRecord", UsageRecord(rawCost: 1), .component("UsageRecord")),
        (
            "LedgerView",
            LedgerView(
                CreditLedgerEntry(
                    id: id, accountID: id, attribution: CreditAttribution(), rawCost: 1, creditFactor: 1,
                    creditsIncurred: 1, createdAt: now)), .component("LedgerEntry")
        ),
        ("CycleRenew", CycleRenew(cycleStart: "2026-01-01", cycleEnd: "2026-02-01"), .component("CycleRenew")),
        ("RenewalAnswer", RenewalAnswer(cycleID: id, plan: plan, summary: summary), .component("RenewalAnswer")),
        (
            "CycleView",
            CycleView(
                CreditCycle(
                    id: id, accountID: id, cycleStart: now, cycleEnd: now, summary: summary, createdBy: "a",
                    createdAt: now)), .component("Cycle")
        ),
        ("DeletedAnswer", DeletedAnswer(true), .component("Deleted")),
        ("OverrideList", OverrideList([]), .component("OverrideList")),
        ("CreditDaysView", CreditDaysView(days: 1, items: []), .component("CreditDays")),
        (
            "CreditDaysView.Day", CreditDaysView.Day(CreditDay(day: "2027-01-01", credits: 1, rawCost: 1, rows: 1)),
            .component("CreditDay")
        ),
    ]

    static func document() throws -> [String: Any] {
        let text = try String(contentsOf: OpenAPITests.spec, encoding: .utf8)
        return try #require(try Yams.load(yaml: text) as? [String: Any])
    }

    /// The properties of the schema at `place`, `$ref`s followed.
    static func properties(_ place: Place, in doc: [String: Any]) -> Set<String>? {
        let schemas = (doc["components"] as? [String: Any])?["schemas"] as? [String: Any]
        func resolve(_ schema: Any?) -> [String: Any]? {
            guard let schema = schema as? [String: Any] else { return nil }
            if let ref = schema["$ref"] as? String { return resolve(schemas?[String(ref.split(separator: "/").last!)]) }
            return schema
        }
        let schema: [String: Any]?
        switch place {
        case .component(let name): schema = resolve(schemas?[name])
        case .request(let method, let path):
            let operation = ((doc["paths"] as? [String: Any])?[path] as? [String: Any])?[method] as? [String: Any]
            let content = (operation?["requestBody"] as? [String: Any])?["content"] as? [String: Any]
            schema = resolve((content?["application/json"] as? [String: Any])?["schema"])
        }
        return (schema?["properties"] as? [String: Any]).map { Set($0.keys) }
    }

    @Test func everyWireTypeMatchesItsSchema() throws {
        let doc = try Self.document()
        for (name, example, place) in Self.contract {
            let fields = WireFields.of(example) ?? []
            guard let documented = Self.properties(place, in: doc) else {
                Issue.record("\(name): docs/openapi.yaml has no \(place) with properties")
                continue
            }
            #expect(
                fields.subtracting(documented).isEmpty,
                "\(name) has fields \(place) does not document: \(fields.subtracting(documented).sorted())")
            #expect(
                documented.subtracting(fields).isEmpty,
                "\(place) documents fields \(name) does not have: \(documented.subtracting(fields).sorted())")
        }
        #expect(Self.contract.count >= 25)
    }
}
