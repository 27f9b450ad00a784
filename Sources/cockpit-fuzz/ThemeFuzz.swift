import CockpitTUI

/// The cockpit's theme loader (`ThemeLoader.parse`): a theme file is user input, and a malformed one must give an
/// error naming the file, line and field (the cockpit then falls back to the standard theme), never a crash.
enum ThemeFuzz {
    static func run(_ input: FuzzInput) {
        do { _ = try ThemeLoader.parse(input.text, file: "fuzz.yaml") } catch let failure as ThemeLoader.Failure {
            _ = failure.description
        } catch {
            Fuzz.expect(false, "the theme loader threw something other than ThemeLoader.Failure: \(error)")
        }
    }
}
