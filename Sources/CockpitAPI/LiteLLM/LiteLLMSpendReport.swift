import CockpitCore
import Foundation

/// `/global/spend/report`'s answers in LiteLLM's shapes, and its day labels.
public enum LiteLLMSpendReport {
    /// By team: `[{group_by_day, teams: [{team_name, total_spend, metadata: [{model, spend, total_tokens}]}]}]`
    /// (cockpit adds `team_id`). By key, over the whole range: `[{api_key, total_cost, total_input_tokens,
    /// total_output_tokens, model_details: [{model, total_cost, total_input_tokens, total_output_tokens}]}]`. By
    /// model (cockpit's own): `[{group_by_day, models: [{model, total_spend, total_tokens, api_requests}]}]`.
    public static func json(_ report: ReportService.DailyReport, groupBy: SpendDimension) -> JSONValue {
        switch groupBy {
        case .key: return keys(report.rows)
        case .model:
            return .array(
                days(report.rows).map { day, rows in
                    [
                        "group_by_day": .string(day),
                        "models": .array(
                            groups(rows).compactMap(\.1.first).map {
                                [
                                    "model": .string($0.model), "total_spend": .number($0.cost),
                                    "total_tokens": .number(Double($0.promptTokens + $0.completionTokens)),
                                    "api_requests": .number(Double($0.requests)),
                                ]
                            }),
                    ]
                })
        default:
            return .array(
                days(report.rows).map { day, rows in
                    let teams = groups(rows).map { team, models -> JSONValue in
                        [
                            "team_id": team.isEmpty ? .null : .string(team),
                            "team_name": report.teamNames[team].map(JSONValue.string) ?? .null,
                            "total_spend": .number(models.reduce(0) { $0 + $1.cost }),
                            "metadata": .array(
                                models.map {
                                    [
                                        "model": .string($0.model), "spend": .number($0.cost),
                                        "total_tokens": .number(Double($0.promptTokens + $0.completionTokens)),
                                    ]
                                }),
                        ]
                    }
                    return ["group_by_day": .string(day), "teams": .array(teams)]
                })
        }
    }

    /// LiteLLM's `/global/activity` day label: `Jan 05` for `2024-01-05`.
    public static func label(_ day: String) -> String {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let parts = day.split(separator: "-")
        guard parts.count == 3, let m = Int(parts[1]), (1...12).contains(m) else { return day }
        return "\(months[m - 1]) \(parts[2])"
    }

    private static func keys(_ rows: [SpendReportRow]) -> JSONValue {
        var models: [String: [String: (cost: Double, input: Int64, output: Int64)]] = [:]
        for r in rows {
            var m = models[r.group, default: [:]][r.model] ?? (0, 0, 0)
            m = (m.cost + r.cost, m.input + r.promptTokens, m.output + r.completionTokens)
            models[r.group, default: [:]][r.model] = m
        }
        let list = models.map { key, byModel -> (String, Double, JSONValue) in
            let cost = byModel.values.reduce(0) { $0 + $1.cost }
            let details: [JSONValue] = byModel.keys.sorted().map { name in
                let m = byModel[name]!
                return [
                    "model": .string(name), "total_cost": .number(m.cost),
                    "total_input_tokens": .number(Double(m.input)), "total_output_tokens": .number(Double(m.output)),
                ]
            }
            return (
                key, cost,
                [
                    "api_key": .string(key), "total_cost": .number(cost),
                    "total_input_tokens": .number(Double(byModel.values.reduce(0) { $0 + $1.input })),
                    "total_output_tokens": .number(Double(byModel.values.reduce(0) { $0 + $1.output })),
                    "model_details": .array(details),
                ]
            )
        }
        return .array(list.sorted { ($0.1, $1.0) > ($1.1, $0.0) }.map(\.2))
    }

    /// Rows per day, in day order (the rows come sorted).
    private static func days(_ rows: [SpendReportRow]) -> [(String, [SpendReportRow])] {
        var out: [(String, [SpendReportRow])] = []
        for r in rows {
            if out.last?.0 == r.day { out[out.count - 1].1.append(r) } else { out.append((r.day, [r])) }
        }
        return out
    }

    /// A day's rows per group (domains of one group merged), in group order; models summed across domains.
    private static func groups(_ rows: [SpendReportRow]) -> [(String, [SpendReportRow])] {
        var out: [(String, [SpendReportRow])] = []
        for r in rows.sorted(by: { ($0.group, $0.model) < ($1.group, $1.model) }) {
            if out.last?.0 == r.group {
                if let i = out[out.count - 1].1.firstIndex(where: { $0.model == r.model }) {
                    out[out.count - 1].1[i].cost += r.cost
                    out[out.count - 1].1[i].promptTokens += r.promptTokens
                    out[out.count - 1].1[i].completionTokens += r.completionTokens
                    out[out.count - 1].1[i].requests += r.requests
                } else {
                    out[out.count - 1].1.append(r)
                }
            } else {
                out.append((r.group, [r]))
            }
        }
        return out
    }
}
