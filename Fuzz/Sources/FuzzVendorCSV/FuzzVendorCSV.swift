import FuzzDriver
import PartnerMatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libFuzzer entry point: arbitrary bytes through `VendorCSVReader`, and a round trip through
/// `VendorCSVWriter` for every input that reads without errors.
///
/// The reader must return or throw `InputError` for any bytes (a crash, hang or sanitizer report is
/// a bug). A pool it accepts, written and read again, must give the same vendors: otherwise the
/// target prints both and aborts, which libFuzzer records as a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let first = try? VendorCSVReader.read(bytes: bytes, source: "fuzz.csv") else { return 0 }
    let written = VendorCSVWriter.bytes(first.pool)
    let second: VendorReadResult
    do {
        second = try VendorCSVReader.read(bytes: written, source: "roundtrip.csv")
    } catch {
        fail("the written pool does not read back: \(error)\n--- written ---\n\(String(decoding: written, as: UTF8.self))")
    }
    guard first.pool.count == second.pool.count, first.pool.extraColumns == second.pool.extraColumns else {
        fail("round trip changed the pool's shape: \(first.pool.count) → \(second.pool.count) vendors")
    }
    for index in first.pool.indices where !same(first.pool[index], second.pool[index]) {
        fail("round trip changed vendor \(index):\n  \(first.pool[index])\n  \(second.pool[index])")
    }
    return 0
}

/// Vendors equal field by field (NaN-free: the reader rejects NaN where it matters).
func same(_ a: Vendor, _ b: Vendor) -> Bool { a == b }

func fail(_ message: String) -> Never {
    let bytes = Array("FuzzVendorCSV: \(message)\n".utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    abort()
}

@_cdecl("FuzzVendorCSV_main")
public func fuzzerMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runLibFuzzer(argc, argv) { data, size in LLVMFuzzerTestOneInput(data, size) }
}
