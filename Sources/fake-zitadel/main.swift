import CockpitCore
import CockpitTesting
import Foundation
import Hummingbird

// fake-zitadel [--port N] [--org ORG_ID] [--project PROJECT_ID]: runs the fake Zitadel of the tests on a loopback
// port for demos: discovery, JWKS, introspection and the management subset. Prints the settings to export and a
// token for an org admin of ORG_ID, valid for an hour.
var options: [String: String] = [:]
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.first, flag.hasPrefix("--"), arguments.count >= 2 {
    options[String(flag.dropFirst(2))] = arguments.dropFirst().first!
    arguments = arguments.dropFirst(2)
}
let port = Int(options["port"] ?? "") ?? 8088
let organization = options["org"] ?? "244300000000000777"
let project = options["project"] ?? "244300000000000001"

let fake = try await FakeZitadel()
let management = FakeZitadelManagement()
let router = fake.router()
management.register(on: router)
let issuer = "http://127.0.0.1:\(port)"
await fake.setIssuer(issuer)
await management.addUser(email: "admin@acme.io")
let token = try await fake.mint(
    await fake.claims(organization: organization, roles: ["account_admin", "console_org_admin"], projectID: project))
FileHandle.standardOutput.write(
    Data(
        """
        fake Zitadel on \(issuer) (Ctrl-C stops it)
        export ZITADEL_ISSUER=\(issuer) ZITADEL_PROJECT_ID=\(project) ZITADEL_PAT=\(await management.pat)
        export ZITADEL_INTROSPECTION_CLIENT_ID=introspector ZITADEL_INTROSPECTION_CLIENT_SECRET=introspection-secret
        link an account: PUT /v1/accounts/{id}/zitadel/config {"enabled": true, "organization_id": "\(organization)"}
        token of an admin of organization \(organization):
        \(token)

        """.utf8))
let app = Application(
    router: router, configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "fake-zitadel"))
try await app.runService()
