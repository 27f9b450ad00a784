/// A frame as the terminal will show it: a grid of cells, each with its text, its width in cells, and the semantic
/// role that picks its colours from the theme. Views draw into one; the presenter sends only the cells that changed
/// since the last frame. A wide character takes its cell and the next one (a continuation cell of width 0).
public struct ScreenBuffer: Equatable, Sendable {
    /// One terminal cell.
    public struct Cell: Equatable, Sendable {
        public var text: String
        /// 1 or 2 for a character, 0 for the second half of a wide one.
        public var width: UInt8
        public var role: StyleRole

        public static let blank = Cell(text: " ", width: 1, role: .normal)
    }

    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Writes text from (x, y) in `role`, at most `limit` cells (to the right edge by default); a wide character that
    /// would not fit is left out. Returns the cells used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: StyleRole, limit: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let end = min(width, x + (limit ?? width))
        var col = x
        for c in text {
            let w = TextWidth.of(c)
            if w == 0 { continue }
            if col + w > end { break }
            if col >= 0 {
                self[col, y] = Cell(text: String(c), width: UInt8(w), role: role)
                if w == 2 { self[col + 1, y] = Cell(text: "", width: 0, role: role) }
            }
            col += w
        }
        return col - x
    }

    /// Fills a rectangle with spaces in `role`.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, role: StyleRole) {
        for row in max(0, y)..<min(height, y + h) {
            for col in max(0, x)..<min(width, x + w) { self[col, row] = Cell(text: " ", width: 1, role: role) }
        }
    }

    /// Sets the role of the cells of a row segment, keeping their text (selection bars).
    public mutating func paint(x: Int, y: Int, width w: Int, role: StyleRole) {
        guard y >= 0, y < height else { return }
        for col in max(0, x)..<min(width, x + w) { self[col, y].role = role }
    }

    /// The text of each row, wide characters once (snapshot tests).
    public var lines: [String] {
        (0..<height).map { y in (0..<width).map { self[$0, y].text }.joined() }
    }

    /// One letter per cell naming its role (snapshot tests of style).
    public var styleMask: [String] {
        (0..<height).map { y in String((0..<width).map { self[$0, y].role.maskLetter }) }
    }

    /// The rows whose cells differ from `previous` (all of them when the size changed): what the presenter redraws.
    public func changedRows(since previous: ScreenBuffer?) -> [Int] {
        guard let previous, previous.width == width, previous.height == height else { return Array(0..<height) }
        return (0..<height).filter { y in
            let start = y * width
            return cells[start..<(start + width)] != previous.cells[start..<(start + width)]
        }
    }
}
