import CockpitCore
import Foundation

/// The trees' forms sent to the backend: what each creates or changes, what is reloaded, and which row is selected
/// after (a registered view's forms go to the view). A refusal throws; `apply` reopens the form with the core's message
/// and nothing has changed.
extension CockpitApp {
    /// Creates or changes what a form describes, reloads what it changed, and selects the row.
    func submit(_ chosen: UUID?, _ form: FormState) async throws {
        if case .screen(let name, let verb, let id) = form.kind {
            guard let view = Screens.named(name) else {
                throw CockpitError.invalid(field: "form", reason: "no view \(name)")
            }
            try await run(view.submit(context(chosen), form, verb: verb, id: id), account: chosen)
            return
        }
        guard let account = chosen else {
            throw CockpitError.invalid(field: "account", reason: "choose an account first (a)")
        }
        switch form.kind {
        case .organization(let domain):
            let org = try await backend.createOrganization(account: account, domain: domain, name: form.value("name"))
            try await apply(.loadOrganizations(account: account, domain: domain))
            update(account) {
                $0.panes[domain]?.selected = .org(org.id); $0.focus = domain
            }
            state.message = "created organization \(org.name)"
        case .team(let domain, let orgID):
            let team = try await backend.createTeam(
                account: account, domain: domain, org: orgID, name: form.value("name"))
            try await apply(.loadTeams(account: account, domain: domain, org: orgID))
            update(account) {
                $0.panes[domain]?.expanded.insert(.org(orgID)); $0.panes[domain]?.selected = .team(team.id)
            }
            state.message = "created team \(team.name)"
        case .member(let domain, let teamID):
            let admin = try form.isAdminRole()
            let email = form.value("email")
            let name = form.value("display_name")
            try await backend.addMember(
                account: account, domain: domain, team: teamID, email: email, name: name.isEmpty ? nil : name,
                admin: admin)
            try await apply(.loadMembers(account: account, domain: domain, team: teamID))
            let added = state.sessions[account]?.data[domain]?.members[teamID]?.first {
                $0.user.email == email.lowercased()
            }
            update(account) {
                $0.panes[domain]?.expanded.insert(.team(teamID))
                if let added { $0.panes[domain]?.selected = .member(team: teamID, user: added.user.id) }
            }
            state.message = "added \(email) to the team"
        case .rename(let domain, let node):
            try await backend.rename(account: account, domain: domain, node: node, name: form.value("name"))
            try await reload(account, domain, node)
            state.message = "renamed to \(form.value("name"))"
        case .editMember(let domain, let teamID, let userID):
            let admin = try form.isAdminRole()
            let name = form.value("display_name")
            try await backend.editMember(
                account: account, domain: domain, team: teamID, user: userID, name: name.isEmpty ? nil : name,
                admin: admin)
            try await apply(.loadMembers(account: account, domain: domain, team: teamID))
            state.message = "member changed"
        case .screen: return
        }
        state.mode = .trees
    }

    /// Reloads the level a renamed node is in.
    private func reload(_ account: UUID, _ domain: ProductDomain, _ node: NodeID) async throws {
        if case .team(let id) = node,
            let org = state.sessions[account]?.data[domain]?.teams.first(where: { $0.value.contains { $0.id == id } })?
                .key
        {
            try await apply(.loadTeams(account: account, domain: domain, org: org))
        } else {
            try await apply(.loadOrganizations(account: account, domain: domain))
        }
    }
}
