import Foundation
#if canImport(Glibc)
import Glibc
#endif
import PartnerMatchReports

extension Terminal {
    /// Standard output as this process sees it: a terminal or not (`isatty`), its width (`TIOCGWINSZ`,
    /// else `COLUMNS`, else 80, at least 40), colour unless `NO_COLOR` is set. A process concern, so
    /// it lives in the CLI; the reports take a `Terminal` value.
    static var current: Terminal {
        let tty = isatty(STDOUT_FILENO) != 0
        var width = Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 80
        #if canImport(Glibc)
        if tty {
            var size = winsize()
            if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { width = Int(size.ws_col) }
        }
        #endif
        let noColour = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return Terminal(isTTY: tty, width: max(40, width), colour: tty && !noColour)
    }
}
