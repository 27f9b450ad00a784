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
        func index(_ v: UInt8) -> Int {
            levels.enumerated().min { abs($0.element - Int(v)) < abs($1.element - Int(v)) }!.offset
        }
        let (ri, gi, bi) = (index(r), index(g), index(b))
        let cube = 16 + 36 * ri + 6 * gi + bi
        let cubeDistance = dist((levels[ri], levels[gi], levels[bi]), (Int(r), Int(g), Int(b)))
        let average = Double(Int(r) + Int(g) + Int(b)) / 3
        let grey = max(0, min(23, Int(((average - 8) / 10).rounded())))
        let greyValue = 8 + 10 * grey
        return dist((greyValue, greyValue, greyValue), (Int(r), Int(g), Int(b))) < cubeDistance ? 232 + grey : cube
    }

    /// The nearest of the 16 ANSI colours (xterm's defaults).
    static func nearest16(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        let palette = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
            (229, 229, 229),
            (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
            (255, 255, 255),
        ]
        return palette.enumerated().min {
            dist($0.element, (Int(r), Int(g), Int(b))) < dist($1.element, (Int(r), Int(g), Int(b)))
        }!.offset
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

    /// The shipped dark theme (`themes/default.yaml`); the fallback when a chosen theme cannot be read.
    public static let standard: Theme = (try? ThemeLoader.load("default")) ?? Theme(name: "default", styles: [:])

    /// Attributes only (`themes/mono.yaml`), for NO_COLOR and terminals without colours.
    public static let mono: Theme = (try? ThemeLoader.load("mono")) ?? Theme(name: "mono", styles: [:])
}
