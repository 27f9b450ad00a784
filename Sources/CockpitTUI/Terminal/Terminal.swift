import CNcursesw
import Foundation

/// The only code that calls curses, as an actor on its own thread: start (locale, wide characters, a short escape
/// delay, colours from the theme), key reads with a timeout, frames drawn as the rows that changed, and `endwin` on
/// stop — which the app calls on every way out (quit, SIGINT, SIGTERM, a fatal error).
public actor Terminal {
    private let thread = CursesThread()
    public nonisolated var unownedExecutor: UnownedSerialExecutor { thread.asUnownedSerialExecutor() }
    private var running = false
    private var previous: ScreenBuffer?
    private var pairs: [StyleRole: (attr: attr_t, pair: Int16)] = [:]

    public init() {}

    /// Takes over the terminal. `color` false (NO_COLOR, `mono`) uses attributes only.
    public func start(theme: Theme, color: Bool) {
        guard !running else { return }
        _ = cockpit_set_locale_from_env()
        initscr()
        cbreak()
        noecho()
        nonl()
        keypad(cockpit_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        wtimeout(cockpit_stdscr(), 100)
        let colors = color && has_colors() ? (start_color() == OK ? Int(cockpit_colors()) : 0) : 0
        if colors > 0 { use_default_colors() }
        for (i, role) in StyleRole.allCases.enumerated() {
            let style = (colors > 0 ? theme : .mono).style(role)
            var attr: attr_t = 0
            if style.bold { attr |= cockpit_a_bold() }
            if style.reverse { attr |= cockpit_a_reverse() }
            if style.underline { attr |= cockpit_a_underline() }
            if style.dim { attr |= cockpit_a_dim() }
            var pair: Int16 = 0
            if colors > 0, i + 1 < Int(cockpit_color_pairs()) {
                pair = Int16(i + 1)
                init_pair(
                    pair, Int16(style.foreground.cursesColor(colors: colors)),
                    Int16(style.background.cursesColor(colors: colors)))
            }
            pairs[role] = (attr, pair)
        }
        running = true
        previous = nil
    }

    /// Gives the terminal back (`endwin`); safe to call twice.
    public func stop() {
        guard running else { return }
        running = false
        endwin()
    }

    /// Columns and rows now.
    public func size() -> (width: Int, height: Int) {
        var y: Int32 = 0, x: Int32 = 0
        cockpit_getmaxyx(cockpit_stdscr(), &y, &x)
        return (Int(x), Int(y))
    }

    /// The next key, or nil when none came within 100 ms.
    public func readKey() -> Key? {
        var isCode: Int32 = 0, value: UInt32 = 0
        guard cockpit_read_key(&isCode, &value) != ERR else { return nil }
        if isCode != 0 {
            switch Int32(value) {
            case KEY_UP: return .up
            case KEY_DOWN: return .down
            case KEY_LEFT: return .left
            case KEY_RIGHT: return .right
            case KEY_HOME: return .home
            case KEY_END: return .end
            case KEY_NPAGE: return .pageDown
            case KEY_PPAGE: return .pageUp
            case KEY_BTAB: return .backTab
            case KEY_BACKSPACE: return .backspace
            case KEY_ENTER: return .enter
            case KEY_RESIZE: previous = nil; return .resize
            default: return nil
            }
        }
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        default: return Unicode.Scalar(value).map { .char(Character($0)) }
        }
    }

    /// Draws a frame: only the rows that differ from the last one, each as runs of one role.
    public func present(_ frame: ScreenBuffer) {
        guard running else { return }
        for y in frame.changedRows(since: previous) {
            var x = 0
            while x < frame.width {
                let role = frame[x, y].role
                var run = ""
                let start = x
                while x < frame.width, frame[x, y].role == role {
                    run += frame[x, y].text
                    x += 1
                }
                let style = pairs[role] ?? (0, 0)
                cockpit_set_attr(style.attr, style.pair)
                var wide = run.unicodeScalars.map { wchar_t(bitPattern: $0.value) } + [0]
                mvwaddwstr(cockpit_stdscr(), Int32(y), Int32(start), &wide)
            }
        }
        previous = frame
        wrefresh(cockpit_stdscr())
    }

    /// Puts text on the system clipboard through the terminal (OSC 52: works over SSH and inside tmux).
    public func copyToClipboard(_ text: String) {
        let payload = Data(text.utf8).base64EncodedString()
        let sequence =
            ProcessInfo.processInfo.environment["TMUX"] != nil
            ? "\u{1B}Ptmux;\u{1B}\u{1B}]52;c;\(payload)\u{07}\u{1B}\\" : "\u{1B}]52;c;\(payload)\u{07}"
        FileHandle.standardOutput.write(Data(sequence.utf8))
    }
}
