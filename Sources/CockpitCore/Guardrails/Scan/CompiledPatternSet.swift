import CHyperscan
import Foundation

/// The patterns of some presets for one direction, compiled into one block-mode database (and one stream-mode
/// database for answers) with their slot table. A pattern that does not compile (the original stored any regex)
/// is left out and listed in `skipped`, so one bad pattern never disables a preset.
struct CompiledPatternSet: Sendable {
    let slots: [PatternSlot]
    /// The slot of each expression id of the databases, and how its reports are gathered.
    let expressionSlots: [Int]
    let expressionGathering: [PatternSlot.Gathering]
    let block: HyperscanDatabase?
    let stream: HyperscanDatabase?
    let skipped: [GuardrailSkippedPattern]

    init(presets: [GuardrailPresetPatterns], direction: GuardrailDirection?, streaming: Bool) throws {
        var slots: [PatternSlot] = []
        var entries: [(slot: Int, expression: HyperscanExpression, gathering: PatternSlot.Gathering)] = []
        var skipped: [GuardrailSkippedPattern] = []
        for (presetIndex, preset) in presets.enumerated() {
            for (index, pattern) in preset.patterns.enumerated()
            where pattern.enabled && pattern.appliesTo.covers(direction) {
                let skip = { (reason: String) in
                    skipped.append(.init(presetCode: preset.code, patternName: pattern.name, reason: reason))
                }
                guard index < PatternCompiler.maxPatternsPerPreset else {
                    skip("beyond the \(PatternCompiler.maxPatternsPerPreset) patterns of a preset")
                    continue
                }
                do {
                    let expressions = try PatternCompiler.expressions(for: pattern)
                    let widths = try expressions.map { try HyperscanDatabase.info($0).maxWidth }
                    let maxWidth = widths.contains(nil) ? nil : widths.compactMap { $0 }.max()
                    let slot = PatternSlot(
                        presetIndex: presetIndex, presetCode: preset.code, pattern: pattern, maxWidth: maxWidth)
                    slots.append(slot)
                    entries += zip(expressions, slot.gatherings).map { (slots.count - 1, $0, $1) }
                } catch let error as CockpitError {
                    skip(error.message)
                } catch let error as HyperscanCompileFailure {
                    skip(HyperscanDiagnosis.explain(error.message))
                }
            }
        }
        // Compile; leave out the pattern of an expression Hyperscan refuses, and try again with the rest.
        var databases: (block: HyperscanDatabase?, stream: HyperscanDatabase?) = (nil, nil)
        while !entries.isEmpty {
            do {
                let expressions = entries.map(\.expression)
                databases.block = try HyperscanDatabase(expressions, mode: .block)
                databases.stream = streaming ? try HyperscanDatabase(expressions, mode: .stream) : nil
                break
            } catch let failure as HyperscanCompileFailure {
                guard let index = failure.expression else {
                    throw CockpitError.badRequest("guardrail patterns do not compile together: \(failure.message)")
                }
                let slot = entries[index].slot
                skipped.append(
                    .init(
                        presetCode: slots[slot].presetCode, patternName: slots[slot].pattern.name,
                        reason: HyperscanDiagnosis.explain(failure.message)))
                entries.removeAll { $0.slot == slot }
            }
        }
        (self.slots, expressionSlots, self.skipped) = (slots, entries.map(\.slot), skipped)
        expressionGathering = entries.map(\.gathering)
        (block, stream) = entries.isEmpty ? (nil, nil) : databases
    }
}
