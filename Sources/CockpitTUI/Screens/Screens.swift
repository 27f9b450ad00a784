/// Every view of the cockpit besides the trees, in the order the help lists them. Adding a view: a file in this folder
/// with a type conforming to `Screen`, and its line here.
public enum Screens {
    public static let all: [any Screen.Type] = [
        AccountsScreen.self,
        AdminsScreen.self,
        KeysScreen.self,
        BudgetScreen.self,
        ModelsScreen.self,
        GrantsScreen.self,
        FeaturesScreen.self,
        PolicyScreen.self,
        CatalogScreen.self,
        SpendScreen.self,
        CreditsScreen.self,
        CreditUsageScreen.self,
        AgentsScreen.self,
        ConnectionsScreen.self,
        MarketplaceScreen.self,
        GuardrailsScreen.self,
        LogsScreen.self,
        AuditScreen.self,
        ZitadelScreen.self,
    ]

    /// The view with this name (its `:` command).
    public static func named(_ name: String) -> (any Screen.Type)? { all.first { $0.name == name } }
}
