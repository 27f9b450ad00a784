import CockpitThemes
@testable import CockpitTUI
import Testing

/// Shipped themes, the loader's errors, and colours mapped to what the terminal has.
@Suite struct ThemeTests {
    @Test func everyShippedThemeGivesEveryRole() throws {
        #expect(EmbeddedThemes.names == ["default", "high-contrast", "light", "mono"])
        for name in EmbeddedThemes.names {
            let theme = try ThemeLoader.load(name)
            #expect(Set(theme.styles.keys) == Set(StyleRole.allCases), "\(name) covers every role")
        }
        #expect(Theme.standard.style(.selection).background == .rgb(0x5F, 0xD7, 0xFF))
        #expect(Theme.mono.style(.selection).reverse && Theme.mono.style(.selection).foreground == .terminalDefault)
    }

    @Test func malformedThemesNameTheFileLineAndField() {
        let cases: [(String, String)] = [
            ("name: x\nroles:\n  frame: {fg: blu}\n", "t.yaml:3: roles.frame.fg: 'blu' is not a colour"),
            ("name: x\nroles:\n  frame: {}\n  framez: {bold: true}\n", "t.yaml:4: roles.framez: unknown role"),
            ("name: x\nroles:\n  title: {bold: maybe}\n", "t.yaml:3: roles.title.bold: must be true or false"),
            ("name: x\nroles:\n  title: {blink: true}\n", "t.yaml:3: roles.title.blink: unknown key"),
            ("name: x\n", "roles: is missing"),
            ("roles: [\n", "yaml: is not valid YAML"),
        ]
        for (text, expected) in cases {
            do {
                _ = try ThemeLoader.parse(text, file: "t.yaml")
                Issue.record("accepted: \(text)")
            } catch {
                #expect("\(error)".contains(expected), "\(error) should contain \(expected)")
            }
        }
        #expect(throws: ThemeLoader.Failure.self) { try ThemeLoader.load("no-such-theme") }
    }

    @Test func coloursMapToWhatTheTerminalHas() {
        #expect(ThemeColor.rgb(0x5F, 0xD7, 0xFF).cursesColor(colors: 256) == 81)
        #expect(ThemeColor.rgb(0x80, 0x80, 0x80).cursesColor(colors: 256) == 244)
        #expect(ThemeColor.rgb(255, 0, 0).cursesColor(colors: 16) == 9)
        #expect(ThemeColor.rgb(255, 0, 0).cursesColor(colors: 8) == 1)
        #expect(
            ThemeColor.ansi(14).cursesColor(colors: 8) == 6 && ThemeColor.terminalDefault.cursesColor(colors: 256) == -1
        )
    }
}
