/// The fixed shape of the demo data: three companies, their trees, people and models.
enum DemoData {
    struct Company {
        let name: String
        let domain: String
        let production: Bool
        let consoleOrgs: [(name: String, teams: [String])]
        let copilotOrgs: [(name: String, teams: [String])]
        let budget: Double
    }

    static let password = "demo-password"

    static let companies: [Company] = [
        Company(
            name: "Acme Corp", domain: "acme.io", production: true,
            consoleOrgs: [
                ("Platform", ["SRE", "Payments", "Identity"]), ("Product", ["Web", "Mobile"]),
                ("Research", ["ML", "Data"]),
            ],
            copilotOrgs: [("global", ["Research", "Support"]), ("Sales", ["EMEA", "Americas"])], budget: 5000),
        Company(
            name: "Globex", domain: "globex.com", production: false,
            consoleOrgs: [("Engineering", ["Backend", "Frontend", "QA"]), ("Analytics", ["BI"])],
            copilotOrgs: [("global", ["Legal", "Finance", "HR"])], budget: 2000),
        Company(
            name: "Initech", domain: "initech.com", production: false,
            consoleOrgs: [("Software", ["TPS Reports", "Mainframe"]), ("Operations", ["Facilities"])],
            copilotOrgs: [("global", ["Help Desk"]), ("Management", ["Division Heads"])], budget: 750),
    ]

    static let firstNames = [
        "Alice", "Bob", "Chloé", "Dmitri", "Eva", "Farid", "Grace", "Hiro", "Ines", "José", "Katarzyna",
        "Liam", "Mei", "Nils", "Olga", "Priya", "Quentin", "Rosa", "Søren", "Tomás", "Uma", "Viktor",
        "Wen", "Xavier", "Yuki", "Zoë", "李娜", "佐藤",
    ]
    static let lastNames = [
        "Anderson", "Brown", "Chen", "Dubois", "Eriksen", "Fischer", "García", "Hansen", "Ito", "Jensen",
        "Kowalski", "Lopez", "Müller", "Nakamura", "O'Brien", "Petrov", "Rossi", "Schmidt", "Tanaka", "Weber",
    ]

    /// Global catalogue: public name, provider route, prices per million tokens (input, output).
    static let models: [(name: String, route: String, input: Double, output: Double)] = [
        ("gpt-4o-mini", "openai/gpt-4o-mini", 0.15, 0.60),
        ("gpt-4o", "openai/gpt-4o", 2.50, 10.00),
        ("claude-3-5-sonnet", "anthropic/claude-3-5-sonnet-20241022", 3.00, 15.00),
        ("text-embedding-3-small", "openai/text-embedding-3-small", 0.02, 0),
        ("demo-chat", "mock/demo-chat", 0.10, 0.30),
    ]
}
