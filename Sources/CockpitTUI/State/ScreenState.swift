import Foundation

/// Which registered view is open, and where in it.
public struct ScreenState: Equatable, Sendable {
    /// The view's `Screen.name`.
    public var name: String
    /// The selected row of a list view.
    public var selected = 0
    /// The view's argument as typed after its command (`30d` for `:spend 30d`), checked by `Screen.open`.
    public var argument: String?
    /// What a view that binds `/` filters its rows by, and whether it is being typed.
    public var filter = ""
    public var typingFilter = false

    public init(name: String, selected: Int = 0, argument: String? = nil) {
        self.name = name
        self.selected = selected
        self.argument = argument
    }
}

/// A view's data in the account's session, whatever its type: views store and read their own.
public struct ScreenData: Equatable, @unchecked Sendable {
    private let value: Any
    private let same: (Any) -> Bool

    public init<T: Equatable & Sendable>(_ value: T) {
        self.value = value
        same = { ($0 as? T) == value }
    }

    /// The value, when it is a `T`.
    public func get<T>(_ type: T.Type = T.self) -> T? { value as? T }

    public static func == (a: ScreenData, b: ScreenData) -> Bool { a.same(b.value) }
}
