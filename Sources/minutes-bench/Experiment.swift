import ArgumentParser
import Foundation
import MinutesCore

struct Experiment: ParsableCommand {
    static let configuration = CommandConfiguration(shouldDisplay: false)
    @Option var file: String
    @Option var mode = "all"
    @Option var times = 2
    func run() throws {
        if mode == "all" || mode == "parse" {
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        let bytes = [UInt8](data)
        for _ in 0..<times {
            let t0 = DispatchTime.now().uptimeNanoseconds
            var parser = JournalParser()
            var n = 0
            bytes.withUnsafeBufferPointer { buf in
                var start = 0
                var number = 0
                while start < buf.count {
                    guard let p = memchr(buf.baseAddress! + start, 10, buf.count - start) else { break }
                    let nl = buf.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
                    number += 1
                    if number > 1, case .event = parser.parse(line: UnsafeBufferPointer(rebasing: buf[start..<nl]), number: number) { n += 1 }
                    start = nl + 1
                }
            }
            let t1 = DispatchTime.now().uptimeNanoseconds
            print("parse only: \(Double(t1 - t0) / 1e9) s, \(n) events")
        }
        }
        for p in [false, true] where mode == "all" || mode == (p ? "par" : "seq") {
            for _ in 0..<times {
                func cpu(_ who: Int32) -> Double {
                    var u = rusage()
                    getrusage(who, &u)
                    return Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) / 1e6 + Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) / 1e6
                }
                let (m0, a0) = (cpu(1), cpu(RUSAGE_SELF.rawValue))
                let t0 = DispatchTime.now().uptimeNanoseconds
                let j = try JournalLoader.load(path: file, asOf: nil, parallel: p)
                let t1 = DispatchTime.now().uptimeNanoseconds
                let (m1, a1) = (cpu(1), cpu(RUSAGE_SELF.rawValue))
                print("load parallel=\(p): \(Double(t1 - t0) / 1e9) s, \(j.state.eventCount); cpu main \(m1 - m0) s, other threads \((a1 - a0) - (m1 - m0)) s")
            }
        }
    }
}
