import Dispatch
import Foundation

/// Cell text and numbers as diagnostics show them.
extension VendorCSVParser {
    /// A cell's text for a message: line ends and other control characters escaped, cut to 40 characters.
    static func shown(_ value: UnsafeBufferPointer<UInt8>) -> String {
        var text = String(decoding: value, as: UTF8.self)
        text = text.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            var escaped = ""
            for scalar in text.unicodeScalars {
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    escaped += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
            text = escaped
        }
        if text.unicodeScalars.count > 40 {
            text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(39))) + "…"
        }
        return text
    }

    /// A number for a message: shortest round-trip form, without a trailing `.0`.
    static func format(_ value: Double) -> String {
        VendorCSVWriter.format(value)
    }
}
