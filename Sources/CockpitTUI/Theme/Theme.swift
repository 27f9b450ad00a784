/// A colour as a theme names it.
public enum ThemeColor: Equatable, Sendable {
    /// The terminal's own foreground or background.
    case terminalDefault
    /// One of the 16 ANSI colours (0–7 normal, 8–15 bright).
    case ansi(Int)
    /// `#rrggbb`, shown as the nearest of the colours the terminal has.
    case rgb(UInt8, UInt8, UInt8)

    /// The curses colour number for a terminal with `colors` colours (-1 for the default).
    public func cursesColor(colors: Int) -> Int {
        switch self {
        case .terminalDefault: return -1
        case .ansi(let n): return colors >= 16 ? n : n % 8
        case .rgb(let r, let g, let b):
            if colors >= 256 { return Self.nearest256(r, g, b) }
            return Self.nearest16(r, g, b) % (colors >= 16 ? 16 : 8)
        }
    }

    /// The nearest entry of the xterm 256-colour cube or grey ramp.
    static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        let levels = [0, 95, 135, 175, 215, 255]
        func index(_ v: UInt8) -> Int { levels.enumerated().min { abs($0.element - Int(v)) < abs($1.element - Int(v)) }!.offset }
        let (ri, gi, bi) = (index(r), index(g), index(b))
        let cube = 16 + 36 * ri + 6 * gi + bi
        let cubeDistance = dist((levels[ri], levels[gi], levels[bi]), (Int(r), Int(g), Int(b)))
        let grey = max(0, min(23, (Int(r) + Int(g) + Int(b)) / 3 / 10 - 1))
        let greyValue = 8 + 10 * grey
        return dist((greyValue, greyValue, greyValue), (Int(r), Int(g), Int(b))) < cubeDistance ? 232 + grey : cube
    }

    /// The nearest of the 16 ANSI colours (xterm's defaults).
    static func nearest16(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        let palette = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
                       (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255)]
        return palette.enumerated().min { dist($0.element, (Int(r), Int(g), Int(b))) < dist($1.element, (Int(r), Int(g), Int(b))) }!.offset
    }

    static func dist(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        (a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1) + (a.2 - b.2) * (a.2 - b.2)
    }
}

/// How one role looks.
public struct RoleStyle: Equatable, Sendable {
    public var foreground: ThemeColor = .terminalDefault
    public var background: ThemeColor = .terminalDefault
    public var bold = false
    public var reverse = false
    public var underline = false
    public var dim = false
}

/// Colours and attributes for every semantic role.
public struct Theme: Equatable, Sendable {
    public var name: String
    public var styles: [StyleRole: RoleStyle]

    public func style(_ role: StyleRole) -> RoleStyle { styles[role] ?? RoleStyle() }

    /// The built-in dark theme: what `themes/default.yaml` describes, and the fallback when a theme cannot be read.
    public static let standard = Theme(name: "default", styles: [
        .frame: RoleStyle(foreground: .ansi(8)), .frameFocus: RoleStyle(foreground: .ansi(14), bold: true),
        .title: RoleStyle(foreground: .ansi(15), bold: true), .crumbs: RoleStyle(foreground: .ansi(8)),
        .treeNode: RoleStyle(foreground: .ansi(12)), .treeLeaf: RoleStyle(),
        .selection: RoleStyle(foreground: .ansi(0), background: .ansi(14)), .selectionUnfocused: RoleStyle(reverse: true, dim: true),
        .header: RoleStyle(foreground: .ansi(15), bold: true), .badgeProd: RoleStyle(foreground: .ansi(15), background: .ansi(1), bold: true),
        .badgeRO: RoleStyle(foreground: .ansi(0), background: .ansi(3)), .statusOK: RoleStyle(foreground: .ansi(2)),
        .statusWarn: RoleStyle(foreground: .ansi(3)), .statusError: RoleStyle(foreground: .ansi(9), bold: true),
        .hintKey: RoleStyle(foreground: .ansi(14), bold: true), .hintText: RoleStyle(foreground: .ansi(7)),
        .dialog: RoleStyle(foreground: .ansi(15), background: .ansi(4)),
        .dialogButtonFocus: RoleStyle(foreground: .ansi(0), background: .ansi(14), bold: true), .chart: RoleStyle(foreground: .ansi(10)),
    ])

    /// Attributes only, for NO_COLOR and monochrome terminals.
    public static let mono = Theme(name: "mono", styles: [
        .frameFocus: RoleStyle(bold: true), .title: RoleStyle(bold: true), .crumbs: RoleStyle(dim: true), .treeNode: RoleStyle(bold: true),
        .selection: RoleStyle(reverse: true), .selectionUnfocused: RoleStyle(underline: true), .header: RoleStyle(bold: true),
        .badgeProd: RoleStyle(bold: true, reverse: true), .badgeRO: RoleStyle(reverse: true), .statusWarn: RoleStyle(bold: true),
        .statusError: RoleStyle(bold: true, reverse: true), .hintKey: RoleStyle(bold: true), .dialog: RoleStyle(),
        .dialogButtonFocus: RoleStyle(reverse: true), .chart: RoleStyle(bold: true),
    ])
}
