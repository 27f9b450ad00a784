import CockpitCore
import CockpitTesting
import Foundation
import Testing

/// Runs the real `cockpit` binary, as an operator would, against both stores.
@Suite struct CLITests {
    static var binary: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent(".build/debug/cockpit")
    }

    static func run(
        _ arguments: [String], databaseURL: String, home: String? = nil,
        extraEnvironment: [String: String] = [:]
    ) async throws -> ChildProcess.Output {
        let env = [
            "PATH": "/usr/bin:/bin", "DATABASE_URL": databaseURL, "COCKPIT_HOME": home ?? NSTemporaryDirectory(),
        ]
        return try await ChildProcess.run(
            binary.path, arguments, environment: env.merging(extraEnvironment) { $1 },
            directory: NSTemporaryDirectory())
    }

    static func json(_ text: String) throws -> JSONValue { try JSONValue.parse(text) }

    @Test(arguments: StoreKind.available)
    func accountLifecycleFromTheShell(kind: StoreKind) async throws {
        try await TestStores.withDatabaseURL(kind) { url in
            let unmigrated = try await Self.run(["account", "list"], databaseURL: url)
            #expect(unmigrated.status != 0)
            #expect(unmigrated.stderr.contains("cockpit migrate"))
            let migrated = try await Self.run(["migrate"], databaseURL: url).stdout
            #expect(
                migrated.contains("applied 14 migration(s)")
                    && migrated.contains(
                        "0001_init.sql, 0002_system_settings.sql, 0003_spend_partitions.sql, 0004_hardening.sql, "
                            + "0005_original_contract.sql, 0006_zitadel_role_mappings.sql, 0007_user_creator.sql, "
                            + "0008_team_blocked.sql, 0009_organization_members.sql, 0010_customers_budgets.sql, 0011_copilot_credits.sql, "
                            + "0012_copilot_catalog.sql, 0013_guardrail_hits.sql, 0014_guardrails_per_tree.sql"
                    )
            )
            let status = try await Self.run(["migrate", "--status", "--json"], databaseURL: url)
            #expect(try Self.json(status.stdout).arrayValue?.first?["checksum_matches"] == .bool(true))

            let created = try await Self.run(
                [
                    "account", "create", "--name", "Acme Corp", "--domain", "acme.io", "--admin-email", "admin@acme.io",
                    "--admin-password", "correct horse", "--json",
                ], databaseURL: url)
            #expect(created.status == 0, "\(created.stderr)")
            let id = try #require(try Self.json(created.stdout)["account"]?["id"]?.stringValue)
            #expect(id == id.lowercased() && UUID(uuidString: id) != nil, "ids print in lower case, as the API's")
            let upper = try await Self.run(["account", "show", id.uppercased(), "--json"], databaseURL: url)
            let upperID = try Self.json(upper.stdout)["account"]?["id"]?.stringValue
            #expect(upper.status == 0 && upperID == id, "either case")
            #expect(!created.stdout.contains("correct horse"))
            #expect(!created.stdout.contains("argon2"))
            #expect(
                created.stderr.contains("warning: --admin-password on the command line is visible"),
                "a secret as an argument warns")
            // From a file: no warning; an unreadable file is an error naming the flag.
            let secretFile = FileManager.default.temporaryDirectory.appendingPathComponent("pw-\(UUID().uuidString)")
                .path
            try "file password 1\n".write(toFile: secretFile, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: secretFile) }
            let fromFile = try await Self.run(
                [
                    "account", "create", "--name", "Filed", "--domain", "filed.io", "--admin-email", "admin@filed.io",
                    "--admin-password-file", secretFile,
                ], databaseURL: url)
            #expect(fromFile.status == 0 && !fromFile.stderr.contains("warning"), "\(fromFile.stderr)")
            let missingFile = try await Self.run(
                [
                    "account", "create", "--name", "Nofile", "--domain", "nofile.io", "--admin-email", "a@nofile.io",
                    "--admin-password-file", "/nonexistent/pw",
                ], databaseURL: url)
            #expect(missingFile.status == 1 && missingFile.stderr.contains("--admin-password-file"))
            // Remote mode refuses plain http to another machine before asking for anything (no connection is made).
            let plain = try await Self.run(
                ["tui", "--api", "http://cockpit.example:4000", "--key-file", secretFile], databaseURL: url)
            #expect(plain.status != 0 && plain.stderr.contains("https"), "\(plain.stderr)")

            let duplicate = try await Self.run(
                ["account", "create", "--name", "acme corp", "--domain", "b.io", "--admin-email", "a@b.io"],
                databaseURL: url)
            #expect(duplicate.status == 1)
            #expect(duplicate.stderr == "error: Account already exists\n")
            let bad = try await Self.run(
                ["account", "create", "--name", "B", "--domain", "b.io", "--admin-email", "nope"], databaseURL: url)
            #expect(bad.status == 1 && bad.stderr == "error: admin_email is not a valid email address\n")

            let list = try await Self.run(["account", "list"], databaseURL: url)
            #expect(
                list.stdout.contains("Acme Corp") && list.stdout.contains("acme.io") && list.stdout.contains("active"))
            let shown = try await Self.run(["account", "show", id, "--json"], databaseURL: url)
            #expect(try Self.json(shown.stdout)["organizations"]?["copilot"] == 1)
            #expect(
                try await Self.run(["account", "suspend", "Acme Corp"], databaseURL: url).stdout
                    == "account Acme Corp is suspended\n")
            #expect(
                try await Self.run(["account", "list", "--status", "suspended", "--json"], databaseURL: url).stdout
                    .contains(id))
            #expect(
                try await Self.run(["account", "restore", id], databaseURL: url).stdout
                    == "account Acme Corp is active\n")
            #expect(try await Self.run(["account", "delete", id], databaseURL: url).status == 0)
            #expect(!(try await Self.run(["account", "list"], databaseURL: url).stdout.contains("Acme Corp")))
            #expect(
                try await Self.run(["account", "list", "--include-deleted"], databaseURL: url).stdout.contains(
                    "deleted"))

            let missingConfirm = try await Self.run(["account", "delete", id, "--hard"], databaseURL: url)
            #expect(missingConfirm.status != 0 && missingConfirm.stderr.contains("--confirm-name"))
            let wrongConfirm = try await Self.run(
                ["account", "delete", id, "--hard", "--confirm-name", "Acme"], databaseURL: url)
            #expect(wrongConfirm.status == 1 && wrongConfirm.stderr.contains("must match account_name"))
            #expect(
                try await Self.run(
                    ["account", "delete", id, "--hard", "--confirm-name", "Acme Corp"], databaseURL: url
                ).status == 0)
            let gone = try await Self.run(["account", "show", id], databaseURL: url)
            #expect(gone.status == 1 && gone.stderr == "error: Account not found\n")
            let badStatus = try await Self.run(["account", "list", "--status", "paused"], databaseURL: url)
            #expect(badStatus.status == 1 && badStatus.stderr == "error: status must be active or suspended\n")
        }
    }

    @Test(arguments: StoreKind.available)
    func demoSeedsAndRefreshesWithoutDuplicates(kind: StoreKind) async throws {
        try await TestStores.withDatabaseURL(kind) { url in
            let first = try await Self.run(["demo", "--seed-only", "--json"], databaseURL: url)
            #expect(first.status == 0, "\(first.stderr)")
            let summary = try Self.json(first.stdout)
            #expect(summary["accounts"] == 3)
            #expect((summary["users"]?.doubleValue ?? 0) >= 50)
            #expect((summary["spend_rows"]?.doubleValue ?? 0) >= 1000)
            let again = try await Self.run(["demo", "--seed-only", "--json"], databaseURL: url)
            #expect(try Self.json(again.stdout)["accounts"] == 3)
            let list = try await Self.json(Self.run(["account", "list", "--json"], databaseURL: url).stdout)
            #expect(
                list["items"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["Acme Corp", "Globex", "Initech"])
        }
    }

    @Test func doctorShowsSourcesAndMasksSecrets() async throws {
        try await TestStores.withDatabaseURL(.sqlite) { url in
            let text = try await ChildProcess.run(
                Self.binary.path, ["doctor"],
                environment: [
                    "DATABASE_URL": url, "LITELLM_MASTER_KEY": "sk-master-secret-9876", "UI_PASSWORD": "hunter2hunter2",
                ]
            ).stdout
            #expect(!text.contains("hunter2") && !text.contains("master-secret"))
            #expect(text.contains("sk-...9876"))
            #expect(text.contains("environment (LITELLM_MASTER_KEY)"))
            #expect(text.contains("run `cockpit migrate`"))
        }
    }

    /// A config key cockpit does not implement is named by `doctor --config` and refuses `serve --strict-config`.
    @Test func configKeysCockpitDoesNotImplementAreNamed() async throws {
        try await TestStores.withDatabaseURL(.sqlite) { url in
            let config = FileManager.default.temporaryDirectory.appendingPathComponent("cfg-\(UUID().uuidString).yaml")
            try "model_list: [{model_name: m, litellm_params: {model: mock/m}}]\nlitellm_settings: {cache: true}\n"
                .write(to: config, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: config) }
            let doctor = try await Self.run(["doctor", "--config", config.path], databaseURL: url)
            #expect(doctor.stdout.contains("litellm_settings.cache is not supported"), "\(doctor.stdout)")
            let serve = try await Self.run(
                ["serve", "--config", config.path, "--strict-config", "--port", "0"], databaseURL: url,
                extraEnvironment: [
                    "LITELLM_MASTER_KEY": "sk-master-strict-1234",
                    "COCKPIT_SESSION_SECRET": "s" + String(repeating: "x", count: 40),
                ])
            #expect(serve.status != 0 && serve.stderr.contains("--strict-config"), "\(serve.stderr)")
        }
    }

    /// The cockpit's local sign-in is the server's: an admin of a suspended account cannot open it (it could before,
    /// issue 13), a wrong password is refused, and a right one gets past sign-in (to the terminal check here).
    @Test func theCockpitSignsInLikeTheServer() async throws {
        try await TestStores.withDatabaseURL(.sqlite) { url in
            #expect(try await Self.run(["migrate"], databaseURL: url).status == 0)
            let secretFile = FileManager.default.temporaryDirectory.appendingPathComponent("pw-\(UUID().uuidString)")
                .path
            try "cockpit password 1".write(toFile: secretFile, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: secretFile) }
            #expect(
                try await Self.run(
                    [
                        "account", "create", "--name", "Paused", "--domain", "paused.io", "--admin-email",
                        "admin@paused.io",
                        "--admin-password-file", secretFile,
                    ], databaseURL: url
                ).status == 0)
            let signIn = ["tui", "--username", "admin@paused.io", "--password-file", secretFile]
            let active = try await Self.run(signIn, databaseURL: url)
            #expect(
                active.stderr.contains("not interactive"),
                "signed in, then refused for want of a terminal: \(active.stderr)")
            #expect(try await Self.run(["account", "suspend", "Paused"], databaseURL: url).status == 0)
            let suspended = try await Self.run(signIn, databaseURL: url)
            #expect(suspended.status == 1 && suspended.stderr.contains("suspended"), "\(suspended.stderr)")
            let wrongFile = secretFile + ".wrong"
            try "not the password".write(toFile: wrongFile, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: wrongFile) }
            let wrong = try await Self.run(
                ["tui", "--username", "admin@paused.io", "--password-file", wrongFile], databaseURL: url)
            #expect(wrong.status == 1 && wrong.stderr.contains("invalid username or password"), "\(wrong.stderr)")
        }
    }
}
