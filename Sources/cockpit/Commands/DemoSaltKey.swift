import CockpitCore
import Foundation

/// The demo's own salt key: when neither LITELLM_SALT_KEY nor a master key is configured, `cockpit demo` keeps a
/// random key in `<COCKPIT_HOME>/demo-salt.key` (mode 0600, made on first use) and uses it for this process, so the
/// demo's connection secrets are sealed exactly as production ones are. Configured keys always win.
enum DemoSaltKey {
    static func ensure(_ settings: Settings) throws {
        guard settings.credentialSecret == nil else { return }
        let file = (settings.home as NSString).appendingPathComponent("demo-salt.key")
        let key: String
        if let stored = try? String(contentsOfFile: file, encoding: .utf8), stored.count >= 32 {
            key = stored.trimmingCharacters(in: .whitespacesAndNewlines)
        } else {
            var rng = SystemRandomNumberGenerator()
            key = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &rng)) }.joined()
            try FileManager.default.createDirectory(atPath: settings.home, withIntermediateDirectories: true)
            guard
                FileManager.default.createFile(
                    atPath: file, contents: Data((key + "\n").utf8), attributes: [.posixPermissions: 0o600])
            else { throw CockpitError.unavailable("cannot write the demo's salt key to \(file)") }
        }
        setenv("LITELLM_SALT_KEY", key, 1)
    }
}
