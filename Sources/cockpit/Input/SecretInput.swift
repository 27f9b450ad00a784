import CockpitCore
import Foundation

/// Where a secret (a password, a key) given to a command comes from, safest first: a file (`--…-file`), the
/// environment, a prompt on the terminal. A secret typed as an argument still works but is visible to every user of
/// the machine in `ps`, so a warning says so.
enum SecretInput {
    /// The secret, or nil when none was given and there is no terminal to ask on.
    /// - Parameters:
    ///   - argument: the value of `flag` on the command line (warned about).
    ///   - file: a file holding the secret (its last newline is dropped); unreadable or empty is an error.
    ///   - environment: the value of the environment variable that may hold it.
    ///   - prompt: asked without echo when nothing else gave a value and stdin is a terminal.
    static func read(
        argument: String?, flag: String, file: String?, fileFlag: String, environment: String?, prompt: String?
    ) throws -> String? {
        if let argument {
            warn(
                "warning: \(flag) on the command line is visible to other users (ps, shell history); use \(fileFlag), the environment or the prompt"
            )
            return argument
        }
        if let file {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw CockpitError.invalid(field: fileFlag, reason: "\(file) cannot be read")
            }
            let secret =
                text.hasSuffix("\r\n")
                ? String(text.dropLast(2)) : text.hasSuffix("\n") ? String(text.dropLast()) : text
            guard !secret.isEmpty else { throw CockpitError.invalid(field: fileFlag, reason: "\(file) is empty") }
            return secret
        }
        if let environment, !environment.isEmpty { return environment }
        guard let prompt, isatty(STDIN_FILENO) == 1 else { return nil }
        return getpass(prompt).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    static func warn(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }
}
