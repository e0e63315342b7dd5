import Foundation

/// Where the command line's arguments enter: each is decoded as UTF-8, strictly.
///
/// `CommandLine.arguments` replaces invalid UTF-8 with U+FFFD, so a note typed in another
/// encoding (Latin-1 from an old script, a truncated paste) would be stored silently
/// changed. Here an argument that is not valid UTF-8 is an error naming it (its position
/// and its text, the bad bytes shown as `\x{FF}`), and nothing is run.
enum ArgumentDecoding {
    /// The arguments after the program name, or an error and exit status 2.
    static func argumentsOrExit() -> [String] {
        switch decode(argv: (1..<Int(CommandLine.argc)).map { CommandLine.unsafeArgv[$0] }) {
        case .success(let arguments):
            return arguments
        case .failure(let error):
            Output.error(error.message)
            exit(error.exitCode)
        }
    }

    /// Decodes C strings strictly; the first invalid one is reported as argument N (1-based).
    static func decode(argv: [UnsafeMutablePointer<CChar>?]) -> Result<[String], CLIError> {
        var out: [String] = []
        for (index, pointer) in argv.enumerated() {
            guard let pointer else { continue }
            let bytes = UnsafeBufferPointer(start: pointer, count: strlen(pointer)).map { UInt8(bitPattern: $0) }
            if let at = firstInvalidByte(bytes) {
                return .failure(.usage("argument \(index + 1) ('\(shown(bytes))') is not valid UTF-8 (byte 0x\(String(bytes[at], radix: 16, uppercase: true)) at position \(at + 1)); "
                    + "nothing was done. Give the text in UTF-8 (convert it with: iconv -f LATIN1 -t UTF-8)"))
            }
            out.append(String(decoding: bytes, as: UTF8.self))
        }
        return .success(out)
    }

    /// The offset of the first byte that is not part of valid UTF-8, or nil when all are.
    static func firstInvalidByte(_ bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var consumed = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): consumed += String(s).utf8.count
            case .emptyInput: return nil
            case .error: return min(consumed, max(0, bytes.count - 1))
            }
        }
    }

    /// The argument with valid parts as they are (made terminal-safe) and invalid bytes as `\x{FF}`.
    static func shown(_ bytes: [UInt8]) -> String {
        var out = ""
        var rest = bytes[...]
        while !rest.isEmpty {
            switch firstInvalidByte(Array(rest)) {
            case nil:
                out += String(decoding: rest, as: UTF8.self)
                rest = []
            case let at?:
                out += String(decoding: rest.prefix(at), as: UTF8.self)
                out += "\\x{" + String(rest[rest.startIndex + at], radix: 16, uppercase: true) + "}"
                rest = rest.dropFirst(at + 1)
            }
        }
        return TerminalSafeText.clean(String(out.prefix(60)))
    }
}
