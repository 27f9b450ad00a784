import CockpitCore
import Foundation

/// The store benchmark: imports 100,000 users and 10,000 teams per tree, then times lookups and keyset pages
/// through the same services the API and the cockpit use.
struct StoreBenchmark {
    let database: Database
    let users: Int
    let teams: Int
    let organizations: Int
    let lookups: Int
    /// Import and print sample ids (for the server benchmark), without timing lookups.
    var importOnly = false

    func run() async throws {
        let cockpit = Cockpit(settings: Settings(environment: [:], dotenvPath: nil), database: database)
        try await cockpit.migrations.migrate()
        let account = try await cockpit.accounts.create(
            NewAccount(
                name: "Bench \(UUID().uuidString.prefix(8))",
                domain: "bench-\(UUID().uuidString.prefix(8).lowercased()).io",
                adminEmail: "admin@bench.io")
        ).account.id
        print("store: \(database.location)")
        for domain in ProductDomain.allCases {
            let input = makeImport(domain)
            let (result, seconds) = try await measure {
                try await cockpit.directory.importTree(account: account, domain: domain, input)
            }
            print(
                String(
                    format: "import %@: %d orgs, %d teams, %d users, %d memberships in %.2f s (%.0f users/s)",
                    domain.rawValue,
                    result.organizations, result.teams, result.users, result.memberships, seconds,
                    Double(result.users) / seconds))
        }
        let dir = cockpit.directory
        if importOnly {
            let org = try await dir.organizations(account: account, domain: .console, page: PageRequest(limit: 1))
                .items[0]
            let team = try await dir.teams(
                account: account, domain: .console, orgID: org.id, page: PageRequest(limit: 1)
            ).items[0]
            let user = try await dir.users(account: account, domain: .console, page: PageRequest(limit: 1)).items[0]
            print(
                "ids: account=\(account.lowercased) org=\(org.id.lowercased) team=\(team.id.lowercased) user=\(user.id.lowercased)"
            )
            return
        }
        // Every user id of the console tree, walked page by page: each page of 100 is one timed call.
        var pages = Samples(), ids: [UUID] = [], cursor: String?
        repeat {
            let (page, seconds) = try await measure {
                try await dir.users(account: account, domain: .console, page: PageRequest(limit: 100, cursor: cursor))
            }
            pages.add(seconds)
            ids += page.items.map(\.id)
            cursor = page.nextCursor
        } while cursor != nil
        print("list users, keyset pages of 100 (whole tree, \(ids.count) users): \(pages.summary)")

        var rng = SeededRandom(seed: 42)
        var gets = Samples()
        for _ in 0..<lookups {
            let id = ids.randomElement(using: &rng)!
            let (_, seconds) = try await measure { try await dir.user(account: account, domain: .console, id: id) }
            gets.add(seconds)
        }
        print("get user by id: \(gets.summary)")

        var orgIDs: [UUID] = [], orgCursor: String?
        repeat {
            let page = try await dir.organizations(
                account: account, domain: .console, page: PageRequest(limit: 100, cursor: orgCursor))
            orgIDs += page.items.map(\.id)
            orgCursor = page.nextCursor
        } while orgCursor != nil
        var teamPages = Samples(), teamIDs: [UUID] = []
        for _ in 0..<min(lookups, 1000) {
            let org = orgIDs.randomElement(using: &rng)!
            let (page, seconds) = try await measure {
                try await dir.teams(account: account, domain: .console, orgID: org, page: PageRequest(limit: 100))
            }
            teamPages.add(seconds)
            teamIDs += page.items.prefix(2).map(\.id)
        }
        print("list teams of an organization, page of 100: \(teamPages.summary)")
        var memberPages = Samples()
        for _ in 0..<min(lookups, 1000) {
            let team = teamIDs.randomElement(using: &rng)!
            let (_, seconds) = try await measure {
                try await dir.members(account: account, domain: .console, teamID: team, page: PageRequest(limit: 100))
            }
            memberPages.add(seconds)
        }
        print("list members of a team, page of 100: \(memberPages.summary)")
    }

    /// Organizations with teams spread evenly, and users each in one team, with realistic, varied names.
    private func makeImport(_ domain: ProductDomain) -> DirectoryImport {
        var rng = SeededRandom(seed: domain == .console ? 1 : 2)
        let orgs = (0..<organizations).map { "Org \($0)" }
        let teamRefs = (0..<teams).map {
            DirectoryImport.ImportedTeamRef(org: orgs[$0 % organizations], team: "Team \($0)")
        }
        let first = [
            "Alice", "Bob", "Chloé", "Dmitri", "Eva", "Farid", "Grace", "Hiro", "Ines", "José", "Mei", "Nils", "Priya",
            "Søren", "李娜",
        ]
        let last = [
            "Anderson", "Brown", "Chen", "Dubois", "García", "Ito", "Jensen", "Kowalski", "Müller", "Nakamura", "Rossi",
            "Tanaka",
        ]
        let users = (0..<self.users).map { i in
            DirectoryImport.ImportedUser(
                email: "user\(i)@bench.io",
                displayName: "\(first.randomElement(using: &rng)!) \(last.randomElement(using: &rng)!) \(i)",
                teams: [teamRefs.randomElement(using: &rng)!])
        }
        return DirectoryImport(organizations: orgs, teams: teamRefs, users: users)
    }
}
