import PartnerMatch

/// One result line of `partner-match batch` (docs/BATCH.md): `{"id", "exit_code", "result",
/// "error"}` on one line, where `result` is the single command's JSON document with its layout
/// whitespace removed (the same value, byte for byte apart from the spaces and line feeds between
/// tokens) and `error` is `{"message", "location", "code"}` or `null`.
public enum BatchLine {
    /// The line, ending with a line feed.
    public static func render(id: JSONValue, exitCode: Int32, result: [UInt8]?, error: Diagnostic?) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity((result?.count ?? 0) + 128)
        out += Array("{\"id\":".utf8)
        out += compact(JSONValue.pairs([("id", id)]).renderedBytes()).dropFirst(6).dropLast(1)
        out += Array(",\"exit_code\":\(exitCode),\"result\":".utf8)
        out += result.map(compact) ?? Array("null".utf8)
        out += Array(",\"error\":".utf8)
        if let error {
            let object = JSONValue.pairs([("message", .string(error.message)),
                                          ("location", error.location.map { .string($0.description) } ?? .null),
                                          ("code", .string(error.code))])
            out += compact(object.renderedBytes())
        } else {
            out += Array("null".utf8)
        }
        out += Array("}\n".utf8)
        return out
    }

    /// `json` without the whitespace between its tokens (spaces, tabs, line feeds and carriage
    /// returns outside strings): the same JSON value on one line.
    public static func compact(_ json: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(json.count)
        var inString = false, escaped = false
        for byte in json {
            if inString {
                out.append(byte)
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case 0x20, 0x0A, 0x09, 0x0D: continue
            case UInt8(ascii: "\""): inString = true; out.append(byte)
            default: out.append(byte)
            }
        }
        return out
    }
}
