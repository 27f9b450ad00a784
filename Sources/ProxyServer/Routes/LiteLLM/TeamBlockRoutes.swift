import CockpitAPI
import CockpitCore
import Foundation
import Hummingbird

/// LiteLLM's `/team/block` and `/team/unblock` (`{"team_id"}`): a blocked team's keys are refused by the gateway
/// and the control plane until it is unblocked. The answer is the team row, as LiteLLM answers.
enum TeamBlockRoutes {
    static func register(_ table: RouteTable) {
        for (path, blocked) in [("/team/block", true), ("/team/unblock", false)] {
            table.addLiteLLM(.post, path) { request, context, c in
                let (b, account, domain) = try await LiteLLMCall.read(request, context, c)
                let team = try await c.directory.setTeamBlocked(
                    account: account, domain: domain, id: try b.requiredID("team_id"), blocked: blocked)
                let budget = try await c.budgets.budget(
                    account: account, domain: domain, subject: .team, subjectID: team.id.lowercased)
                return try LiteLLMCall.reply(LiteLLMObjects.team(team, budget))
            }
        }
    }
}
