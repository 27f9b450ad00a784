import CockpitAPI
import CockpitCore
import Foundation

/// What `:credits`'s forms and questions send to the backend; every refusal is the core's, shown in the form.
extension CreditsScreen {
    static func submit(_ c: ScreenContext, _ form: FormState, verb raw: String, id: UUID?) async throws -> ScreenUpdate
    {
        let account = try c.requireAccount(), backend = c.backend
        let back = form.returnTo ?? ScreenState(name: name)
        let (verb, scope) = CreditForms.scope(raw)
        let o = overview(c.state)
        let plan = o?.plan?.id
        func credits(_ field: String, label: String) throws -> Double {
            guard let value = try FormState.amount(form.value(field), field: label) else {
                throw CockpitError.invalid(field: label, reason: "is required")
            }
            return value
        }
        func required<T>(_ value: T?) throws -> T {
            guard let value else { throw CockpitError.invalid(field: "plan", reason: "no active plan: n creates one") }
            return value
        }
        let message: String
        switch verb {
        case "account":
            let monthly = try credits("monthly_credits", label: "monthly credits")
            try await backend.setCreditAllocation(
                account: account, monthlyCredits: monthly,
                overflowLimit: try FormState.amount(form.value("overflow_limit"), field: "overflow limit") ?? 0,
                creditFactor: try FormState.amount(form.value("credit_factor"), field: "credit factor") ?? 1)
            message = "the account's allocation is \(CreditText.of(Micros.from(monthly) ?? 0)) credits a month"
        case "plan":
            let cycle = form.value("cycle")
            let created = try await backend.createCreditPlan(
                account: account, name: form.value("name"), cycle: cycle.isEmpty ? "monthly" : cycle)
            message = "plan \(created.name) is active"
        case "allocate":
            let scope = try required(scope)
            try await backend.allocateCredits(
                account: account, plan: try required(plan), scope: scope,
                credits: try credits("allocated_credits", label: "credits"),
                overflowCap: try FormState.amount(form.value("overflow_cap"), field: "overflow cap"))
            message = "allocated \(form.value("allocated_credits")) credits to \(label(scope, o))"
        case "override":
            let scope = try required(scope)
            let reason = form.value("reason")
            try await backend.addCreditOverride(
                account: account, plan: try required(plan), scope: scope,
                credits: try credits("override_credits", label: "credits"), reason: reason.isEmpty ? nil : reason)
            message = "\(label(scope, o)) overridden to \(form.value("override_credits")) credits"
        case "distribute":
            let scope = try required(scope)
            guard let children = o?.rows.first(where: { $0.scope == scope })?.children, !children.ids.isEmpty else {
                throw CockpitError.invalid(field: "scope", reason: "has nothing under it to split credits over")
            }
            let share = try await backend.distributeCredits(
                account: account, plan: try required(plan), type: children.type, ids: children.ids,
                total: try credits("total_credits", label: "total credits"),
                overflowCap: try FormState.amount(form.value("overflow_cap"), field: "overflow cap"))
            message =
                "\(CreditText.of(share)) credits each to the \(children.ids.count) \(children.noun) of \(label(scope, o))"
        case "renew": return try renewal(c, form, back)
        default: throw CockpitError.invalid(field: "form", reason: "credits has no form \(verb)")
        }
        var update = try await load(c, back)
        update.state = {
            $0.mode = .screen(back)
            $0.message = message
        }
        return update
    }

    /// The renewal's form checked, then the typed confirmation that sends it.
    static func renewal(_ c: ScreenContext, _ form: FormState, _ back: ScreenState) throws -> ScreenUpdate {
        guard let plan = overview(c.state)?.plan else {
            throw CockpitError.invalid(field: "plan", reason: "no active plan to renew")
        }
        for field in ["cycle_start", "cycle_end"] where CycleRenew.time(form.value(field)) == nil {
            throw CockpitError.invalid(
                field: field.replacingOccurrences(of: "_", with: " "), reason: "must be a date like 2027-01-01")
        }
        let copy: Bool
        switch form.value("copy_overrides").lowercased() {
        case "", "no", "n", "false": copy = false
        case "yes", "y", "true": copy = true
        default: throw CockpitError.invalid(field: "copy overrides", reason: "must be yes or no")
        }
        let newName = form.value("new_plan_name")
        let request = CycleRenew(
            cycleStart: form.value("cycle_start"), cycleEnd: form.value("cycle_end"),
            newPlanName: newName.isEmpty ? nil : newName,
            rolloverCap: try FormState.amount(form.value("rollover_cap"), field: "rollover cap"), copyOverrides: copy)
        let text = String(decoding: try APIJSON.encode(request), as: UTF8.self)
        let word = CreditForms.confirmation(plan)
        let opening = newName.isEmpty ? "\(plan.name) (\(String(request.cycleEnd.prefix(10))))" : newName
        let kept = request.rolloverCap.map { "at most \(FormState.amount($0))" } ?? "all"
        let confirm = ConfirmState(
            title: "renew \(plan.name) for \(request.cycleStart) → \(request.cycleEnd)?\nopens \(opening)\n"
                + "unallocated credits into the pool: \(kept) · overrides \(copy ? "copied" : "not copied")",
            expected: word, effect: .perform(name, account: c.account, ScreenCommand("renew", text: text)),
            returnTo: .screen(back))
        return ScreenUpdate(state: { $0.mode = .confirm(confirm) })
    }

    /// A confirmed action; the core's refusal is put in the status line as the core worded it.
    static func perform(_ c: ScreenContext, _ command: ScreenCommand) async throws -> ScreenUpdate {
        do {
            return try await performing(c, command)
        } catch let error as CockpitError {
            let verb = command.verb == "renew" ? "renewal" : "removing the override"
            return ScreenUpdate(state: { $0.message = "\(verb) refused: \(error.message)" })
        }
    }

    static func performing(_ c: ScreenContext, _ command: ScreenCommand) async throws -> ScreenUpdate {
        let account = try c.requireAccount()
        switch command.verb {
        case "deleteOverride":
            guard let id = command.id else { break }
            try await c.backend.deleteCreditOverride(account: account, id: id)
            var update = try await load(c, screenState(c.state))
            update.state = { $0.message = "override removed" }
            return update
        case "renew":
            guard let text = command.text else { break }
            let request = try APIJSON.decode(CycleRenew.self, from: Data(text.utf8))
            let (plan, summary) = try await c.backend.renewCredits(account: account, request)
            let history = ScreenState(name: name, argument: "history")
            var update = try await load(c, history)
            update.state = {
                $0.mode = .screen(history)
                $0.message =
                    "renewed: plan \(plan.name) is active · used \(CreditText.of(summary.usedCredits)) of "
                    + "\(CreditText.of(summary.monthlyCredits)) · rolled over \(CreditText.of(summary.rolloverCredits)) "
                    + "· overflow charge \(CreditText.of(summary.overflowChargeCredits))"
            }
            return update
        default: break
        }
        throw CockpitError.invalid(field: "action", reason: "credits cannot \(command.verb)")
    }

    /// The view as it is on screen (its selection kept), or from its top.
    static func screenState(_ s: CockpitState) -> ScreenState {
        if case .screen(let screen) = s.mode, screen.name == name { return screen }
        return ScreenState(name: name)
    }

    /// A scope by name, as the tree has it.
    static func label(_ scope: CreditScope, _ o: CreditsOverview?) -> String {
        o?.rows.first { $0.scope == scope }.map(CreditForms.label) ?? "\(scope.type.rawValue) \(scope.id.prefix(8))"
    }
}
