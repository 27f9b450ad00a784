@testable import CockpitCore
@testable import CockpitTUI
import Foundation
import Testing

/// `:guardrails` at 80×24 and 160×48: the presets with their patterns, a preset's assignments and the effective
/// presets of the team selected in the tree with their sources; a pattern's details; the pattern form with the core's
/// refusal of a regex under it; a trial's answer with the hits highlighted; and the tree panes' marks on the nodes
/// that carry an assignment.
@Suite struct GuardrailViewSnapshotTests {
    static let sizes = CreditViewSnapshotTests.sizes

    static func frame(_ s: CockpitState, _ size: String) -> ScreenBuffer { CatalogViewSnapshotTests.frame(s, size) }

    @Test(arguments: sizes)
    func presetsWithTheirPatternsAndTheEffectivePresets(size: String) {
        let s = GuardrailFixture.state()
        let frame = Self.frame(s, size)
        Snapshot.check("guardrails-\(size)", frame)
        let text = Snapshot.text(frame)
        #expect(text.contains("guardrails of the copilot tree of Acme Corp (3 presets)"))
        #expect(text.contains("for team Support: support-safe from team Support ·"))
        #expect(text.contains("pii from org global") && text.contains("assigned    team Support"))
    }

    @Test(arguments: sizes)
    func aPatternSelected(size: String) {
        var s = GuardrailFixture.state()
        s.mode = .screen(GuardrailsScreen.screen(.copilot, selected: 5))
        let frame = Self.frame(s, size)
        Snapshot.check("guardrails-pattern-\(size)", frame)
        #expect(Snapshot.text(frame).contains("allow · both · disabled · in preset pii"))
    }

    @Test(arguments: sizes)
    func thePatternFormWithTheCoresRefusal(size: String) {
        var s = GuardrailFixture.state()
        let o = GuardrailsScreen.overview(s)!
        var form = GuardrailForms.pattern(o.presets[0], index: nil, o, GuardrailsScreen.screen(.copilot))
        form.fields[1].value = "ticket ids"
        form.fields[2].value = "(a"
        form.focus = 2
        form.error =
            "pattern 'ticket ids': regex does not compile: Missing close parenthesis for group started at index 0."
        s.mode = .form(form)
        let frame = Self.frame(s, size)
        Snapshot.check("guardrail-pattern-form-\(size)", frame)
        #expect(Snapshot.text(frame).contains("✗ pattern 'ticket ids'"))
    }

    @Test(arguments: sizes)
    func aTrialWithItsHitsHighlighted(size: String) {
        let s = GuardrailFixture.trial()
        let frame = Self.frame(s, size)
        Snapshot.check("guardrail-trial-\(size)", frame)
        let lines = frame.lines, mask = frame.styleMask
        let row = try! #require(lines.firstIndex { $0.contains("mail me at a@b.co") })
        let column = lines[row].distance(
            from: lines[row].startIndex, to: lines[row].range(of: "a@b.co")!.lowerBound)
        let styles = Array(mask[row])
        #expect(String(styles[column..<(column + 6)]) == "wwwwww", "the masked e-mail is highlighted")
        #expect(styles[column - 2] == "d" && styles[column + 6] == "d", "the text around it is not")
        #expect(Snapshot.text(frame).contains("mail me at [EMAIL] or call"))
        #expect(Snapshot.text(frame).contains("email · block · mask · masked · bytes 11–17"))
    }

    @Test(arguments: sizes)
    func theTreesMarkTheNodesWithAnAssignment(size: String) {
        var s = GuardrailFixture.state()
        s.mode = .trees
        let frame = Self.frame(s, size)
        Snapshot.check("guardrail-marks-\(size)", frame)
        let marked = frame.lines.filter { $0.contains(GuardrailMarks.glyph) }
        #expect(marked.count == 2 && marked.contains { $0.contains("▾ global") })
        #expect(marked.contains { $0.contains("▸ Support") } && !marked.contains { $0.contains("▸ Research") })
    }
}
