@testable import CockpitCore
@testable import CockpitTUI
import Foundation
import Testing

/// What the catalog views compute from the copilot tree and the data: who grants reach (users, teams → members,
/// organizations → the members of their teams, the account → everyone in the tree), scopes typed in a form by name
/// or id, a connection's config URLs (and nothing else of it), the question `c` kept in a view's argument, and wrapped
/// detail lines.
@Suite struct CatalogModelTests {
    static let o = CatalogOverview.of(CatalogFixture.state(), AgentsScreen.name)!
    static let account = Fixture.uuid(1)
    static func scope(_ t: CatalogScopeType, _ n: Int) -> CatalogScope { CatalogFixture.scope(t, n) }

    @Test func grantsReachUsersThroughTheTree() {
        let reach = Self.o.reach
        #expect(reach.reached([Self.scope(.user, 36)]) == ["carol@acme.io"])
        #expect(reach.reached([Self.scope(.team, 31)]) == ["ana@acme.io", "bob@acme.io"])
        #expect(reach.reached([Self.scope(.org, 32)]) == ["carol@acme.io"], "the members of the org's teams")
        #expect(
            reach.reached([Self.scope(.org, 30), Self.scope(.user, 34)]) == ["ana@acme.io", "bob@acme.io"], "a union")
        #expect(reach.reached([CatalogScope(type: .account, id: Self.account.lowercased)]).count == 3)
        #expect(reach.reached([Self.scope(.user, 99)]) == [String(Fixture.uuid(99).lowercased.prefix(8))])
        #expect(reach.reached([]) == [])
    }

    @Test func scopesAreNamedAndReadBack() throws {
        let reach = Self.o.reach, account = Self.account
        #expect(
            reach.label(Self.scope(.team, 31)) == "team Support"
                && reach.label(Self.scope(.user, 34)) == "user ana@acme.io")
        #expect(reach.label(CatalogScope(type: .account, id: account.lowercased)) == "the account")
        #expect(reach.text(.team(Fixture.uuid(31))) == "team Support" && reach.text(nil) == "account")
        #expect(reach.text(.member(team: Fixture.uuid(31), user: Fixture.uuid(35))) == "user bob@acme.io")
        #expect(try reach.scope("team support", account: account) == Self.scope(.team, 31))
        #expect(try reach.scope("org Research", account: account) == Self.scope(.org, 32))
        #expect(try reach.scope("user CAROL@acme.io", account: account) == Self.scope(.user, 36))
        #expect(try reach.scope("user \(Fixture.uuid(77).uuidString)", account: account) == Self.scope(.user, 77))
        #expect(try reach.scope("account", account: account) == CatalogScope(type: .account, id: account.lowercased))
        #expect(throws: CockpitError.invalid(field: "scope", reason: "names no team of the copilot tree: Nope")) {
            try reach.scope("team Nope", account: account)
        }
        #expect(
            throws: CockpitError.invalid(field: "scope", reason: "must be account, org NAME, team NAME or user EMAIL")
        ) {
            try reach.scope("everyone", account: account)
        }
        #expect(throws: CockpitError.invalid(field: "scope", reason: "is required")) {
            try reach.scope(" ", account: account)
        }
        // Two teams of one name: typed by id, and the form starts with the id.
        var tree = Self.o.tree
        tree.teams[Fixture.uuid(32)]!.append(
            Fixture.team(38, Fixture.org(32, CatalogFixture.state().accounts[0], .copilot, "Research"), "Support"))
        let twice = TreeReach(tree)
        #expect(
            throws: CockpitError.invalid(field: "scope", reason: "names 2 teams called Support: type its id instead")
        ) {
            try twice.scope("team Support", account: account)
        }
        #expect(twice.text(.team(Fixture.uuid(31))) == "team \(Fixture.uuid(31).lowercased)")
    }

    @Test func aConnectionShowsItsURLsNotItsOtherValues() {
        let jira = Self.o.connections[0], mcp = Self.o.connections[1]
        #expect(jira.urls.map(\.path) == ["base_url", "spec_url"])
        #expect(mcp.urls.map { "\($0.path) \($0.url)" } == ["mcpServers.github.url https://mcp.github.example/sse"])
        #expect(ConnectionsView.config(jira).hasSuffix("also timeout") && !ConnectionsView.config(jira).contains("30"))
        var inline = jira
        inline.config = [
            "spec": "{\"openapi\": \"3\"}", "servers": [["url": "https://a.example"]], "token": "t0ps3cret",
        ]
        #expect(inline.urls.map(\.path) == ["servers[0].url"])
        #expect(!ConnectionsView.config(inline).contains("t0ps3cret"), "values other than URLs are never shown")
        #expect(ConnectionsView.secret(true) == "set (sealed; never shown)" && ConnectionsView.secret(false) == "none")
    }

    @Test func theQuestionLivesInTheArgument() {
        let member = CatalogAsk(node: .member(team: Fixture.uuid(31), user: Fixture.uuid(34)))!
        #expect(CatalogAsk(argument: member.argument) == member && member.user == Fixture.uuid(34))
        #expect(member.label(Self.o.reach) == "user ana@acme.io")
        let scopes = member.discoverScopes(Self.o.tree)
        #expect(scopes.org == Fixture.uuid(30) && scopes.team == Fixture.uuid(31) && scopes.user == Fixture.uuid(34))
        #expect(CatalogAsk(node: .team(Fixture.uuid(33)))!.discoverScopes(Self.o.tree).org == Fixture.uuid(32))
        #expect(
            CatalogAsk(node: nil) == nil && CatalogAsk(argument: "member x y") == nil
                && CatalogAsk(argument: nil) == nil)
    }

    @Test func detailsWrapAtSeparators() {
        #expect(CatalogView.wrap("aaa · bbb · ccc", cells: 10) == ["aaa ·", "bbb · ccc"])
        #expect(CatalogView.wrap("one two three four", cells: 9) == ["one two", "three", "four"])
        #expect(CatalogView.wrap("abcdefghijkl", cells: 5) == ["abcde", "fghij", "kl"])
        #expect(CatalogView.names(["a", "b", "c"], limit: 2) == "a, b and 1 more")
    }
}
