import CockpitAPI
import CockpitCore
import Foundation

/// A preset's trial in `:guardrails` (`t`): the text tried with every hit's span highlighted (spans are UTF-8 byte
/// offsets of the text; a refusing hit in the error colour, a masking one in the warning colour, a detection in the
/// ok colour), the hits (pattern, type, action, outcome, bytes), then the text as the gateway passes it on (masked)
/// or the refusal, and the patterns the engine skipped.
enum GuardrailTrialPanel {
    static func draw(
        _ b: inout ScreenBuffer, _ s: CockpitState, _ trial: GuardrailsOverview.Trial, _ o: GuardrailsOverview
    ) {
        let a = trial.answer
        let (x, y, width, height) = Box.panel(
            &b, title: "try preset \(trial.code) of the \(o.domain.rawValue) tree · t tries another text")
        let left = x + 2, cells = width - 4, label = CatalogView.labelWidth, bottom = y + height - 2
        var row = y + 1
        func line(_ title: String, _ text: String, _ role: StyleRole) {
            for (i, part) in CatalogView.wrap(text, cells: cells - label).enumerated() where row <= bottom {
                if i == 0 { b.put(title, x: left, y: row, role: .title, limit: label - 1) }
                b.put(part, x: left + label, y: row, role: role, limit: cells - label)
                row += 1
            }
        }
        let refused = a.refused != nil
        line(
            "verdict",
            refused
                ? "refused" : a.hits.isEmpty ? "passes unchanged" : "passes" + (a.text != trial.text ? ", masked" : ""),
            refused ? .statusError : .statusOK)
        line("direction", trial.direction ?? "any (every enabled pattern)", .dialog)
        b.put("text", x: left, y: row, role: .title)
        row = highlighted(&b, trial.text, a.hits, x: left + label, y: row, cells: cells - label, bottom: bottom - 2)
        if a.hits.isEmpty { line("hits", "none", .dialog) }
        for (i, hit) in a.hits.enumerated() {
            line(
                i == 0 ? "hits" : "",
                "\(hit.patternName) · \(hit.patternType) · \(hit.action.isEmpty ? "no action" : hit.action) · "
                    + "\(hit.outcome) · bytes \(hit.start)–\(hit.end)", role(hit.outcome))
        }
        if let refusal = a.refused {
            line(
                "refusal", "Guardrail '\(refusal.preset)' blocked this content (pattern '\(refusal.pattern)')",
                .statusError)
        } else {
            line("result", a.text, .dialog)
        }
        for skip in a.skipped { line("skipped", "\(skip.patternName): \(skip.reason)", .statusWarn) }
    }

    /// The role a hit is highlighted in, by what it did.
    static func role(_ outcome: String) -> StyleRole {
        switch outcome {
        case "refused": .statusError
        case "masked", "masked_partially": .statusWarn
        default: .statusOK
        }
    }

    /// The text wrapped at `cells` from (`x`, `y`), each character in a hit's span drawn in that hit's role (the
    /// dialog's otherwise), as far as `bottom`; returns the row after it.
    static func highlighted(
        _ b: inout ScreenBuffer, _ text: String, _ hits: [GuardrailTrialHit], x: Int, y: Int, cells: Int, bottom: Int
    ) -> Int {
        var row = y, column = 0, offset = 0
        for c in text {
            let bytes = String(c).utf8.count
            defer { offset += bytes }
            if c == "\n" || c == "\r\n" {
                (row, column) = (row + 1, 0)
                continue
            }
            let w = max(1, TextWidth.of(c))
            if column + w > cells { (row, column) = (row + 1, 0) }
            guard row <= bottom else { break }
            let hit = hits.first { $0.start < offset + bytes && offset < $0.end }
            b.put(String(c), x: x + column, y: row, role: hit.map { role($0.outcome) } ?? .dialog)
            column += w
        }
        return min(row, bottom) + 1
    }
}
