import CockpitCore
import Foundation

/// Forms sent to the backend: what each kind creates or changes, what is reloaded, and which row is selected after.
/// A refusal throws; `apply` reopens the form with the core's message and nothing has changed.
extension CockpitApp {
    /// Creates or changes what a form describes, reloads what it changed, and selects the row.
    func submit(_ account: UUID, _ form: FormState) async throws {
        switch form.kind {
        case .organization(let domain):
            let org = try await backend.createOrganization(account: account, domain: domain, name: form.value("name"))
            try await apply(.loadOrganizations(account: account, domain: domain))
            update(account) { $0.panes[domain]?.selected = .org(org.id); $0.focus = domain }
            state.message = "created organization \(org.name)"
        case .team(let domain, let orgID):
            let team = try await backend.createTeam(account: account, domain: domain, org: orgID, name: form.value("name"))
            try await apply(.loadTeams(account: account, domain: domain, org: orgID))
            update(account) { $0.panes[domain]?.expanded.insert(.org(orgID)); $0.panes[domain]?.selected = .team(team.id) }
            state.message = "created team \(team.name)"
        case .member(let domain, let teamID):
            let admin = try Self.role(form)
            let email = form.value("email")
            let name = form.value("display_name")
            try await backend.addMember(account: account, domain: domain, team: teamID, email: email, name: name.isEmpty ? nil : name,
                                        admin: admin)
            try await apply(.loadMembers(account: account, domain: domain, team: teamID))
            let added = state.sessions[account]?.data[domain]?.members[teamID]?.first { $0.user.email == email.lowercased() }
            update(account) {
                $0.panes[domain]?.expanded.insert(.team(teamID))
                if let added { $0.panes[domain]?.selected = .member(team: teamID, user: added.user.id) }
            }
            state.message = "added \(email) to the team"
        case .key:
            let (key, secret) = try await backend.generateKey(account: account, alias: form.value("key_alias"), models: Self.list(form.value("models")))
            try await apply(.loadKeys(account: account))
            state.mode = .secret(alias: key.keyAlias ?? key.maskedKey, secret: secret)
            return
        case .rename(let domain, let node):
            try await backend.rename(account: account, domain: domain, node: node, name: form.value("name"))
            try await reload(account, domain, node)
            state.message = "renamed to \(form.value("name"))"
        case .editMember(let domain, let teamID, let userID):
            let admin = try Self.role(form)
            let name = form.value("display_name")
            try await backend.editMember(account: account, domain: domain, team: teamID, user: userID, name: name.isEmpty ? nil : name, admin: admin)
            try await apply(.loadMembers(account: account, domain: domain, team: teamID))
            state.message = "member changed"
        case .editKey(let id):
            let key = try await backend.updateKey(account: account, id: id, alias: form.value("key_alias"), models: Self.list(form.value("models")),
                                                  maxBudget: try Self.amount(form.value("max_budget")))
            try await apply(.loadKeys(account: account))
            state.mode = .keys(selected: state.session.keys?.firstIndex { $0.id == key.id } ?? 0)
            state.message = "saved key \(key.keyAlias ?? key.maskedKey)"
            return
        case .newAccount, .editAccount:
            try await submitAccount(form)
            return
        case .model(let id):
            let key = form.value("litellm_params.api_key"), base = form.value("litellm_params.api_base")
            let model = try await backend.saveModel(account: account, ModelInput(id: id, modelName: form.value("model_name"),
                                                                                  providerModel: form.value("litellm_params.model"),
                                                                                  apiBase: base.isEmpty ? nil : base, apiKey: key.isEmpty ? nil : key))
            try await apply(.loadModels(account: account))
            state.mode = .models(selected: state.session.models?.firstIndex { $0.id == model.id } ?? 0)
            state.message = "\(id == nil ? "added" : "saved") model \(model.modelName)"
            return
        }
        state.mode = .trees
    }

    /// A comma-separated list as typed.
    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// An amount in USD as typed: nil when empty.
    static func amount(_ text: String) throws -> Double? {
        guard !text.isEmpty else { return nil }
        guard let value = Double(text) else { throw CockpitError.invalid(field: "max_budget", reason: "must be a number of USD, like 500") }
        return value
    }

    /// A member form's role: member or admin (true).
    static func role(_ form: FormState) throws -> Bool {
        let role = form.value("role").lowercased()
        guard ["member", "admin"].contains(role) else { throw CockpitError.invalid(field: "team role", reason: "must be member or admin") }
        return role == "admin"
    }

    /// Creates or changes an account and goes back to the accounts list with it selected.
    private func submitAccount(_ form: FormState) async throws {
        let budget = try Self.amount(form.value("max_budget"))
        let account: Account
        if case .editAccount(let id) = form.kind {
            account = try await backend.updateAccount(id, AccountPatch(name: form.value("account_name"), domain: form.value("domain"),
                                                                       maxBudget: .some(budget)))
            state.message = "saved account \(account.name)"
        } else {
            let password = form.fields.first { $0.name == "admin_password" }?.value ?? ""
            account = try await backend.createAccount(NewAccount(name: form.value("account_name"), domain: form.value("domain"), maxBudget: budget,
                                                                 adminEmail: form.value("admin_email"), adminPassword: password.isEmpty ? nil : password))
            state.message = "created account \(account.name) (enter opens it)"
        }
        try await apply(.loadAccounts)
        state.mode = .accounts(selected: state.accounts.firstIndex { $0.id == account.id } ?? 0)
    }

    /// Reloads the level a renamed node is in.
    private func reload(_ account: UUID, _ domain: ProductDomain, _ node: NodeID) async throws {
        if case .team(let id) = node, let org = state.sessions[account]?.data[domain]?.teams.first(where: { $0.value.contains { $0.id == id } })?.key {
            try await apply(.loadTeams(account: account, domain: domain, org: org))
        } else {
            try await apply(.loadOrganizations(account: account, domain: domain))
        }
    }
}
