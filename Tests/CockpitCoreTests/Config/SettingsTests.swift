@testable import CockpitCore
import Foundation
import Testing

@Suite struct SettingsTests {
    @Test func dotenvParsesTheUsualForms() {
        let vars = DotEnv.parse(
            """
            # comment
            export DATABASE_URL=postgres://u:p@h/db
            UI_USERNAME = 'root'
            UI_PASSWORD="s3cret \\"quoted\\""
            PORT=4100 # trailing comment
            not a line
            EMPTY=
            """)
        #expect(vars["DATABASE_URL"] == "postgres://u:p@h/db")
        #expect(vars["UI_USERNAME"] == "root")
        #expect(vars["UI_PASSWORD"] == "s3cret \"quoted\"")
        #expect(vars["PORT"] == "4100")
        #expect(vars["EMPTY"] == "")
        #expect(vars.count == 5)
    }

    @Test func environmentBeatsDotenvWhichBeatsDefaults() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cockpit-\(UUID()).env")
        try "PORT=5000\nLITELLM_MASTER_KEY=sk-from-file-123456\nCOCKPIT_HOME=/srv/cockpit\n".write(
            to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let s = Settings(environment: ["PORT": "6000", "COCKPIT_SALT_KEY": "salt-from-alias"], dotenvPath: file.path)
        #expect(s["PORT"] == "6000")
        #expect(s["LITELLM_MASTER_KEY"] == "sk-from-file-123456")
        #expect(s["LITELLM_SALT_KEY"] == "salt-from-alias")
        #expect(s["HOST"] == "127.0.0.1")
        #expect(s.defaultSQLitePath == "/srv/cockpit/cockpit.db")
        #expect(s.credentialSecret == "salt-from-alias")
        let entry = try #require(s.entries.first { $0.definition.name == "LITELLM_SALT_KEY" })
        #expect(entry.source == .environment("COCKPIT_SALT_KEY"))
        #expect(s.entries.first { $0.definition.name == "HOST" }?.source == .defaultValue)
        #expect(s.entries.first { $0.definition.name == "UI_PASSWORD" }?.source == .unset)
    }

    @Test func yesNoSettingsRefuseAnythingElseByName() throws {
        for (raw, expected) in [
            ("true", true), ("ON", true), ("1", true), ("no", false), ("False", false), ("", false),
        ] {
            #expect(
                try Settings(environment: ["COCKPIT_STRICT_FIELDS": raw], dotenvPath: nil).strictFields() == expected)
        }
        #expect(try Settings(environment: [:], dotenvPath: nil).strictFields() == false, "off by default")
        #expect(throws: CockpitError.invalid(field: "COCKPIT_STRICT_FIELDS", reason: "must be true or false")) {
            try Settings(environment: ["COCKPIT_STRICT_FIELDS": "strict"], dotenvPath: nil).strictFields()
        }
    }

    @Test func anEmptyDefaultAccountTurnsItOff() {
        #expect(Settings(environment: [:], dotenvPath: nil).defaultAccountName == "default")
        #expect(
            Settings(environment: ["COCKPIT_DEFAULT_ACCOUNT": "Main"], dotenvPath: nil).defaultAccountName == "Main")
        #expect(Settings(environment: ["COCKPIT_DEFAULT_ACCOUNT": ""], dotenvPath: nil).defaultAccountName == nil)
        #expect(Settings(environment: ["COCKPIT_DEFAULT_ACCOUNT": "  "], dotenvPath: nil).defaultAccountName == nil)
        #expect(
            Settings(environment: ["UI_USERNAME": ""], dotenvPath: nil)["UI_USERNAME"] == "admin",
            "others: empty is unset")
    }

    @Test func secretsAreMaskedForDisplay() throws {
        let s = Settings(
            environment: [
                "LITELLM_MASTER_KEY": "sk-master-abcdefgh1234", "DATABASE_URL": "postgres://app:hunter2@db/x",
                "UI_PASSWORD": "hunter2",
            ], dotenvPath: nil)
        let shown = s.entries.map(Settings.display).joined(separator: " ")
        #expect(!shown.contains("hunter2"))
        #expect(!shown.contains("abcdefgh"))
        #expect(shown.contains("sk-...1234"))
        #expect(shown.contains("postgres://app:***@db/x"))
    }
}

@Suite struct ReadmeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func theConfigurationTableNamesEverySetting() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        for definition in SettingDefinition.all {
            #expect(readme.contains("`\(definition.name)`"), "README.md does not document \(definition.name)")
            for alias in definition.aliases {
                #expect(readme.contains("`\(alias)`"), "README.md does not document \(alias)")
            }
        }
    }
}
