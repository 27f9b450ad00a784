import CLinux
import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Version-4 UUIDs from the kernel's random source, read 4 KiB at a time. Foundation's `UUID()` on Linux opens, reads
/// and closes /dev/urandom for every UUID (three system calls): on the gateway's per-request path that was a fifth
/// of the in-process admission time.
public enum RandomUUID {
    private static let pool = RandomPool()

    /// A new random (version 4, RFC 9562 variant) UUID.
    public static func make() -> UUID {
        var b = pool.sixteenBytes()
        b.6 = b.6 & 0x0F | 0x40
        b.8 = b.8 & 0x3F | 0x80
        return UUID(uuid: b)
    }
}

/// Random bytes from `getrandom`, buffered under a lock.
private final class RandomPool: @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = [UInt8](repeating: 0, count: 4096)
    private var offset = 4096

    func sixteenBytes() -> uuid_t {
        lock.lock()
        defer { lock.unlock() }
        if offset + 16 > buffer.count {
            buffer.withUnsafeMutableBytes { Self.fill($0) }
            offset = 0
        }
        var out: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        buffer.withUnsafeBytes { source in
            withUnsafeMutableBytes(of: &out) {
                $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<offset + 16]))
            }
        }
        offset += 16
        return out
    }

    /// Fills `bytes` from the kernel (getrandom blocks only before the pool is first seeded, at boot).
    private static func fill(_ bytes: UnsafeMutableRawBufferPointer) {
        var done = 0
        while done < bytes.count {
            let n = getrandom(bytes.baseAddress! + done, bytes.count - done, 0)
            if n > 0 {
                done += n
            } else if errno != EINTR {
                // No getrandom (a very old kernel): the standard library's system generator.
                for i in done..<bytes.count { bytes[i] = UInt8.random(in: 0...255) }
                return
            }
        }
    }
}
