import Foundation

/// Golden files: text compared with a file kept next to the tests. The one implementation
/// behind the screens' snapshots and the exports' golden documents.
///
/// A missing file is a failure (so nothing is silently "recorded" on CI); with
/// `RECORD_SNAPSHOTS=1` in the environment the file is (re)written instead: inspect the
/// diff, then commit it.
public enum Golden {
    public static var isRecording: Bool {
        ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
    }

    /// Compares `actual` with the file at `url`; returns what is wrong, or nil when it matches
    /// (or was recorded).
    public static func mismatch(_ actual: String, file url: URL) -> String? {
        let name = url.lastPathComponent
        if isRecording {
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(actual.utf8).write(to: url)
                return nil
            } catch {
                return "Could not record \(name): \(error)"
            }
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return "Missing golden file \(name). Run with RECORD_SNAPSHOTS=1 to record it, then inspect and commit it.\nActual:\n\(actual)"
        }
        let expected = String(decoding: data, as: UTF8.self)
        guard expected != actual else { return nil }
        return "\(name) differs (- expected, + actual); RECORD_SNAPSHOTS=1 accepts the new output:\n"
            + lineDiff(expected: expected, actual: actual)
    }

    /// A readable diff: every differing line as `-NN| expected` and `+NN| actual`.
    public static func lineDiff(expected: String, actual: String) -> String {
        let old = expected.components(separatedBy: "\n")
        let new = actual.components(separatedBy: "\n")
        var output: [String] = []
        for index in 0..<max(old.count, new.count) {
            let left = index < old.count ? old[index] : nil
            let right = index < new.count ? new[index] : nil
            guard left != right else { continue }
            let number = String(format: "%3d", index + 1)
            if let left { output.append("-\(number)| \(left)") }
            if let right { output.append("+\(number)| \(right)") }
        }
        return output.joined(separator: "\n")
    }
}
