import CockpitCore
import Foundation

/// The forms of `:credits`. Each knows the scope it is about through its verb (`allocate|team|<id>`), and the view
/// (with its selection) to go back to.
enum CreditForms {
    /// A scope by what it is and its name: `org Eng`, `team Core`, `user dana@tree.io`, `pool`.
    static func label(_ row: CreditsOverview.Row) -> String {
        row.scope.type == .pool && row.label == "pool" ? "pool" : "\(row.scope.type.rawValue) \(row.label)"
    }

    /// An amount of micro-credits as a form shows it (`1250.5`).
    static func amount(_ micros: Int64?) -> String { micros.map { FormState.amount(Micros.decimal($0)) } ?? "" }

    /// A form's verb naming a scope, and back.
    static func verb(_ verb: String, _ scope: CreditScope) -> String { "\(verb)|\(scope.type.rawValue)|\(scope.id)" }
    static func scope(_ verb: String) -> (verb: String, scope: CreditScope?) {
        let parts = verb.split(separator: "|", maxSplits: 2).map(String.init)
        guard parts.count == 3, let type = CreditScopeType(rawValue: parts[1]) else { return (verb, nil) }
        return (parts[0], CreditScope(type: type, id: parts[2]))
    }

    static func make(
        _ verb: String, title: String, _ fields: [FormState.Field], _ returnTo: ScreenState
    ) -> FormState {
        var form = CreditsScreen.form(verb, title: title, fields: fields)
        form.returnTo = returnTo
        return form
    }

    static func account(_ o: CreditsOverview, _ returnTo: ScreenState) -> FormState {
        let a = o.allocation
        return make(
            "account", title: "the account's copilot credits (super-admin)",
            [
                .init(name: "monthly_credits", label: "monthly credits", value: amount(a?.monthlyCredits ?? 0)),
                .init(
                    name: "overflow_limit", label: "overflow limit", value: amount(a?.overflowLimit ?? 0),
                    hint: "credits allowed past the month's"),
                .init(
                    name: "credit_factor", label: "credit factor", value: FormState.amount(a?.creditFactor ?? 1),
                    hint: "credits per USD of raw cost"),
            ], returnTo)
    }

    static func plan(_ returnTo: ScreenState) -> FormState {
        make(
            "plan", title: "a new active plan",
            [
                .init(name: "name", label: "plan name"),
                .init(name: "cycle", label: "cycle", value: "monthly", hint: "monthly or quarterly"),
            ], returnTo)
    }

    static func allocate(
        _ row: CreditsOverview.Row, _ item: EffectiveAllocation.Item?, _ returnTo: ScreenState
    ) -> FormState {
        make(
            verb("allocate", row.scope), title: "allocate credits to \(label(row))",
            [
                .init(name: "allocated_credits", label: "credits", value: amount(item?.baseAllocated)),
                .init(
                    name: "overflow_cap", label: "overflow cap", value: amount(item?.overflowCap),
                    hint: "credits it may overrun by; empty = none"),
            ], returnTo)
    }

    static func override(
        _ row: CreditsOverview.Row, _ item: EffectiveAllocation.Item?, _ returnTo: ScreenState
    ) -> FormState {
        make(
            verb("override", row.scope), title: "override the allocation of \(label(row))",
            [
                .init(
                    name: "override_credits", label: "credits",
                    hint: item.map { "instead of its allocation of \(CreditText.of($0.baseAllocated))" }
                        ?? "it has no allocation: an override counts only over one"),
                .init(name: "reason", label: "reason", hint: "why, for the audit and the next admin"),
            ], returnTo)
    }

    static func distribute(
        _ row: CreditsOverview.Row, _ children: (type: CreditScopeType, ids: [String], noun: String),
        _ returnTo: ScreenState
    ) -> FormState {
        make(
            verb("distribute", row.scope),
            title: "split credits equally over the \(children.ids.count) \(children.noun) of \(label(row))",
            [
                .init(name: "total_credits", label: "total credits", hint: "each gets total ÷ \(children.ids.count)"),
                .init(name: "overflow_cap", label: "overflow cap", hint: "for each; empty = none"),
            ], returnTo)
    }

    /// The renewal: the period closed (the current month by default), the new plan's name, the rollover cap.
    static func renew(_ plan: CreditPlan, now: Date, _ returnTo: ScreenState) -> FormState {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let start = utc.date(from: utc.dateComponents([.year, .month], from: now)) ?? now
        let end = utc.date(byAdding: .month, value: 1, to: start) ?? now
        return make(
            "renew", title: "renew plan \(plan.name)",
            [
                .init(name: "cycle_start", label: "cycle start", value: Timestamp.day(start), hint: "YYYY-MM-DD"),
                .init(name: "cycle_end", label: "cycle end", value: Timestamp.day(end), hint: "YYYY-MM-DD, after it"),
                .init(
                    name: "new_plan_name", label: "new plan name",
                    hint: "empty = \(plan.name) (\(Timestamp.day(end)))"),
                .init(name: "rollover_cap", label: "rollover cap", hint: "most unallocated credits kept; empty = all"),
                .init(name: "copy_overrides", label: "copy overrides", value: "no", hint: "yes or no"),
            ], returnTo)
    }

    /// What must be typed to renew: the plan's name when it is easy to type, else `renew`.
    static func confirmation(_ plan: CreditPlan) -> String {
        let name = plan.name
        let typable =
            !name.isEmpty && name.count <= 40 && name == name.trimmingCharacters(in: .whitespaces)
            && name.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }
        return typable ? name : "renew"
    }
}
