@testable import PartnerMatch
import Testing

/// The one edit distance and the nearest-spelling searches every "did you mean" uses (`Spelling`).
@Suite struct SpellingTests {
    @Test("Levenshtein distance: hand-counted cases, by characters or by Unicode scalars")
    func editDistance() {
        #expect(Spelling.editDistance(Array("kitten"), Array("sitting")) == 3)
        #expect(Spelling.editDistance(Array(""), Array("abc")) == 3)
        #expect(Spelling.editDistance(Array("abc"), Array("")) == 3)
        #expect(Spelling.editDistance(Array("flaw"), Array("lawn")) == 2)
        #expect(PartnerMatch.editDistance("optimise", "optimize") == 1)
        // "é" precomposed is one character and one scalar; decomposed, one character and two scalars.
        #expect(Spelling.editDistance(Array("e\u{301}"), Array("\u{E9}")) == 0)
        #expect(PartnerMatch.editDistance("e\u{301}", "\u{E9}") == 2)
    }

    @Test("Command-line matching: equal ignoring case first, else within one edit in four characters")
    func closest() {
        #expect(Spelling.closest(to: "OPTIMIZE", among: ["shortlist", "optimize"]) == "optimize")
        #expect(Spelling.closest(to: "optimze", among: ["shortlist", "optimize"]) == "optimize")
        #expect(Spelling.closest(to: "opt", among: ["shortlist", "optimize"]) == nil)
        #expect(Spelling.closest(to: "V01", among: ["V001", "V010"]) == "V001")
    }

    @Test("Scenario keys and pool spellings: nearest ignoring case, within a third of the word (at least 2)")
    func nearest() {
        #expect(Spelling.nearest(to: "max_vendor", in: ["min_vendors", "max_vendors"]) == "max_vendors")
        #expect(Spelling.nearest(to: "xyz", in: ["max_vendors"]) == nil)
        #expect(Spelling.nearest(to: "ISO2700", in: ["ISO27001", "SOC2"]) == "ISO27001")
        #expect(Spelling.nearest(to: "ab", in: ["ba", "ab"]) == "ab")
        #expect(Spelling.nearest(to: "x", in: [String]()) == nil)
    }

    @Test("Ids: up to three within half the id's length, nearest first, ties in byte order, case counted")
    func nearestIDs() {
        let ids = ["V001", "V002", "V010", "V100", "v001", "W999"]
        #expect(Spelling.nearestIDs(to: "V00", in: ids) == ["V001", "V002", "V010"])
        #expect(Spelling.nearestIDs(to: "V001", in: ids) == ["V001", "V002", "v001"])
        #expect(Spelling.nearestIDs(to: "QQQQQQ", in: ids).isEmpty)
    }
}

/// `Format`, the one home of number texts: each form on hand-written cases.
@Suite struct FormatTests {
    @Test func fixed() {
        #expect(Format.fixed(0.8244, decimals: 3) == "0.824")
        #expect(Format.fixed(1, decimals: 2) == "1.00")
        #expect(Format.fixed(0.05, decimals: 2) == "0.05")
        #expect(Format.fixed(-0.004, decimals: 2) == "0.00")
        #expect(Format.fixed(-2.5, decimals: 0) == "-3")
        #expect(Format.fixed(.nan, decimals: 2) == "")
        #expect(Format.fixed(-.infinity, decimals: 2) == "-inf")
    }

    @Test func shortest() {
        #expect(Format.shortest(4) == "4")
        #expect(Format.shortest(0.25) == "0.25")
        #expect(Format.shortest(-0.2) == "-0.2")
        #expect(Format.shortest(1_250_000) == "1250000")
        #expect(Format.shortest(0.1 + 0.2) == "0.30000000000000004")
        #expect(Format.shortest(.nan) == "nan")
        #expect(Format.shortest(.nan, nan: "") == "")
        #expect(Format.shortest(.infinity) == "inf")
        #expect(VendorCSVWriter.format(.nan) == "")
        #expect(formatNumber(45.5) == "45.5")
    }

    @Test func hours() {
        #expect(Format.hours(1.5) == "1.5 h")
        #expect(Format.hours(2) == "2.0 h")
        #expect(Format.hours(1.956, decimals: 2) == "1.96 h")
        #expect(Format.hours(0.04) == "0.0 h")
        #expect(Format.hours(-0.5) == "-0.5 h")
    }

    @Test func words() {
        #expect(Format.cardinal(6) == "six" && Format.cardinal(7) == "seven" && Format.cardinal(13) == "13")
        #expect(Format.andList(["a"]) == "a" && Format.andList(["a", "b"]) == "a and b" && Format.andList(["a", "b", "c"]) == "a, b and c")
        #expect(Format.andList([]) == "")
    }
}
