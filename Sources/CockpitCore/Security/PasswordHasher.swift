import CCrypt
import CSodium
import Foundation

/// Password hashing with argon2id (libsodium's `crypto_pwhash_str`, interactive limits). The stored form is
/// the self-describing `$argon2id$v=19$m=…,t=…,p=…$salt$hash` string; verification is constant-time. bcrypt hashes
/// (`$2a$`, `$2b$`, `$2y$`) imported from another system verify too (libxcrypt).
public enum PasswordHasher {
    private static let ready: Bool = sodium_init() >= 0

    /// The shortest password accepted.
    public static let minimumLength = 8

    /// Hashes a password; throws `.invalid` for one that is too short or too long.
    public static func hash(_ password: String) throws -> String {
        try validate(password)
        guard ready else { throw CockpitError.unavailable("libsodium could not be initialised") }
        var out = [CChar](repeating: 0, count: cockpit_pwhash_strbytes())
        let length = UInt64(password.utf8.count)
        let rc = password.withCString {
            crypto_pwhash_str(
                &out, $0, length, cockpit_pwhash_opslimit_interactive(), cockpit_pwhash_memlimit_interactive())
        }
        guard rc == 0 else { throw CockpitError.unavailable("password hashing ran out of memory") }
        return String(cString: out)
    }

    /// `hash` on a `PasswordWorkPool` (the length rules first, at once).
    public static func hash(_ password: String, on pool: PasswordWorkPool) async throws -> String {
        try validate(password)
        return try await pool.run { try hash(password) }
    }

    /// A hash no password is known for, verified when a sign-in names no one, so that costs what a real check does.
    public static let dummyHash: String = (try? hash(KeyGenerator.newKey())) ?? "$argon2id$v=19$m=65536,t=2,p=1$invalid"

    /// True when `password` matches the stored hash. Unknown hash formats never match.
    public static func verify(_ password: String, hash: String) -> Bool {
        if hash.hasPrefix("$2a$") || hash.hasPrefix("$2b$") || hash.hasPrefix("$2y$") {
            return verifyBcrypt(password, hash: hash)
        }
        guard ready, hash.hasPrefix("$argon2") else { return false }
        let length = UInt64(password.utf8.count)
        return password.withCString { crypto_pwhash_str_verify(hash, $0, length) == 0 }
    }

    private static func verifyBcrypt(_ password: String, hash: String) -> Bool {
        guard !password.utf8.contains(0) else { return false }
        var out = [CChar](repeating: 0, count: 512)
        guard cockpit_crypt(password, hash, &out, out.count) == 0 else { return false }
        return KeyGenerator.constantTimeEquals(String(cString: out), hash)
    }

    /// Checks the length rules for a new password.
    public static func validate(_ password: String) throws {
        guard password.count >= minimumLength else {
            throw CockpitError.invalid(field: "password", reason: "must have at least \(minimumLength) characters")
        }
        guard password.utf8.count <= 1024 else { throw CockpitError.invalid(field: "password", reason: "is too long") }
    }
}
