import FlyingFox
import Foundation
import PartnerMatch
import PartnerMatchReports

/// The HTTP side of `serve`: who may ask (token, Host, Origin), what may be asked (a fixed list of
/// routes; no path is ever mapped to a file), how much (bounded bodies, bounded computations), and the
/// headers every answer carries (a strict Content-Security-Policy among them). docs/SERVE.md, "Safety".
struct WorkbenchHandler: HTTPHandler {
    let api: ServeAPI
    let gate: SolveGate
    /// Answers already computed (`--cache`), given again without a worker.
    let cache: AnswerCache
    let token: String
    /// The `Host` values this server answers to (`127.0.0.1:PORT`, `localhost:PORT`, …).
    let hosts: Set<String>
    /// The largest request body read, in bytes.
    let bodyLimit: Int
    /// What the page loads first: the scenario file's JSON form and facts about the pool.
    let start: [UInt8]

    static let cookie = "pm_token"

    static let securityHeaders: [(HTTPHeader, String)] = [
        (HTTPHeader("Content-Security-Policy"),
         "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; connect-src 'self'; "
            + "form-action 'none'; frame-ancestors 'none'; base-uri 'none'"),
        (HTTPHeader("X-Content-Type-Options"), "nosniff"),
        (HTTPHeader("X-Frame-Options"), "DENY"),
        (HTTPHeader("Referrer-Policy"), "no-referrer"),
        (HTTPHeader("Cache-Control"), "no-store"),
        (HTTPHeader("Cross-Origin-Opener-Policy"), "same-origin"),
        (HTTPHeader("Cross-Origin-Resource-Policy"), "same-origin"),
    ]

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let answer = await route(request)
        var headers = HTTPHeaders()
        for (name, value) in Self.securityHeaders { headers[name] = value }
        headers[.contentType] = answer.contentType
        for (name, value) in answer.headers { headers[HTTPHeader(name)] = value }
        return HTTPResponse(statusCode: HTTPStatusCode(answer.status, phrase: Self.phrase(answer.status)), headers: headers,
                            body: Data(answer.body))
    }

    struct Answer {
        var status: Int
        var contentType: String
        var body: [UInt8]
        var headers: [(String, String)] = []

        init(_ answer: ServeAnswer) { (status, contentType, body) = (answer.status, answer.contentType, answer.body) }
        init(status: Int, contentType: String, body: [UInt8], headers: [(String, String)] = []) {
            (self.status, self.contentType, self.body, self.headers) = (status, contentType, body, headers)
        }
        static func text(_ status: Int, _ message: String) -> Answer {
            Answer(.error(status, message))
        }
    }

    func route(_ request: HTTPRequest) async -> Answer {
        // DNS rebinding and cross-site requests: the Host must be this server's, and so must any Origin.
        guard let host = request.headers[.host], hosts.contains(host.lowercased()) else {
            return .text(403, "refused: the Host header is not this server's (\(hosts.sorted().joined(separator: ", ")))")
        }
        if let origin = request.headers[HTTPHeader("Origin")], !hosts.contains(where: { "http://" + $0 == origin.lowercased() }) {
            return .text(403, "refused: the request comes from another origin")
        }
        if request.headers[HTTPHeader("Sec-Fetch-Site")].map({ $0 == "cross-site" || $0 == "same-site" }) == true {
            return .text(403, "refused: a cross-site request")
        }
        let path = request.path
        // The page's address carries the token once: it is set as a cookie and the address cleaned.
        if request.method == .GET, path == "/", let offered = request.query.first(where: { $0.name == "token" })?.value {
            guard Self.same(offered, token) else { return .text(401, "the token in the address is not this server's: copy the address serve printed") }
            return Answer(status: 303, contentType: "text/plain; charset=utf-8", body: Array("see /\n".utf8), headers: [
                ("Location", "/"),
                ("Set-Cookie", "\(Self.cookie)=\(token); Path=/; HttpOnly; SameSite=Strict"),
            ])
        }
        guard authorised(request) else {
            return .text(401, "a token is needed: open the address serve printed, or send the header X-Partner-Match-Token")
        }
        switch (request.method, path) {
        case (.GET, "/"): return Answer(status: 200, contentType: "text/html; charset=utf-8", body: Array(WorkbenchPage.html.utf8))
        case (.GET, "/app.js"): return Answer(status: 200, contentType: "text/javascript; charset=utf-8", body: Array(WorkbenchPage.script.utf8))
        case (.GET, "/app.css"): return Answer(status: 200, contentType: "text/css; charset=utf-8", body: Array(WorkbenchPage.style.utf8))
        case (.GET, "/api/start"): return Answer(.json(start))
        case (.GET, "/api/health"):
            let c = cache.statistics
            return Answer(.json(Array("{\"status\":\"ok\",\"load\":\(gate.load),\"cache\":{\"hits\":\(c.hits),\"misses\":\(c.misses),\"kept\":\(c.kept)}}\n".utf8)))
        default: break
        }
        guard path.hasPrefix("/api/"), let endpoint = ServeAPI.Endpoint(rawValue: String(path.dropFirst(5))) else {
            return .text(404, "not found: \(HumanText.inline(String(path.prefix(200))))")
        }
        guard request.method == .POST else {
            return Answer(status: 405, contentType: "application/json; charset=utf-8",
                          body: ServeAnswer.error(405, "use POST for \(path)").body, headers: [("Allow", "POST")])
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > bodyLimit {
            return .text(413, "the body is \(length) bytes; at most \(bodyLimit) are read (a scenario is small: docs/LIMITS.md)")
        }
        var body = Data()
        do {
            for try await chunk in request.bodySequence {
                body.append(chunk)
                if body.count > bodyLimit {
                    return .text(413, "the body is more than \(bodyLimit) bytes (a scenario is small: docs/LIMITS.md)")
                }
            }
        } catch {
            return .text(400, "the body could not be read: \(error)")
        }
        let (api, cache) = (self.api, self.cache)
        let bytes = [UInt8](body)
        if let kept = cache.kept(endpoint.rawValue, body: bytes) { return Answer(kept) }
        guard let answer = await gate.run({ cache.answer(endpoint.rawValue, body: bytes) { api.answer(endpoint, body: bytes) } }) else {
            return Answer(status: 503, contentType: "application/json; charset=utf-8",
                          body: ServeAnswer.error(503, "busy: \(gate.capacity) computations are running or waiting; try again").body,
                          headers: [("Retry-After", "1")])
        }
        return Answer(answer)
    }

    func authorised(_ request: HTTPRequest) -> Bool {
        if let header = request.headers[HTTPHeader("X-Partner-Match-Token")], Self.same(header, token) { return true }
        if let header = request.headers[HTTPHeader("Authorization")], header.hasPrefix("Bearer "),
           Self.same(String(header.dropFirst(7)), token) { return true }
        if let cookies = request.headers[HTTPHeader("Cookie")] {
            for part in cookies.split(separator: ";") {
                let pair = part.trimmingCharacters(in: .whitespaces)
                if pair.hasPrefix(Self.cookie + "="), Self.same(String(pair.dropFirst(Self.cookie.count + 1)), token) { return true }
            }
        }
        return false
    }

    /// Compares in time independent of where the strings differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// A new token: 32 random bytes from the system's generator, as hex.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    static func phrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 303: "See Other"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 413: "Payload Too Large"
        case 422: "Unprocessable Content"
        case 503: "Service Unavailable"
        default: "Error"
        }
    }
}
