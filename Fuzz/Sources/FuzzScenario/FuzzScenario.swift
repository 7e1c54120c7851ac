import FuzzDriver
import PartnerMatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libFuzzer entry point: arbitrary bytes through `ScenarioReader.parse`, as JSON when the first
/// byte is `{`, else as TOML (a user chooses by the file extension, so both parsers must survive
/// any text). Bytes that are not UTF-8 are decoded with replacement
/// characters, as `ScenarioReader.read(path:)` would reject them before parsing anyway.
@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let text = String(decoding: bytes, as: UTF8.self)
    let format: ScenarioReader.Format = bytes.first == UInt8(ascii: "{") ? .json : .toml
    _ = try? ScenarioReader.parse(text, file: format == .json ? "fuzz.json" : "fuzz.toml", format: format)
    return 0
}

@_cdecl("FuzzScenario_main")
public func fuzzerMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runLibFuzzer(argc, argv) { data, size in LLVMFuzzerTestOneInput(data, size) }
}
