import CLibFuzzer
import Foundation

/// The fuzz targets, chosen by COCKPIT_FUZZ_TARGET. Each takes one input and drives every decoder of its area with
/// it; a thrown error is a normal answer, a trap (or a broken property, see `Fuzz.expect`) is a finding.
enum FuzzTarget: String, CaseIterable {
    case json, sse, anthropic, gemini, cohere, config, theme, jwt

    /// The target named in the environment; the process stops with a usage line when it names none.
    static let selected: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["COCKPIT_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
            FileHandle.standardError.write(Data("cockpit-fuzz: set COCKPIT_FUZZ_TARGET=\(names)\n".utf8))
            exit(2)
        }
        return target
    }()

    func run(_ input: FuzzInput) {
        switch self {
        case .json: JSONFuzz.run(input)
        case .sse: SSEFuzz.run(input)
        case .anthropic: ProviderFuzz.run(input, provider: "anthropic")
        case .gemini: ProviderFuzz.run(input, provider: "gemini")
        case .cohere: ProviderFuzz.run(input, provider: "cohere")
        case .config: ConfigFuzz.run(input)
        case .theme: ThemeFuzz.run(input)
        case .jwt: JWTFuzz.run(input)
        }
    }
}

/// Checks shared by the targets.
enum Fuzz {
    /// Stops the process when a property that must hold for every input does not (libFuzzer saves the input).
    static func expect(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError("fuzz property broken: \(message())") }
    }
}

/// libFuzzer's callback: one input, one call of the selected target.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzTarget.selected.run(FuzzInput(bytes: bytes))
    return 0
}

/// The process entry point (SwiftPM links an executable's `main` to `<module>_main`): checks the target name, then
/// hands the command line to libFuzzer's driver.
@_cdecl("cockpit_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    _ = FuzzTarget.selected
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzTestOneInput(data, size) }
}
