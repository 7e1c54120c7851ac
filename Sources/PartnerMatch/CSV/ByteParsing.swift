import Foundation

/// Locale-independent parsing of numbers and clock times straight from UTF-8 bytes.
///
/// Nothing here consults the C locale or Foundation formatters, so `45.5` is 45.5 under `de_DE`
/// as under `C`, and `45,5` is never a number.
enum ByteParsing {
    /// The bytes without leading and trailing spaces and tabs.
    @inline(__always)
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var lower = 0, upper = bytes.count
        while lower < upper, bytes[lower] == 32 || bytes[lower] == 9 { lower += 1 }
        while upper > lower, bytes[upper - 1] == 32 || bytes[upper - 1] == 9 { upper -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[lower..<upper])
    }

    /// 10^k for 0 ≤ k ≤ 22, exactly: each product is an exactly representable power of ten.
    @inline(__always)
    private static func powerOfTen(_ k: Int) -> Double {
        var value = 1.0
        for _ in 0..<k { value *= 10 }
        return value
    }

    /// Parses a decimal number, `[+-]?(d+(.d*)?|.d+)([eE][+-]?d+)?`, correctly rounded; `nil` for
    /// anything else (including `nan`, `inf`, hexadecimal, thousands separators, decimal commas) and for
    /// values that overflow to infinity.
    ///
    /// Numbers with at most 15 significant digits and a small decimal exponent (nearly all real cells)
    /// are computed exactly with one IEEE operation (Clinger's fast path); the rest go to the standard
    /// library's locale-independent `Double(_: String)`.
    static func parseDouble(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        let n = bytes.count
        // Most cells are up to 15 digits with at most one point (`25.65`, `4.5`, `67`): fewer than 16
        // significant digits, so the mantissa is exact and one division by an exact power of ten is
        // correctly rounded. One loop with no bookkeeping (six such cells a vendor row).
        if n <= 15, let base = bytes.baseAddress {
            var mantissa = 0 // below 10^15: a signed conversion to Double (one instruction) is exact
            var point = -1
            var index = 0
            while index < n {
                let byte = base[index]
                if byte &- 48 < 10 {
                    mantissa = mantissa &* 10 &+ Int(byte &- 48)
                } else if byte == UInt8(ascii: "."), point < 0 {
                    point = index
                } else {
                    break
                }
                index += 1
            }
            if index == n, n > (point < 0 ? 0 : 1) {
                return point < 0 ? Double(mantissa) : Double(mantissa) / powerOfTen(n - 1 - point)
            }
        }
        var index = 0
        var negative = false
        if index < n, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var mantissa: UInt64 = 0
        var significant = 0
        var digits = 0
        var fractionDigits = 0
        while index < n, bytes[index] &- 48 < 10 {
            let digit = UInt64(bytes[index] &- 48)
            if mantissa != 0 || digit != 0 { significant += 1 }
            if significant <= 19 { mantissa = mantissa &* 10 &+ digit }
            digits += 1
            index += 1
        }
        if index < n, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < n, bytes[index] &- 48 < 10 {
                let digit = UInt64(bytes[index] &- 48)
                if mantissa != 0 || digit != 0 { significant += 1 }
                if significant <= 19 { mantissa = mantissa &* 10 &+ digit; fractionDigits += 1 }
                digits += 1
                index += 1
            }
        }
        guard digits > 0 else { return nil }
        var exponent = 0
        if index < n, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            var exponentNegative = false
            if index < n, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var exponentDigits = 0
            while index < n, bytes[index] &- 48 < 10 {
                if exponent < 100_000 { exponent = exponent * 10 + Int(bytes[index] &- 48) }
                exponentDigits += 1
                index += 1
            }
            guard exponentDigits > 0 else { return nil }
            if exponentNegative { exponent = -exponent }
        }
        guard index == n else { return nil }

        let decimalExponent = exponent - fractionDigits
        if significant <= 15, (-22...22).contains(decimalExponent) {
            var value = Double(mantissa)
            if decimalExponent >= 0 {
                value *= powerOfTen(decimalExponent)
            } else {
                value /= powerOfTen(-decimalExponent)
            }
            return negative ? -value : value
        }
        guard let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }

    /// Parses `H:MM` or `HH:MM` as minutes after midnight (00:00 ... 23:59, and 24:00), the grammar of
    /// `ClockTime.init?(_:)`; `nil` otherwise.
    static func parseClock(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = bytes.count
        guard n == 4 || n == 5, bytes[n - 3] == UInt8(ascii: ":") else { return nil }
        var hours = 0
        for index in 0..<(n - 3) {
            let digit = bytes[index] &- 48
            guard digit < 10 else { return nil }
            hours = hours * 10 + Int(digit)
        }
        let tens = bytes[n - 2] &- 48, ones = bytes[n - 1] &- 48
        guard tens < 10, ones < 10 else { return nil }
        let minutes = Int(tens) * 10 + Int(ones)
        guard minutes < 60, hours < 24 || (hours == 24 && minutes == 0) else { return nil }
        return hours * 60 + minutes
    }
}

/// An open-addressing hash table keyed by byte strings (copied in), with an `Int32` value per key.
///
/// The reader uses it to look up ids, zones and tokens by their bytes without making a `String`.
struct ByteStringTable {
    private var keyBytes: [UInt8] = []
    private var keyEnds: [Int] = []
    private(set) var values: [Int32] = []
    /// Per slot: 0 when empty, else the key hash's upper 32 bits (a tag that spares most key
    /// comparisons and look-ups elsewhere) over the entry index + 1 in the lower 32 bits.
    private var slots: [UInt64]
    private var mask: Int

    init(capacity: Int = 16, keyBytes: Int = 0) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        self.keyBytes.reserveCapacity(keyBytes)
        keyEnds.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }

    var count: Int { values.count }

    /// Eight bytes a step (keys are zones and token cells of 10–30 bytes: a byte-at-a-time hash was
    /// a tenth of reading a million vendors); the last step loads the final eight bytes, overlapping.
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = key.count
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(truncatingIfNeeded: n)
        if n >= 8, let base = key.baseAddress {
            let raw = UnsafeRawPointer(base)
            var i = 0
            while i + 8 < n {
                h = (h ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))) &* 0x9E37_79B9_7F4A_7C15
                h ^= h >> 32
                i += 8
            }
            h = (h ^ UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self))) &* 0x9E37_79B9_7F4A_7C15
        } else if n >= 4, let base = key.baseAddress {
            // 4–7 bytes (`SOC2`, `ios;qa`): the first and the last four, overlapping, in one word.
            let raw = UnsafeRawPointer(base)
            let word = UInt64(raw.loadUnaligned(as: UInt32.self)) << 32 | UInt64(raw.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))
            h = (h ^ word) &* 0x9E37_79B9_7F4A_7C15
        } else {
            for byte in key { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        h ^= h >> 29
        h = h &* 0xbf58_476d_1ce4_e5b9
        return h ^ (h >> 32)
    }

    /// The value stored for `key`, if any.
    func value(for key: UnsafeBufferPointer<UInt8>) -> Int32? {
        let h = Self.hash(key)
        let slot = find(key, hash: h)
        let entry = Int(truncatingIfNeeded: slots[slot] & 0xFFFF_FFFF)
        return entry == 0 ? nil : values[entry - 1]
    }

    /// The value stored for `key`, or stores `make()` for it. `inserted` tells which.
    mutating func value(for key: UnsafeBufferPointer<UInt8>, orInsert make: () -> Int32) -> (value: Int32, inserted: Bool) {
        let h = Self.hash(key)
        let slot = find(key, hash: h)
        let entry = Int(truncatingIfNeeded: slots[slot] & 0xFFFF_FFFF)
        if entry != 0 { return (values[entry - 1], false) }
        let value = make()
        keyBytes.append(contentsOf: key)
        keyEnds.append(keyBytes.count)
        values.append(value)
        slots[slot] = (h & 0xFFFF_FFFF_0000_0000) | UInt64(values.count)
        if values.count * 2 > slots.count { grow() }
        return (value, true)
    }

    private func find(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int {
        let tag = h & 0xFFFF_FFFF_0000_0000
        var slot = Int(truncatingIfNeeded: h) & mask
        return slots.withUnsafeBufferPointer { slots in
            keyEnds.withUnsafeBufferPointer { keyEnds in
                keyBytes.withUnsafeBufferPointer { stored in
                    while true {
                        let content = slots[slot]
                        if content == 0 { return slot }
                        if content & 0xFFFF_FFFF_0000_0000 == tag {
                            let entry = Int(truncatingIfNeeded: content & 0xFFFF_FFFF)
                            let start = entry == 1 ? 0 : keyEnds[entry - 2]
                            if keyEnds[entry - 1] - start == key.count
                                && Self.equal(UnsafeRawPointer(stored.baseAddress! + start), key) {
                                return slot
                            }
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }

    /// Whether the `key.count` bytes at `stored` equal `key`, a word at a time with no call (keys are
    /// zones and token cells of 4–40 bytes); the last word overlaps the one before.
    @inline(__always)
    private static func equal(_ stored: UnsafeRawPointer, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = key.count
        guard n > 0, let base = key.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        guard n >= 8 else {
            guard n >= 4 else { return memcmp(stored, raw, n) == 0 }
            return stored.loadUnaligned(as: UInt32.self) == raw.loadUnaligned(as: UInt32.self)
                && stored.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self) == raw.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
        }
        var offset = 0
        while offset + 8 < n {
            if stored.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) {
                return false
            }
            offset += 8
        }
        return stored.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) == raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
    }

    private mutating func grow() {
        let old = slots
        let size = slots.count * 2
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        // Rehash from the keys (the slots keep only the upper half of each hash).
        for content in old where content != 0 {
            let entry = Int(truncatingIfNeeded: content & 0xFFFF_FFFF)
            let start = entry == 1 ? 0 : keyEnds[entry - 2]
            let h = keyBytes.withUnsafeBufferPointer { Self.hash(UnsafeBufferPointer(rebasing: $0[start..<keyEnds[entry - 1]])) }
            var slot = Int(truncatingIfNeeded: h) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = content
        }
    }
}
