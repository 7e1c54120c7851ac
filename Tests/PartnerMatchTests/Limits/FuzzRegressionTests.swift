import Foundation
import Testing
@testable import PartnerMatch

/// Inputs found by the fuzz targets (`Fuzz/`, `scripts/fuzz.sh`) that crashed or hung a reader, each
/// named after what broke; the input is kept as found (minimised where noted).
@Suite struct FuzzRegressionTests {
    /// The one diagnostic `text` must produce.
    func scenarioError(_ text: String) -> Diagnostic? {
        do {
            _ = try ScenarioReader.parse(text, file: "fuzz.toml", format: .toml)
            Issue.record("expected an error")
            return nil
        } catch {
            #expect(error.errors.count == 1, "\(error)")
            return error.errors.first
        }
    }

    /// FuzzScenario, first minutes: toml++ 3 (inside TOMLKit 0.6) asserts in `parse_key()` when a
    /// table header's name starts with neither a bare-key character nor a quote, aborting the
    /// process (`Assertion is_bare_key_character(*cp) || is_string_delimiter(*cp) failed`).
    /// Found as `crash-0a4421995f054c87a14db658da2a0ca8c42dd2ba`.
    @Test func aTableHeaderNameStartingWithAHashNoLongerAbortsTheTOMLParser() throws {
        let found = "[client]\ntionths = 6\n[#ud]\ntotal =\ntotal = 6\n[horizor]\nmonths = 6\n[bu\"Edget]\ntotal = 100000\n"
        let error = try #require(scenarioError(found))
        #expect(error.code == "toml_syntax")
        #expect(error.location == SourceLocation(file: "fuzz.toml", line: 3, column: 2))
        #expect(error.message == "invalid TOML: expected a table name (a bare or quoted key) after '[', found '#'")
    }

    /// The same assertion, reached by every other character that cannot start a key.
    @Test(arguments: [
        ("[é]\n", 1, 2, "'é'"), ("[ #]\n", 1, 3, "'#'"), ("[[#]]\n", 1, 3, "'#'"), ("[\t=]\n", 1, 3, "'='"),
        ("[a]\n[.b]\n", 2, 2, "'.'"), ("[\nx = 1\n", 1, 2, "a line end"), ("  [[ *]]\n", 1, 6, "'*'"),
    ])
    func everyCharacterThatCannotStartATableNameIsAnErrorNotAnAbort(text: String, line: Int, column: Int, found: String) throws {
        let error = try #require(scenarioError(text))
        #expect(error.code == "toml_syntax")
        #expect(error.location == SourceLocation(file: "fuzz.toml", line: line, column: column))
        #expect(error.message.hasSuffix("found \(found)"))
    }

    /// FuzzScenario, second run: toml++ asserts in `parse_time()` when a date and `T` are followed by a
    /// non-digit in a value it has classified as a date-time (`Assertion is_decimal_digit(*cp) failed`).
    /// Found as `crash-c7444d62e95c4b980ebef3e0244740e304e0fec8` (invalid UTF-8 after the `T`, which
    /// the reader decodes as U+FFFD); minimised by hand to `a = 2027-01-04t:`.
    @Test(arguments: [("a = 2027-01-04t:\n", 1, 16, "':'"), ("a = [2027-01-04T:]\n", 1, 17, "':'"),
                      ("x = [1.5, 2027-01-04T\u{FFFD}10:00:00Z]\n", 1, 22, "'\u{FFFD}'")])
    func aDateTimeWithoutDigitsAfterTheTNoLongerAbortsTheTOMLParser(text: String, line: Int, column: Int, found: String) throws {
        let error = try #require(scenarioError(text))
        #expect(error.code == "toml_syntax")
        #expect(error.location == SourceLocation(file: "fuzz.toml", line: line, column: column))
        #expect(error.message == "invalid TOML: expected a time (HH:MM:SS) after the date and 'T', found \(found)")
    }

    /// FuzzScenario, third run: toml++ asserts in `parse_value()` when an array meets a `}` where a
    /// value should be (`Assertion !is_value_terminator(*cp) failed`). Found as
    /// `crash-1b627e912f43c86ee71a9100aa70b6721f2acf7d`, the sample scenario with
    /// `allowed_countries = [}`; minimised by hand.
    @Test(arguments: [("allowed_countries = [}\n", 1, 22), ("a = [1, }\n", 1, 9), ("a = [\n  # c\n}]\n", 3, 1),
                      ("a = [[}]]\n", 1, 7), ("a = { b = [ } }\n", 1, 13), ("a = [1 }\n", 1, 8)])
    func aBraceInsideAnArrayNoLongerAbortsTheTOMLParser(text: String, line: Int, column: Int) throws {
        let error = try #require(scenarioError(text))
        #expect(error.code == "toml_syntax")
        #expect(error.location == SourceLocation(file: "fuzz.toml", line: line, column: column))
        #expect(error.message == "invalid TOML: expected a value or ']' in the array, found '}'")
    }

    /// FuzzScenario, fourth and fifth runs: toml++ asserts in `parse_value()`'s look-ahead for a
    /// date-time with a space when ten characters shaped like a date (`-` at the 5th and 8th) are
    /// followed by a space, one digit and a value terminator (`Assertion !is_value_terminator(*cp)
    /// failed`, toml.hpp:15080). Found as `crash-105078e34191e62d42aaaf74b5e0b2e0814593db`
    /// (`start_date = 0013-01-04 2`) and `crash-97d97d4a88e6cff701562945a01d2e0c69dc1061`
    /// (`start_date = 0027-0)-04 1`); minimised by hand.
    @Test(arguments: [("start_date = 0013-01-04 2\n", 1, 25, "2"), ("start_date = 0027-0)-04 1         # x\n", 1, 25, "1"),
                      ("a = [2027-01-04 1, 2]\n", 1, 17, "1"), ("a = 2027-01-04 9 # x\n", 1, 16, "9"),
                      ("a = {b = 2027-01-04 3}\n", 1, 21, "3"), ("a = 1 2\n", 1, 7, "2")])
    func aValueWithASpaceAndALoneDigitNoLongerAbortsTheTOMLParser(text: String, line: Int, column: Int, digit: String) throws {
        let error = try #require(scenarioError(text))
        #expect(error.code == "toml_syntax")
        #expect(error.location == SourceLocation(file: "fuzz.toml", line: line, column: column))
        #expect(error.message == "invalid TOML: unexpected '\(digit)' after the value (a date and time needs HH:MM:SS)")
    }

    /// Dates and date-times the parser handles itself are left to it.
    @Test func wellFormedDatesAndBareKeysLikeDatesPassThePreflight() {
        let text = "start_date = 2027-01-04\nb = 2027-01-04T10:00:00Z\nc = [2027-01-04 10:00:00]\n2027-01-04T = 1\nd = 2027-01-04 # x\ne = [2027-01-04 10:00:00, 1]\n"
        #expect(TOMLPreflight.check(text, depthLimit: 64) == nil)
    }

    /// Brackets that are not table headers are left to the parser: arrays on their own lines,
    /// strings and comments holding `[#`.
    @Test func bracketsThatAreNotTableHeadersPassThePreflight() {
        let text = """
        a = [
          [1, 2],
          ["[#x]"],
        ]
        b = \"\"\"
        [#not a header]
        \"\"\"
        c = '[#'  # [#
        d = '''
        [ é]'''
        ["quoted key"]
        [[ 'array' ]]
        """
        #expect(TOMLPreflight.check(text, depthLimit: 64) == nil)
    }
}
