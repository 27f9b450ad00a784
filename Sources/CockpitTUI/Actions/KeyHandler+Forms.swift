import CockpitCore
import Foundation

extension KeyHandler {
    static let readOnlyMessage = "read-only: changes are refused (started with --read-only)"

    /// Typing in a form: tab / ↓ next field, shift-tab / ↑ previous, enter on the last field submits (in a multi-line
    /// field it starts a new line), esc cancels.
    static func form(_ state: CockpitState, _ form: FormState, _ key: Key) -> (CockpitState, [Effect]) {
        var s = state, f = form
        switch key {
        case .escape: s.mode = back(f); return (s, [])
        case .tab, .down: f.focus = min(f.fields.count - 1, f.focus + 1)
        case .backTab, .up: f.focus = max(0, f.focus - 1)
        case .backspace: if !f.fields[f.focus].value.isEmpty { f.fields[f.focus].value.removeLast() }
        case .char(let c): f.fields[f.focus].value.append(c)
        case .enter where f.fields[f.focus].multiline: f.fields[f.focus].value.append("\n")
        case .enter:
            if f.focus < f.fields.count - 1 {
                f.focus += 1
            } else {
                guard !s.readOnly || !f.changes else { s.mode = back(f); s.message = readOnlyMessage; return (s, []) }
                f.error = nil
                s.mode = .form(f)
                return (s, [.submit(account: s.accountID, form: f)])
            }
        default: break
        }
        s.mode = .form(f)
        return (s, [])
    }

    /// Where a form goes back to: the view it was opened from.
    static func back(_ f: FormState) -> Mode {
        if let view = f.returnTo { return .screen(view) }
        if case .screen(let name, _, _) = f.kind { return .screen(ScreenState(name: name)) }
        return .trees
    }

    /// Where a question goes back to.
    static func back(_ c: ConfirmState) -> Mode { c.returnTo }

    /// Typing the confirmation; enter runs the action only when it matches.
    static func confirm(_ state: CockpitState, _ confirm: ConfirmState, _ key: Key) -> (CockpitState, [Effect]) {
        var s = state, c = confirm
        switch key {
        case .escape: s.mode = back(c); s.message = "cancelled"
        case .backspace: if !c.typed.isEmpty { c.typed.removeLast() }; s.mode = .confirm(c)
        case .char(let ch): c.typed.append(ch); s.mode = .confirm(c)
        case .enter:
            guard c.typed == c.expected else {
                s.message = "type \(c.expected) to confirm (esc cancels)"; s.mode = .confirm(c); return (s, [])
            }
            s.mode = back(c)
            return (s, [c.effect])
        default: s.mode = .confirm(c)
        }
        return (s, [])
    }
}
