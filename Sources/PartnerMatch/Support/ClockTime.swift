/// A local time of day, `HH:MM`, as minutes after midnight. `24:00` is allowed (as an end).
public struct ClockTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Minutes after midnight, 0 ... 1440.
    public let minutes: Int

    public init?(minutes: Int) {
        guard (0...1440).contains(minutes) else { return nil }
        self.minutes = minutes
    }

    /// Parses `H:MM` or `HH:MM` (00:00 ... 23:59, and 24:00). Surrounding spaces are ignored.
    public init?(_ text: some StringProtocol) {
        let trimmed = text.utf8.drop(while: { $0 == 32 }).reversed().drop(while: { $0 == 32 }).reversed()
        let bytes = Array(trimmed)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")),
              (1...2).contains(colon), bytes.count == colon + 3 else { return nil }
        func digits(_ slice: ArraySlice<UInt8>) -> Int? {
            var value = 0
            for byte in slice {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let hours = digits(bytes[..<colon]), let minutes = digits(bytes[(colon + 1)...]),
              minutes < 60, hours < 24 || (hours == 24 && minutes == 0) else { return nil }
        self.minutes = hours * 60 + minutes
    }

    public static func < (a: ClockTime, b: ClockTime) -> Bool { a.minutes < b.minutes }

    public var description: String {
        let h = minutes / 60, m = minutes % 60
        return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }

    public static let nine = ClockTime(minutes: 9 * 60)!
    public static let seventeen = ClockTime(minutes: 17 * 60)!
}
