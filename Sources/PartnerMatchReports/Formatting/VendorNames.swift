import PartnerMatch

/// Vendor names for a few ids, found in one pass over the pool (`VendorPool.index(ofID:)` scans the
/// whole pool per id: too slow for every label of a million-vendor sweep).
public struct VendorNames {
    private var names: [String: String] = [:]

    public init(_ pool: VendorPool, ids: some Sequence<String>) {
        var wanted = Set(ids)
        for index in pool.indices where !wanted.isEmpty {
            let id = pool.ids[index]
            if wanted.remove(id) != nil { names[id] = pool.names[index] }
        }
    }

    /// The vendor's name, or `nil` for an id not in the pool.
    public subscript(id: String) -> String? { names[id] }

    /// "V021 Hyderabad Mobile" (the id alone when it is not in the pool).
    public func label(_ id: String) -> String { names[id].map { "\(id) \($0)" } ?? id }
}
