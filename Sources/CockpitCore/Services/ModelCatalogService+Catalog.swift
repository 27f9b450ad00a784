import Foundation

extension ModelCatalogService {
    /// The global catalogue as the original lists it: every global, ordered by `model_info.sort_order` (else 9999),
    /// then display name; `includeInactive: false` leaves out those whose `model_info.is_active` is false.
    public func catalog(includeInactive: Bool = true) async throws -> [ModelDeployment] {
        var all: [ModelDeployment] = []
        var page = PageRequest(limit: PageRequest.maxLimit)
        // The catalogue is curated by super-admins; read page by page up to a bound that no catalogue reaches.
        for _ in 0..<100 {
            let p = try await list(page: page)
            all += p.items
            guard let next = p.nextCursor else { break }
            page = PageRequest(limit: PageRequest.maxLimit, cursor: next)
        }
        return
            all
            .filter { includeInactive || $0.isActive }
            .sorted { ($0.sortOrder, $0.displayName) < ($1.sortOrder, $1.displayName) }
    }

    /// Creates or updates a global from the original's catalogue form: the row with `model_id` when it is a
    /// global, else the global with the same `model_name`, else a new row (with `model_id` as its id when given).
    public func upsert(_ entry: CatalogEntry) async throws -> ModelDeployment {
        _ = try context.changing(.superAdmin)
        let name = try Validation.name(entry.modelName, field: "model_name")
        var target: UUID?
        if let id = entry.modelID, let row = try await find(id) {
            guard row.accountID == nil else { throw CockpitError.notFound("Model") }
            target = row.id
        } else if entry.modelID == nil {
            target = try await catalog().first { $0.modelName == name }?.id
        }
        let id = target ?? entry.modelID ?? UUID()
        var input = try entry.input(id: id)
        input.id = target
        return try await upsert(input, account: nil, createAs: target == nil ? id : nil)
    }

    /// The deployment with this id, whoever owns it (super-admin reads).
    func find(_ id: UUID) async throws -> ModelDeployment? {
        try await context.read(.superAdmin) { try ModelDeploymentRepository($0).get(id) }
    }
}

extension ModelDeployment {
    /// `model_info.is_active`, true unless false is stored.
    public var isActive: Bool { modelInfo["is_active"] != .bool(false) }
    /// `model_info.sort_order` when it is a whole number, else 9999.
    public var sortOrder: Int { modelInfo["sort_order"]?.doubleValue.flatMap(CheckedNumber.int) ?? 9_999 }
    /// `model_info.display_name`, else the model name.
    public var displayName: String { modelInfo["display_name"]?.stringValue ?? modelName }
}
