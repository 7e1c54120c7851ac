import FlyingFox
import FlyingSocks
import Foundation

/// FlyingFox's socket pool, with Nagle's algorithm switched off on every socket it waits on
/// (`TCP_NODELAY`). FlyingFox writes an answer's head and body in separate sends; with Nagle on, the
/// body waits for the client's delayed ACK of the head — about 40 ms on Linux loopback, for every
/// answer. Measured on the bundled pool, one client asking a kept answer again and again: 44 ms an
/// answer before, 2 ms after (docs/SERVE.md, "Answer cache and reuse").
struct NoDelayPool: AsyncSocketPool {
    let base: any AsyncSocketPool

    init(base: any AsyncSocketPool = HTTPServer.defaultPool()) { self.base = base }

    func prepare() async throws { try await base.prepare() }
    func run() async throws { try await base.run() }

    func suspendSocket(_ socket: Socket, untilReadyFor events: Socket.Events) async throws {
        // Idempotent and cheap; on a listening socket Linux keeps it for the sockets it accepts.
        var on: Int32 = 1
        _ = setsockopt(socket.file.rawValue, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        try await base.suspendSocket(socket, untilReadyFor: events)
    }
}
