import FuzzDriver
import Foundation
import PartnerMatch

#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer entry point: arbitrary bytes as a run bundle, what `partner-match replay` reads. The
/// input is split at NUL bytes into `inputs.json`, `settings.json`, `result.json`,
/// `inputs/vendors.csv` and `inputs/scenario.toml` (missing parts are left out), written into a
/// scratch directory; then the bundle is opened (copies checked against their hashes), its
/// settings checked against what replay accepts, the originals compared, and the copies parsed as
/// replay parses them. Nothing may crash, hang or read without bound.
@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let parts = bytes.split(separator: 0, maxSplits: 4, omittingEmptySubsequences: false)
    let names = ["inputs.json", "settings.json", "result.json", "inputs/vendors.csv", "inputs/scenario.toml"]
    for name in names { unlink(scratch + "/" + name) }
    for (name, part) in zip(names, parts) {
        let fd = open(scratch + "/" + name, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { continue }
        _ = part.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }
    guard let bundle = try? RunBundle.open(scratch) else { return 0 }
    _ = bundle.settings.unacceptedArgument()
    _ = bundle.changedOriginals()
    if let vendors = bundle.copies["vendors"], let path = bundle.copy(of: "vendors") {
        _ = try? VendorCSVReader.read(bytes: vendors, source: path)
    }
    if let scenario = bundle.copies["scenario"], let path = bundle.copy(of: "scenario") {
        _ = try? ScenarioReader.read(bytes: scenario, path: path)
    }
    _ = RunBundle.readBundleFile(bundle.path(RunBundle.resultFile), limit: RunBundle.metadataLimit)
    return 0
}

/// The scratch bundle directory, made once per process.
let scratch: String = {
    var template = Array("/tmp/pm-fuzz-bundle-XXXXXX".utf8CString)
    let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    precondition(made != nil, "cannot create a scratch directory")
    let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    mkdir(path + "/inputs", 0o755)
    return path
}()

@_cdecl("FuzzReplayBundle_main")
public func fuzzerMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runLibFuzzer(argc, argv) { data, size in LLVMFuzzerTestOneInput(data, size) }
}
