import Foundation
import ZIPFoundation

/// Why a file could not be read as a Word document: each is one line for the user.
public enum DocxError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(String)
    case notADocx
    /// An OLE compound file: an encrypted (password-protected) .docx, or an old binary .doc.
    case encryptedOrOldWord
    case damaged(String)
    case missingPart(String)
    case tooLarge(String)
    case badXML(part: String, line: Int, message: String)

    public var description: String {
        switch self {
        case .unreadable(let why): return "cannot read the file: \(why)"
        case .notADocx: return "not a Word document (.docx is a zip package; this file is not one)"
        case .encryptedOrOldWord:
            return "password-protected or old-format Word file; open it in Word, remove the password or save it as .docx, and import that"
        case .damaged(let why): return "the .docx is damaged (\(why)); open and save it again in Word"
        case .missingPart(let part): return "the .docx has no \(part); is it a Word document?"
        case .tooLarge(let why): return "refused: \(why) (a zip bomb, or not minutes)"
        case .badXML(let part, let line, let message): return "\(part):\(line): the XML is damaged: \(message)"
        }
    }
}

/// Caps applied while unpacking, so a small hostile file cannot fill memory: the total
/// uncompressed size and each part's compression ratio are checked against the sizes the zip
/// declares and again against the bytes actually inflated.
public struct DocxLimits: Sendable {
    public var maxTotalBytes: Int
    public var maxRatio: Int
    public var maxFileBytes: Int

    public init(maxTotalBytes: Int = 64 << 20, maxRatio: Int = 200, maxFileBytes: Int = 32 << 20) {
        self.maxTotalBytes = maxTotalBytes
        self.maxRatio = maxRatio
        self.maxFileBytes = maxFileBytes
    }
}

/// The parts of a .docx that the importer reads.
public struct DocxPackage: Sendable {
    public var document: Data
    public var numbering: Data?

    /// Reads `word/document.xml` and `word/numbering.xml` from the file at `path`.
    public static func read(path: String, limits: DocxLimits = DocxLimits()) throws -> DocxPackage {
        let data: Data
        guard FileManager.default.fileExists(atPath: path) else { throw DocxError.unreadable("no such file") }
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if let size = attributes[.size] as? Int, size > limits.maxFileBytes {
                throw DocxError.tooLarge("the file is \(size) bytes, more than \(limits.maxFileBytes)")
            }
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let e as DocxError {
            throw e
        } catch {
            throw DocxError.unreadable((error as NSError).localizedDescription)
        }
        return try read(data: data, limits: limits)
    }

    public static func read(data: Data, limits: DocxLimits = DocxLimits()) throws -> DocxPackage {
        let magic = [UInt8](data.prefix(4))
        if magic == [0xD0, 0xCF, 0x11, 0xE0] { throw DocxError.encryptedOrOldWord }
        guard magic == [0x50, 0x4B, 0x03, 0x04] else {
            throw data.count < 4 ? DocxError.notADocx : (magic[0] == 0x50 && magic[1] == 0x4B ? DocxError.damaged("not a plain zip") : DocxError.notADocx)
        }
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw DocxError.damaged("its zip directory cannot be read")
        }
        var budget = limits.maxTotalBytes
        guard let document = try extract("word/document.xml", from: archive, limits: limits, budget: &budget) else {
            throw DocxError.missingPart("word/document.xml")
        }
        let numbering = try extract("word/numbering.xml", from: archive, limits: limits, budget: &budget)
        return DocxPackage(document: document, numbering: numbering)
    }

    /// One part, inflated under the limits; nil when the package has no such part.
    static func extract(_ name: String, from archive: Archive, limits: DocxLimits, budget: inout Int) throws -> Data? {
        guard let entry = archive[name] else { return nil }
        let compressed = max(Int(entry.compressedSize), 1)
        let declared = Int(entry.uncompressedSize)
        if declared > budget { throw DocxError.tooLarge("\(name) would unpack to \(declared) bytes") }
        if declared / compressed > limits.maxRatio {
            throw DocxError.tooLarge("\(name) is compressed \(declared / compressed) to 1")
        }
        var out = Data()
        let cap = budget
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                out.append(chunk)
                // The declared sizes may lie: count what is really inflated.
                if out.count > cap || out.count / compressed > limits.maxRatio { throw DocxError.tooLarge("\(name) unpacks to more than it declares") }
            }
        } catch let e as DocxError {
            throw e
        } catch {
            throw DocxError.damaged("\(name) cannot be unpacked")
        }
        budget -= out.count
        return out
    }
}
