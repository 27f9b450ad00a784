import CockpitThemes
import Foundation
import Yams

/// Reads themes: a shipped name (`default`, `light`, `high-contrast`, `mono`) or a `.yaml` file path. A malformed
/// theme is an error naming the file, the line and the field; the caller falls back to `Theme.standard`.
public enum ThemeLoader {
    /// Why a theme could not be read.
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public var file: String
        public var line: Int?
        public var field: String
        public var reason: String
        public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(field): \(reason)" }
    }

    static let names: [String: Int] = [
        "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
        "bright-black": 8, "bright-red": 9, "bright-green": 10, "bright-yellow": 11, "bright-blue": 12,
        "bright-magenta": 13,
        "bright-cyan": 14, "bright-white": 15, "grey": 8, "gray": 8,
    ]

    /// A shipped theme by name, or a theme file by path.
    public static func load(_ nameOrPath: String) throws -> Theme {
        if let text = EmbeddedThemes.file(nameOrPath + ".yaml") {
            return try parse(text, file: "themes/\(nameOrPath).yaml")
        }
        guard nameOrPath.hasSuffix(".yaml") || nameOrPath.contains("/") else {
            throw Failure(
                file: nameOrPath, line: nil, field: "theme",
                reason:
                    "no such theme; shipped: \(EmbeddedThemes.names.joined(separator: ", ")), or a path to a .yaml file"
            )
        }
        guard let text = try? String(contentsOfFile: nameOrPath, encoding: .utf8) else {
            throw Failure(file: nameOrPath, line: nil, field: "theme", reason: "cannot be read")
        }
        return try parse(text, file: nameOrPath)
    }

    /// Parses theme YAML: `name`, and `roles` mapping each semantic role to `fg`, `bg`, `bold`, `dim`, `reverse`,
    /// `underline`. Roles left out look like `normal`; unknown roles and keys are errors.
    public static func parse(_ text: String, file: String) throws -> Theme {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw Failure(
                file: file, line: (error as? YamlError).flatMap(line), field: "yaml", reason: "is not valid YAML")
        }
        guard let top = root?.mapping else {
            throw Failure(file: file, line: root?.mark?.line, field: "theme", reason: "must be a mapping")
        }
        var theme = Theme(name: top["name"]?.string ?? (file as NSString).lastPathComponent, styles: [:])
        guard let roles = top["roles"] else {
            throw Failure(file: file, line: root?.mark?.line, field: "roles", reason: "is missing")
        }
        guard let map = roles.mapping else {
            throw Failure(file: file, line: roles.mark?.line, field: "roles", reason: "must be a mapping")
        }
        for (key, value) in map {
            let roleName = key.string ?? ""
            guard let role = StyleRole(rawValue: roleName) else {
                throw Failure(
                    file: file, line: key.mark?.line, field: "roles.\(roleName)",
                    reason: "unknown role; roles: \(StyleRole.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            theme.styles[role] = try style(value, field: "roles.\(roleName)", file: file)
        }
        return theme
    }

    static func style(_ node: Node, field: String, file: String) throws -> RoleStyle {
        guard let map = node.mapping else {
            throw Failure(file: file, line: node.mark?.line, field: field, reason: "must be a mapping like {fg: cyan}")
        }
        var style = RoleStyle()
        for (key, value) in map {
            let name = key.string ?? ""
            let at = "\(field).\(name)"
            switch name {
            case "fg": style.foreground = try color(value, field: at, file: file)
            case "bg": style.background = try color(value, field: at, file: file)
            case "bold", "dim", "reverse", "underline":
                guard let flag = value.bool else {
                    throw Failure(file: file, line: value.mark?.line, field: at, reason: "must be true or false")
                }
                switch name {
                case "bold": style.bold = flag
                case "dim": style.dim = flag
                case "reverse": style.reverse = flag
                default: style.underline = flag
                }
            default:
                throw Failure(
                    file: file, line: key.mark?.line, field: at,
                    reason: "unknown key; use fg, bg, bold, dim, reverse, underline")
            }
        }
        return style
    }

    static func color(_ node: Node, field: String, file: String) throws -> ThemeColor {
        let text = (node.string ?? "").lowercased()
        if text == "default" { return .terminalDefault }
        if let n = names[text] { return .ansi(n) }
        if text.hasPrefix("#"), text.count == 7, let v = UInt32(text.dropFirst(), radix: 16) {
            return .rgb(UInt8(v >> 16), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF))
        }
        throw Failure(
            file: file, line: node.mark?.line, field: field,
            reason: "'\(node.string ?? "")' is not a colour (a name, #rrggbb or default)")
    }

    static func line(_ error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }
}
