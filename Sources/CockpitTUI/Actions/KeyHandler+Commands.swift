import CockpitCore
import Foundation

/// The `:` command line: typing, completion, history, and what each command does.
extension KeyHandler {
    static func command(_ state: CockpitState, _ text: String, _ key: Key) -> (CockpitState, [Effect]) {
        var s = state
        switch key {
        case .escape: s.mode = .trees
        case .backspace: s.mode = text.isEmpty ? .trees : .command(String(text.dropLast()))
        case .tab: s.mode = .command(complete(text, s))
        case .char(let c): s.mode = .command(text + String(c))
        case .up:
            if let last = s.commandHistory.last { s.mode = .command(last) }
        case .enter:
            s.mode = .trees
            if !text.isEmpty { s.commandHistory.append(text) }
            return run(s, text.trimmingCharacters(in: .whitespaces))
        default: break
        }
        return (s, [])
    }

    /// Completes a command name, or an account name after `account `.
    static func complete(_ text: String, _ s: CockpitState) -> String {
        if text.hasPrefix("account ") {
            let prefix = String(text.dropFirst(8)).lowercased()
            return s.accounts.first { $0.name.lowercased().hasPrefix(prefix) }.map { "account " + $0.name } ?? text
        }
        let names = KeyRegistry.commands.map { String($0.name.split(separator: " ")[0]) } + Screens.all.map { $0.name }
        return names.first { $0.hasPrefix(text) && $0 != text }.map { $0 + ($0 == "account" ? " " : "") } ?? text
    }

    static func run(_ state: CockpitState, _ command: String) -> (CockpitState, [Effect]) {
        var s = state
        let parts = command.split(separator: " ", maxSplits: 1).map(String.init)
        switch parts.first ?? "" {
        case "q", "quit": s.quit = true
        case "logout": return (s, [.signOut])
        case "help": s.mode = .help
        case "account":
            let name = parts.count > 1 ? parts[1].lowercased() : ""
            guard
                let account = s.accounts.first(where: {
                    $0.name.lowercased().hasPrefix(name) || $0.id.lowercased.hasPrefix(name)
                }),
                !name.isEmpty
            else {
                s.message = "no account matches '\(parts.count > 1 ? parts[1] : "")'"
                return (s, [])
            }
            return switchAccount(s, to: account)
        case let name:
            guard let view = Screens.named(name) else { s.message = "unknown command ':\(command)' (see ?)"; break }
            return open(s, view, argument: parts.count > 1 ? parts[1] : nil)
        }
        return (s, [])
    }
}
