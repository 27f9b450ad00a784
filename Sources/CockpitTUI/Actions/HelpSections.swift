/// The help, from the registries, per place: what works everywhere, the trees, each view with its own keys, the new
/// key's dialog and the `:` commands. `?` shows it and docs/KEYBINDINGS.md is written from it.
enum HelpSections {
    struct Line {
        var keys: [String]
        var description: String
    }

    struct Section {
        var title: String
        var lines: [Line]
    }

    /// Every section; views and keys for super-admins only are left out for others.
    static func all(superAdmin: Bool) -> [Section] {
        func lines(_ bindings: [KeyBinding]) -> [Line] {
            bindings.filter { superAdmin || !$0.superAdminOnly }.map {
                Line(
                    keys: $0.keys.map(\.label),
                    description: $0.description + ($0.superAdminOnly ? " (super-admin)" : ""))
            }
        }
        var sections = [
            Section(title: "Everywhere", lines: lines(KeyRegistry.shared)),
            Section(title: "Trees", lines: lines(KeyRegistry.trees)),
        ]
        for screen in Screens.all where superAdmin || !screen.superAdminOnly {
            let title = ":\(screen.name) — \(screen.summary)" + (screen.superAdminOnly ? " (super-admin)" : "")
            sections.append(Section(title: title, lines: lines(screen.bindings)))
        }
        sections.append(Section(title: "New key dialog", lines: lines(KeyRegistry.newKeyDialog)))
        var commands = Screens.all.filter { superAdmin || !$0.superAdminOnly }.map {
            Line(keys: [":" + $0.usage], description: $0.summary)
        }
        commands += KeyRegistry.commands.map { Line(keys: [":" + $0.name], description: $0.description) }
        sections.append(Section(title: "Commands", lines: commands))
        return sections
    }
}
