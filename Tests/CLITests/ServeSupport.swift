import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `partner-match serve` started as a subprocess on a free port (`--port 0`): its address and token
/// are read from the first line it prints; `stop()` sends SIGTERM and returns the exit status.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    let token: String
    let url: String
    private let errURL: URL

    init(_ arguments: [String]) throws {
        guard case .success(let binary) = CLIRunner.binary() else { throw ServeError("partner-match binary not found") }
        process.executableURL = binary
        process.arguments = ["serve"] + arguments + ["--port", "0"]
        let out = Pipe()
        errURL = FileManager.default.temporaryDirectory.appendingPathComponent("pm-serve-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // The first line is the address; it comes once the port is listened on.
        var line = [UInt8]()
        let handle = out.fileHandleForReading
        while true {
            let byte = handle.readData(ofLength: 1)
            guard let b = byte.first else { break }
            if b == 0x0A { break }
            line.append(b)
        }
        url = String(decoding: line, as: UTF8.self)
        guard let match = url.firstMatch(of: /^http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]{64})$/) else {
            process.terminate()
            let printed = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
            throw ServeError("serve printed '\(url)', not http://127.0.0.1:PORT/?token=…; stderr: \(printed)")
        }
        port = Int(match.1)!
        token = String(match.2)
    }

    var stderr: String { (try? String(contentsOf: errURL, encoding: .utf8)) ?? "" }

    /// SIGTERM, then the exit status (the process must stop within 10 s).
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate(); return -1 }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: errURL)
    }

    /// One HTTP/1.1 request over a new loopback connection, with exactly the headers given (the
    /// token's unless `token: false`), `Host: 127.0.0.1:PORT` unless `host` says otherwise.
    func request(_ method: String, _ path: String, body: [UInt8] = [], token: Bool = true, host: String? = nil,
                 headers: [(String, String)] = []) throws -> HTTPReply {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nConnection: close\r\n"
        if token { head += "X-Partner-Match-Token: \(self.token)\r\n" }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if method == "POST" { head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n" }
        head += "\r\n"
        return try HTTPReply.exchange(port: port, bytes: Array(head.utf8) + body)
    }

    /// POST /api/ENDPOINT with `{"scenario": scenario, "options": options}` (both JSON texts).
    func api(_ endpoint: String, scenario: String, options: String = "{}") throws -> HTTPReply {
        try request("POST", "/api/\(endpoint)", body: Array("{\"scenario\": \(scenario), \"options\": \(options)}".utf8))
    }
}

struct ServeError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A reply read whole from a connection the server closes (`Connection: close`).
struct HTTPReply: Sendable {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }

    static func exchange(port: Int, bytes: [UInt8]) throws -> HTTPReply {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServeError("socket: \(errno)") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 120, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw ServeError("connect to 127.0.0.1:\(port): errno \(errno)") }
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { break }   // the server may answer (413) and close before reading everything
            sent += n
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            received += buffer[0..<n]
            if let reply = parse(received), reply.body.count >= reply.length { return reply.reply }
        }
        guard let reply = parse(received) else { throw ServeError("no HTTP reply (\(received.count) bytes)") }
        return reply.reply
    }

    private static func parse(_ bytes: [UInt8]) -> (reply: HTTPReply, length: Int, body: [UInt8])? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = (0..<max(0, bytes.count - 3)).first(where: { Array(bytes[$0..<$0 + 4]) == separator }) else { return nil }
        let head = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        guard let statusLine = head.first, statusLine.split(separator: " ").count >= 2,
              let status = Int(statusLine.split(separator: " ")[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let body = Array(bytes[(end + 4)...])
        let length = headers["content-length"].flatMap(Int.init) ?? body.count
        return (HTTPReply(status: status, headers: headers, body: Array(body.prefix(length))), length, body)
    }
}
