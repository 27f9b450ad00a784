/// The theme files of `themes/` (`default.yaml`, `light.yaml`, `high-contrast.yaml`, `mono.yaml`), embedded at build time.
public enum EmbeddedThemes {
    /// The text of a theme file by name (`default.yaml`).
    public static func file(_ name: String) -> String? { files[name] }
    /// The names of the shipped themes, without `.yaml`.
    public static var names: [String] { files.keys.map { String($0.dropLast(5)) }.sorted() }
}
