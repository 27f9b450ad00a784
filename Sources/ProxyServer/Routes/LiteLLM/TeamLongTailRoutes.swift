import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// LiteLLM's `/team/member_update` (a member's role and budget in the team) and `/team/model/add` and
/// `/team/model/delete` (the team's allowed models, kept as allow grants at the team's scope, which the gateway
/// enforces for keys owned in the tree). The directory, budget and access services check every permission.
enum TeamLongTailRoutes {
    static func register(_ table: RouteTable) {
        table.addLiteLLM(.post, "/team/member_update") { request, context, c in
            let (b, account, domain) = try await LiteLLMCall.read(request, context, c)
            let teamID = try b.requiredID("team_id")
            let userID = try b.requiredID("user_id")
            let role: MembershipRole? =
                switch try b.string("role") {
                case nil: nil
                case "admin": .admin
                case "user": .member
                default: throw CockpitError.invalid(field: "role", reason: "must be admin or user")
                }
            let maxInTeam = try b.double("max_budget_in_team")
            if let maxInTeam, maxInTeam < 0 {
                throw CockpitError.invalid(field: "max_budget_in_team", reason: "must be at least 0")
            }
            let (tpm, rpm) = (try b.int("tpm_limit"), try b.int("rpm_limit"))
            for (value, field) in [(tpm, "tpm_limit"), (rpm, "rpm_limit")] where (value ?? 0) < 0 {
                throw CockpitError.invalid(field: field, reason: "must be at least 0")
            }
            // The membership must exist: LiteLLM updates members, it does not add them here.
            let memberships = try await c.directory.memberships(account: account, domain: domain, userID: userID)
            guard let membership = memberships.first(where: { $0.teamID == teamID }) else {
                throw CockpitError.notFound("membership")
            }
            if let role, role != membership.role {
                _ = try await c.directory.addMember(
                    account: account, domain: domain, teamID: teamID, userID: userID, role: role)
            }
            let subjectID = "\(teamID.lowercased):\(userID.lowercased)"
            var budget = try await c.budgets.budget(
                account: account, domain: domain, subject: .teamMember, subjectID: subjectID)
            if b.present("max_budget_in_team") || b.present("tpm_limit") || b.present("rpm_limit") {
                let present = (b.present("max_budget_in_team"), b.present("tpm_limit"), b.present("rpm_limit"))
                budget = try await c.budgets.set(
                    account: account, domain: domain, subject: .teamMember, subjectID: subjectID
                ) { row in
                    if present.0 { row.maxBudget = maxInTeam }
                    if present.1 { row.tpmLimit = tpm }
                    if present.2 { row.rpmLimit = rpm }
                }
            }
            return try LiteLLMCall.reply([
                "team_id": .string(teamID.lowercased), "user_id": .string(userID.lowercased),
                "role": .string((role ?? membership.role) == .admin ? "admin" : "user"),
                "max_budget_in_team": budget?.maxBudget.map(JSONValue.number) ?? .null,
                "tpm_limit": budget?.tpmLimit.map { .number(Double($0)) } ?? .null,
                "rpm_limit": budget?.rpmLimit.map { .number(Double($0)) } ?? .null,
            ])
        }
        for (path, adding) in [("/team/model/add", true), ("/team/model/delete", false)] {
            table.addLiteLLM(.post, path) { request, context, c in
                let (b, account, domain) = try await LiteLLMCall.read(request, context, c)
                let teamID = try b.requiredID("team_id")
                let models = try b.strings("models") ?? []
                guard !models.isEmpty else {
                    throw CockpitError.invalid(field: "models", reason: "must name at least one model")
                }
                let team = try await c.directory.team(account: account, domain: domain, id: teamID)
                if adding {
                    let held = Set(try await allowed(c, account, domain, teamID).map(\.modelName))
                    for model in Set(models).subtracting(held).sorted() {
                        _ = try await c.access.addModelGrant(
                            account: account, domain: domain, modelName: model, scope: .team(teamID), effect: .allow)
                    }
                } else {
                    let wanted = Set(models)
                    for grant in try await allowed(c, account, domain, teamID) where wanted.contains(grant.modelName) {
                        try await c.access.deleteModelGrant(account: account, domain: domain, id: grant.id)
                    }
                }
                var object = LiteLLMObjects.team(team, nil).objectValue ?? [:]
                object["models"] = .array(
                    try await allowed(c, account, domain, teamID).map(\.modelName).sorted().map(JSONValue.string))
                return try LiteLLMCall.reply(.object(object))
            }
        }
    }

    /// The allow grants at the team's own scope.
    static func allowed(
        _ c: Cockpit, _ account: UUID, _ domain: ProductDomain, _ team: UUID
    ) async throws
        -> [ModelGrant]
    {
        try await c.access.modelGrants(account: account, domain: domain, scope: .team(team)).filter {
            $0.effect == .allow
        }
    }
}
