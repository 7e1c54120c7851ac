/// The (v2) columns of a pool read from `currency`, `rates` and `onboarding_cost`: kept only when
/// a file or a vendor has them, so pools without them cost nothing more.
extension VendorPool {
    /// The currency vendor `index`'s file amounts were in; `nil`: the scenario's.
    public func currency(of index: Int) -> String? {
        currencyIndex.isEmpty ? nil : currencies.display[Int(currencyIndex[index])]
    }

    /// Vendor `index`'s rate for a skill (converted): its `rates` entry, else `hourlyRate`.
    public func rate(of index: Int, skill: Int32) -> Double {
        skillRates[index]?[skill] ?? hourlyRate[index]
    }

    /// Vendor `index`'s onboarding cost (converted), or `nil` when its file gave none.
    public func onboarding(of index: Int) -> Double? {
        guard !onboardingCost.isEmpty, !onboardingCost[index].isNaN else { return nil }
        return onboardingCost[index]
    }

    /// The vendor's amounts as its file gave them: `hourlyRate` divided back by its currency's factor.
    public func ownHourlyRate(of index: Int) -> (amount: Double, currency: String)? {
        guard !currencyIndex.isEmpty else { return nil }
        let id = Int(currencyIndex[index])
        let factor = currencyFactor[id]
        return (factor.isNaN ? hourlyRate[index] : hourlyRate[index] / factor, currencies.display[id])
    }

    /// Appends the optional columns for a vendor built in code (`append(_:)`), back-filling earlier rows.
    mutating func appendOptionalColumns(_ vendor: Vendor) {
        let row = hourlyRate.count - 1 // the row being appended (`append(_:)` has appended its rate already)
        if let currency = vendor.currency ?? (currencyIndex.isEmpty ? nil : "") {
            if currencyIndex.isEmpty, row > 0 {
                let blank = Int32(currencies.intern("", key: ""))
                if currencyFactor.count < currencies.count { currencyFactor.append(1) }
                currencyIndex = Array(repeating: blank, count: row)
            }
            let id = currencies.intern(currency, key: currency)
            if currencyFactor.count < currencies.count { currencyFactor.append(1) }
            currencyIndex.append(Int32(id))
        }
        if vendor.onboardingCost != nil || !onboardingCost.isEmpty {
            if onboardingCost.isEmpty, row > 0 { onboardingCost = Array(repeating: .nan, count: row) }
            onboardingCost.append(vendor.onboardingCost ?? .nan)
        }
        if !vendor.rates.isEmpty {
            var rates: [Int32: Double] = [:]
            for (skill, rate) in vendor.rates { rates[Int32(skillTokens.intern(skill))] = rate }
            skillRates[row] = rates
        }
    }

    /// Appends `other`'s optional columns (a chunk of the same file) after this pool's `rowOffset` rows.
    mutating func appendOptionalColumns(of other: VendorPool, rowOffset: Int) {
        if !other.currencyIndex.isEmpty {
            let map = other.currencies.display.indices.map { index -> Int32 in
                let id = currencies.intern(other.currencies.display[index], key: other.currencies.keys[index])
                if currencyFactor.count < currencies.count { currencyFactor.append(other.currencyFactor[index]) }
                return Int32(id)
            }
            currencyIndex.append(contentsOf: other.currencyIndex.lazy.map { map[Int($0)] })
        }
        onboardingCost.append(contentsOf: other.onboardingCost)
        if !other.skillRates.isEmpty {
            let skillMap = other.skillTokens.display.indices.map {
                Int32(skillTokens.id(of: other.skillTokens.display[$0]) ?? skillTokens.intern(other.skillTokens.display[$0]))
            }
            for (row, rates) in other.skillRates {
                skillRates[row + rowOffset] = Dictionary(uniqueKeysWithValues: rates.map { (skillMap[Int($0.key)], $0.value) })
            }
        }
    }
}
