@testable import CockpitCore
@testable import CockpitTUI
import Foundation
import Testing

/// The form widget's multi-line JSON field: enter starts a line in it (and still moves on or sends elsewhere), the
/// text wraps and shows its end while typed in, the check under it says where a mistake is, the layout shrinks it on
/// a short screen, and a hidden field shows dots only.
@Suite struct FormFieldTests {
    static func form() -> FormState {
        FormState(
            kind: .screen("agents", verb: "new", id: nil), title: "t",
            fields: [
                .init(name: "name", label: "name"),
                .init(name: "doc", label: "doc", lines: 4, json: true),
                .init(name: "key", label: "key", secret: true),
            ])
    }

    static func press(_ s: CockpitState, _ keys: [Key]) -> (CockpitState, [Effect]) {
        keys.reduce((s, [Effect]())) { acc, key in
            let (next, effects) = KeyHandler.handle(acc.0, key)
            return (next, acc.1 + effects)
        }
    }

    @Test func enterStartsALineInAMultiLineFieldAndSendsFromTheLast() {
        var s = Fixture.state()
        s.mode = .form(Self.form())
        let typed: [Key] = [.char("a"), .enter] + "{\"a\":".map { .char($0) } + [.enter] + " 1}".map { .char($0) }
        let (afterDoc, none) = Self.press(s, typed)
        guard case .form(let f) = afterDoc.mode else { Issue.record("the form closed"); return }
        #expect(none.isEmpty && f.focus == 1 && f.rawValue("doc") == "{\"a\":\n 1}", "\(f.rawValue("doc"))")
        // tab leaves the multi-line field; enter on the last field sends the form.
        let (sent, effects) = Self.press(afterDoc, [.tab, .char("x"), .enter])
        guard case .form(let last) = sent.mode, case .submit(_, let form)? = effects.first else {
            Issue.record("not sent: \(effects)"); return
        }
        #expect(last.focus == 2 && form.rawValue("doc") == "{\"a\":\n 1}" && form.rawValue("key") == "x")
        // ↑ goes back to it and backspace removes the line break like any character.
        let (back, _) = Self.press(sent, [.up, .backspace, .backspace, .backspace, .backspace])
        guard case .form(let edited) = back.mode else { return }
        #expect(edited.focus == 1 && edited.rawValue("doc") == "{\"a\":")
    }

    @Test func theCheckSaysWhereTheMistakeIs() throws {
        #expect(JSONField.check("") == .empty && JSONField.check("  \n") == .empty)
        #expect(JSONField.check("{\"model\": \"m\", \"tools\": []}") == .object(members: 2, bytes: 27))
        #expect(JSONField.check("{\n  \"a\" 1\n}") == .invalid("line 2, column 7: expected ':'"))
        #expect(JSONField.check("{\"a\": 1}\n}") == .invalid("line 2, column 1: unexpected data after the JSON value"))
        #expect(JSONField.check("[1, 2]") == .invalid("must be a JSON object, {…}, not a list"))
        #expect(JSONField.check("{\"é\": tru}") == .invalid("line 1, column 7: unknown literal"))
        let big = "{\"a\": \"" + String(repeating: "x", count: JSONField.maxBytes) + "\"}"
        #expect(JSONField.check(big) == .invalid("larger than 256.0 KiB (256.0 KiB)"))
        #expect(
            throws: CockpitError.invalid(
                field: "definition", reason: "is not a JSON object: line 1, column 2: expected a string")
        ) {
            try JSONField.object("{1}", field: "definition")
        }
        #expect(try JSONField.object(" ", field: "definition") == .emptyObject)
        #expect(
            JSONField.pretty(["b": 1, "a": ["x": true]]) == "{\n  \"a\" : {\n    \"x\" : true\n  },\n  \"b\" : 1\n}")
    }

    @Test func aMultiLineFieldWrapsAndShowsItsEndWhileTyped() {
        let field = FormState.Field(name: "doc", label: "doc", value: "abcdefgh\nij\nkl", lines: 3)
        #expect(FormView.visibleLines(field, focused: false, cells: 4, rows: 3) == ["abcd", "efgh", "ij"])
        #expect(FormView.visibleLines(field, focused: true, cells: 4, rows: 3) == ["efgh", "ij", "kl▏"])
        #expect(FormView.visibleLines(field, focused: true, cells: 4, rows: 5) == ["abcd", "efgh", "ij", "kl▏", ""])
        // Wide characters take two cells.
        let wide = FormState.Field(name: "doc", label: "doc", value: "研究所研", lines: 2)
        #expect(FormView.visibleLines(wide, focused: false, cells: 5, rows: 2) == ["研究", "所研"])
    }

    @Test func aShortScreenShrinksTheFieldThenPutsLabelsBeside() {
        var form = Self.form()
        form.fields[1].lines = 12
        let tall = FormView.layout(form, height: 48)
        #expect(!tall.compact && tall.shown == [1, 12, 1])
        // 24 rows leave 17 for the dialog's content: 3 fields with labels above take 8, the check 1: 9 rows of text.
        let small = FormView.layout(form, height: 24)
        #expect(!small.compact && small.shown == [1, 9, 1], "\(small)")
        // Seven fields no longer fit with labels above: labels go beside, the text keeps what is left.
        form.fields += (0..<4).map { FormState.Field(name: "f\($0)", label: "f\($0)") }
        let compact = FormView.layout(form, height: 24)
        #expect(compact.compact && compact.shown == [1, 7, 1, 1, 1, 1, 1], "\(compact)")
        // Without a multi-line field the rule is the one every form had: compact when 2 rows a field do not fit.
        let plain = FormState(
            kind: .organization(.console), title: "t", fields: (0..<8).map { .init(name: "\($0)", label: "\($0)") })
        #expect(FormView.layout(plain, height: 24).compact && !FormView.layout(plain, height: 26).compact)
    }

    @Test func aHiddenFieldIsDrawnAsDotsOnly() {
        var s = Fixture.state(width: 80, height: 24)
        var form = Self.form()
        form.fields[2].value = "sk-very-secret"
        form.fields[1].value = "{\"a\":"
        s.mode = .form(form)
        let text = Snapshot.text(ViewSnapshotTests.frame(s, (80, 24)))
        #expect(!text.contains("sk-very-secret") && !text.contains("very") && text.contains("••••••••••••••"))
        #expect(text.contains("✗ line 1, column 6: unexpected end"), "\(text)")
    }
}
