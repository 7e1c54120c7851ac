import FuzzDriver
import PartnerMatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libFuzzer entry point for the ways a vendor file arrives (issue 12): the first byte chooses the
/// read options — a forced encoding (none, UTF-8, UTF-16 LE/BE, Windows-1252), a forced delimiter
/// (none, `,` `;` tab `|`), `--decimal-comma`, a `--sheet` name, a `[columns]` mapping and an `[fx]`
/// table with a scenario currency — and the rest is the file: CSV text in any encoding, or `.xlsx`
/// bytes (the seed corpus holds workbooks). The reader must return or throw `InputError`, whatever
/// the bytes; a crash, hang or sanitizer report is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard size >= 1, let data else { return 0 }
    let selector = data[0]
    let bytes = UnsafeBufferPointer(start: data + 1, count: size - 1)
    let encodings: [TextEncoding?] = [nil, .utf8, .utf16LE, .utf16BE, .windows1252]
    let delimiters: [UInt8?] = [nil, UInt8(ascii: ","), UInt8(ascii: ";"), 9, UInt8(ascii: "|")]
    var options = VendorReadOptions(
        encoding: encodings[Int(selector % 5)],
        delimiter: delimiters[Int(selector / 5 % 5)],
        decimalComma: selector & 0x20 != 0 ? true : nil,
        sheet: selector & 0x40 != 0 ? "Vendors" : nil)
    if selector & 0x80 != 0 {
        options.columns = [ColumnMapping(header: "Rate", field: "hourly_rate", origin: "--map"),
                           ColumnMapping(header: "Notes", field: "pass", origin: "[columns]")]
        options.currency = "USD"
        options.fx = ["EUR": 1.08, "INR": 0.012]
    }
    if let result = try? VendorCSVReader.read(bytes: bytes, source: "fuzz", options: options) {
        // Touch what a later model reads, so a malformed optional column shows up here.
        for index in result.pool.indices.prefix(64) {
            _ = result.pool[index]
            _ = result.pool.ownHourlyRate(of: index)
        }
    }
    return 0
}

@_cdecl("FuzzVendorFormats_main")
public func fuzzerMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runLibFuzzer(argc, argv) { data, size in LLVMFuzzerTestOneInput(data, size) }
}
