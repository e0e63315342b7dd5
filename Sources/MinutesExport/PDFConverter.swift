import Foundation

/// Makes a PDF from our Word document with LibreOffice (`soffice --headless --convert-to pdf`),
/// the format most groups circulate. Writing PDF ourselves would mean laying out pages; the
/// docx already says how they break (rows kept whole, headings with their tables, the footer).
///
/// Each conversion gets its own temporary folder holding the docx, the PDF and a LibreOffice
/// profile (`-env:UserInstallation`): two soffice processes on one profile collide, and the
/// user's own profile is left alone. The folder is removed afterwards, whatever happened.
public enum PDFConverter {

    /// The package that provides `soffice` on Debian and Ubuntu, named in the error.
    public static let package = "libreoffice-writer-nogui"

    /// How long one conversion may take before it is given up (the first run in a fresh
    /// profile takes several seconds on a slow machine).
    public static let timeout: TimeInterval = 180

    /// The `soffice` to run: `$MINUTES_SOFFICE` when set, else `soffice` or `libreoffice` on
    /// `PATH`; nil when there is none.
    public static func sofficePath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let explicit = environment["MINUTES_SOFFICE"], !explicit.isEmpty {
            return FileManager.default.isExecutableFile(atPath: explicit) ? explicit : nil
        }
        let folders = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        for name in ["soffice", "libreoffice"] {
            for folder in folders where !folder.isEmpty {
                let candidate = folder + "/" + name
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// The PDF of a docx. Throws `ExportError.pdfConverterMissing` without LibreOffice and
    /// `ExportError.pdfConversion` when it fails or makes no PDF.
    public static func convert(docx: Data, soffice: String? = sofficePath()) throws -> Data {
        guard let soffice else { throw ExportError.pdfConverterMissing }
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("minutes-pdf-" + UUID().uuidString, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw ExportError.pdfConversion("cannot make a temporary folder: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: folder) }

        let input = folder.appendingPathComponent("report.docx")
        let outputFolder = folder.appendingPathComponent("out", isDirectory: true)
        let log = folder.appendingPathComponent("soffice.log")
        do {
            try docx.write(to: input)
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        } catch {
            throw ExportError.pdfConversion("cannot write the temporary docx: \(error.localizedDescription)")
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        process.arguments = [
            "-env:UserInstallation=" + folder.appendingPathComponent("profile", isDirectory: true).absoluteString,
            "--headless", "--norestore", "--nologo",
            "--convert-to", "pdf", "--outdir", outputFolder.path, input.path,
        ]
        // Output goes to a file rather than a pipe, which a chatty soffice could fill and block.
        let logHandle = try? FileHandle(forWritingTo: log)
        process.standardOutput = logHandle
        process.standardError = logHandle
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw ExportError.pdfConversion("cannot run \(soffice): \(error.localizedDescription)")
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                process.waitUntilExit()
                throw ExportError.pdfConversion("soffice took longer than \(Int(timeout)) s")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        try? logHandle?.close()

        let pdf = outputFolder.appendingPathComponent("report.pdf")
        guard process.terminationStatus == 0, let data = try? Data(contentsOf: pdf), data.starts(with: Array("%PDF".utf8)) else {
            let said = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            let lastLine = said.split(whereSeparator: \.isNewline).last.map(String.init) ?? "no output"
            throw ExportError.pdfConversion("soffice exited with status \(process.terminationStatus) (\(TextEscaping.singleLine(lastLine)))")
        }
        return data
    }
}
