@testable import CockpitCore
@testable import CockpitTUI
import Foundation
import Testing

/// `:agents`, `:connections` and `:marketplace` at 80×24 and 160×48: each list with the selected row's details (grants
/// by scope with names from the tree, who can use it, marketplace state; a connection's config URLs, "secret: set",
/// its last test), a filtered list, and a form of each (the agent's definition and the connection's config in
/// multi-line fields with their inline check; the connection's secret typed as dots only).
@Suite struct CatalogViewSnapshotTests {
    static let sizes = CreditViewSnapshotTests.sizes

    static func frame(_ s: CockpitState, _ size: String) -> ScreenBuffer {
        ViewSnapshotTests.frame(s, ViewSnapshotTests.parse(size))
    }

    @Test(arguments: sizes)
    func agents(size: String) {
        var s = CatalogFixture.state()
        s.mode = .screen(ScreenState(name: AgentsScreen.name))
        Snapshot.check("agents-\(size)", Self.frame(s, size))
        var filtered = ScreenState(name: AgentsScreen.name)
        filtered.filter = "tox"
        filtered.selected = 1
        s.mode = .screen(filtered)
        Snapshot.check("agents-filtered-\(size)", Self.frame(s, size))
    }

    @Test(arguments: sizes)
    func agentForm(size: String) {
        var s = CatalogFixture.state()
        let o = AgentsScreen.overview(s)!
        var form = AgentForms.agent(o.agents[0], o, ScreenState(name: AgentsScreen.name))
        form.focus = 2
        form.fields[2].value += "\n{"
        s.mode = .form(form)
        Snapshot.check("agent-form-\(size)", Self.frame(s, size))
    }

    @Test(arguments: sizes)
    func connections(size: String) {
        var s = CatalogFixture.state()
        s.mode = .screen(ScreenState(name: ConnectionsScreen.name))
        Snapshot.check("connections-\(size)", Self.frame(s, size))
    }

    @Test(arguments: sizes)
    func connectionFormWithASecretTyped(size: String) {
        var s = CatalogFixture.state()
        var form = ConnectionForms.connection(nil, ScreenState(name: ConnectionsScreen.name))
        form.fields[1].value = "Petstore"
        form.fields[5].value = "{\n  \"spec_url\": \"https://petstore.example/openapi.json\"\n}"
        form.fields[7].value = "sk-never-shown"
        form.focus = 7
        s.mode = .form(form)
        let frame = Self.frame(s, size)
        Snapshot.check("connection-form-\(size)", frame)
        #expect(!Snapshot.text(frame).contains("sk-never-shown") && Snapshot.text(frame).contains("••••"))
    }

    @Test(arguments: sizes)
    func marketplace(size: String) {
        var s = CatalogFixture.state()
        s.mode = .screen(ScreenState(name: MarketplaceScreen.name))
        Snapshot.check("marketplace-\(size)", Self.frame(s, size))
        s.mode = .form(
            MarketplaceForms.listing(nil, MarketplaceScreen.overview(s)!, ScreenState(name: MarketplaceScreen.name)))
        Snapshot.check("marketplace-form-\(size)", Self.frame(s, size))
    }
}
