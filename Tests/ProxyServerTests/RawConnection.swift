import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// A plain TCP connection to a loopback port, for tests that must misbehave as a client (send headers slowly, hold
/// connections open) in ways an HTTP client library will not.
final class RawConnection: @unchecked Sendable {
    private let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure.socket }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { close(fd); throw Failure.connect }
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    /// Sends bytes; false when the server has closed the connection.
    @discardableResult
    func send(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
    }

    /// What arrived within about `seconds` (or until the text holds `until`), and whether the server closed the
    /// connection. The wait runs on a dispatch thread: blocking Swift's small shared pool would stall the server
    /// under test, whose handlers run there.
    func read(for seconds: Double, until: String? = nil) async -> (text: String, closed: Bool) {
        await withCheckedContinuation { done in
            DispatchQueue.global().async { done.resume(returning: self.readBlocking(for: seconds, until: until)) }
        }
    }

    private func readBlocking(for seconds: Double, until: String?) -> (text: String, closed: Bool) {
        var out: [UInt8] = []
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while Date() < deadline {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                return (String(decoding: out, as: UTF8.self), true)
            }
            if n > 0 { out += buffer[0..<n] }
            if let until, String(decoding: out, as: UTF8.self).contains(until) {
                return (String(decoding: out, as: UTF8.self), readBlocking(for: 0.05, until: nil).closed)
            }
        }
        return (String(decoding: out, as: UTF8.self), false)
    }

    enum Failure: Error { case socket, connect }
}
