@testable import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// `/spend/logs` filters and paging, `/spend/logs/v2`, `/global/spend/report` and `/global/activity` with LiteLLM's
/// shapes, on both stores: success, refusals (wrong tenant, wrong role, bad input) and the error envelope.
@Suite struct LiteLLMSpendReportTests {
    @Test(arguments: StoreKind.available)
    func logsReportAndActivity(kind: StoreKind) async throws {
        try await GatewayHarness.with(kind) { g in
            let id = g.accountID.lowercased
            let a = try await g.newKey()
            let b = try await g.newKey()
            for (key, model) in [(a, "gpt-test"), (a, "gpt-test"), (a, "mock-test"), (b, "gpt-test")] {
                let answer = try await g.call(.post, "/v1/chat/completions", key: key, json: GatewayHarness.chat(model))
                #expect(answer.status == 200, "\(answer.text)")
            }
            await g.gateway.spend.flush()
            let today = Timestamp.day(Date())
            let range = "start_date=\(today)&end_date=\(today)"
            // v1: filters and pages.
            let page = try await g.call(.get, "/spend/logs?account_id=\(id)&\(range)&api_key=\(a)&page=1&page_size=2")
            #expect(page.json.arrayValue?.count == 2, "\(page.text)")
            let requestID = try #require(page.json.arrayValue?.first?["request_id"]?.stringValue)
            let one = try await g.call(
                .get, "/spend/logs?account_id=\(id)&start_date=2000-01-01&request_id=\(requestID)")
            #expect(
                one.json.arrayValue?.count == 1 && one.json.arrayValue?.first?["request_id"]?.stringValue == requestID)
            // v2: LiteLLM's paged shape.
            let v2 = try await g.call(.get, "/spend/logs/v2?account_id=\(id)&\(range)&page=2&page_size=3")
            #expect(v2.status == 200, "\(v2.text)")
            #expect(
                v2.json["total"] == 4 && v2.json["page"] == 2 && v2.json["page_size"] == 3
                    && v2.json["total_pages"] == 2)
            #expect(v2.json["data"]?.arrayValue?.count == 1)
            let timed = try await g.call(
                .get, "/spend/logs/v2?account_id=\(id)&start_date=2000-01-01%2000:00:00&end_date=2100-01-01%2000:00:00")
            #expect(timed.json["total"] == 4, "\(timed.text)")
            // The report per day and team, per key, per model; the activity per day.
            let byKey = try await g.call(.get, "/global/spend/report?account_id=\(id)&\(range)&group_by=api_key")
            let keys = try #require(byKey.json.arrayValue)
            #expect(keys.count == 2 && keys.first?["api_key"]?.stringValue == KeyGenerator.hash(a), "\(byKey.text)")
            #expect(keys.first?["model_details"]?.arrayValue?.count == 2)
            let byTeam = try await g.call(.get, "/global/spend/report?account_id=\(id)&\(range)")
            #expect(byTeam.json.arrayValue?.first?["group_by_day"]?.stringValue == today, "\(byTeam.text)")
            #expect(byTeam.json.arrayValue?.first?["teams"]?.arrayValue?.first?["metadata"]?.arrayValue?.count == 2)
            let byModel = try await g.call(.get, "/global/spend/report?account_id=\(id)&\(range)&group_by=model")
            #expect(byModel.json.arrayValue?.first?["models"]?.arrayValue?.count == 2)
            let total = keys.compactMap { $0["total_cost"]?.doubleValue }.reduce(0, +)
            let teamTotal =
                byTeam.json.arrayValue?.first?["teams"]?.arrayValue?.compactMap { $0["total_spend"]?.doubleValue }
                .reduce(0, +) ?? -1
            #expect(abs(total - teamTotal) < 1e-12 && total > 0)
            let activity = try await g.call(.get, "/global/activity?account_id=\(id)&\(range)")
            #expect(activity.json["sum_api_requests"] == 4 && activity.json["daily_data"]?.arrayValue?.count == 1)
            #expect((activity.json["sum_total_tokens"]?.doubleValue ?? 0) > 0)
            let label = activity.json["daily_data"]?.arrayValue?.first?["date"]?.stringValue ?? ""
            #expect(label.count == 6 && label.hasSuffix(String(today.suffix(2))), "\(label)")
            // A key reads its own rows only; reports need an admin.
            let mine = try await g.call(.get, "/spend/logs/v2?\(range)", key: b)
            #expect(mine.json["total"] == 1)
            #expect(try await g.call(.get, "/spend/logs/v2?\(range)&api_key=\(a)", key: b).status == 403)
            #expect(try await g.call(.get, "/global/activity?\(range)", key: b).status == 403)
            #expect(try await g.call(.get, "/global/spend/report?\(range)", key: b).status == 403)
            // Another tenant's admin sees nothing of this account.
            let other = try await OtherTenant.admin(g)
            #expect(try await g.call(.get, "/spend/logs/v2?\(range)", key: other).json["total"] == 0)
            #expect(try await g.call(.get, "/global/activity?\(range)", key: other).json["sum_api_requests"] == 0)
            #expect(try await g.call(.get, "/global/activity?\(range)&account_id=\(id)", key: other).status == 404)
        }
    }

    @Test func badInput() async throws {
        try await GatewayHarness.with { g in
            let id = g.accountID.lowercased
            for path in [
                "/spend/logs/v2?account_id=\(id)", "/spend/logs/v2?account_id=\(id)&start_date=2024-01-01",
                "/spend/logs/v2?account_id=\(id)&start_date=2024-01-01&end_date=2024-01-02&page_size=1000",
                "/spend/logs/v2?account_id=\(id)&start_date=2024-01-01&end_date=2024-01-02&page=NaN",
                "/spend/logs?account_id=\(id)&page_size=0", "/spend/logs?account_id=\(id)&team_id=nope",
                "/global/spend/report?account_id=\(id)&start_date=2024-01-01&end_date=2024-01-02&group_by=planet",
                "/global/spend/report?account_id=\(id)&start_date=2024-01-01&end_date=2024-01-02&group_by=customer",
                "/global/spend/report?account_id=\(id)&start_date=2024-01-01&end_date=2024-01-02&customer_id=c1",
                "/global/spend/report?account_id=\(id)&start_date=2020-01-01&end_date=2024-01-02",
                "/global/activity?account_id=\(id)&start_date=2024-02-01&end_date=2024-01-01",
                "/global/activity?account_id=\(id)&start_date=Jan&end_date=2024-01-01",
                "/global/activity?account_id=\(id)",
            ] {
                let answer = try await g.call(.get, path)
                #expect(
                    answer.status == 400 && answer.json["error"]?["type"] == "invalid_request_error",
                    "\(path): \(answer.status) \(answer.text)")
            }
        }
    }
}
