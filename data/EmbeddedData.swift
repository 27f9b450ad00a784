/// Data files of the `data/` folder (the model price table), embedded at build time by the EmbedMigrations plugin.
public enum EmbeddedData {
    /// The text of one data file by name, e.g. `model_prices.json`.
    public static func file(_ name: String) -> String? { files[name] }
}
