import HelpdeskText
import Testing

@Suite struct CSVTableTests {
    @Test func parsesRFC4180QuotesAndLineBreaks() throws {
        let csv = "utterance,category\r\n\"hello, world\",A\r\n\"she said \"\"hi\"\"\",B\r\n\"two\nlines\",C\nplain,D"
        let table = try CSVTable(parsing: Array(csv.utf8))
        #expect(table.header == ["utterance", "category"])
        #expect(table.rows == [["hello, world", "A"], ["she said \"hi\"", "B"], ["two\nlines", "C"], ["plain", "D"]])
    }

    @Test func skipsBOMBlankLinesAndEmptyLabels() throws {
        let csv = "\u{FEFF}text,label\n\na,x\nb,\n,y\n"
        let table = try CSVTable(parsing: Array(csv.utf8))
        #expect(table.header == ["text", "label"])
        #expect(table.pairs(text: 0, label: 1) == [LabeledText(text: "a", label: "x"), LabeledText(text: "", label: "y")])
    }

    @Test func unclosedQuoteIsAnErrorWithItsLine() {
        #expect(throws: CSVTable.Failure(line: 2, reason: "a quoted field is never closed")) {
            try CSVTable(parsing: Array("a,b\n\"open,x\nmore".utf8))
        }
    }

    @Test func missingColumnNamesTheColumns() {
        #expect(throws: LabeledCSV.Failure.self) {
            try LabeledCSV.examples(Array("text,label\na,b\n".utf8), name: "f.csv", textColumn: "utterance", labelColumn: "label")
        }
        do {
            _ = try LabeledCSV.examples(Array("text,label\na,b\n".utf8), name: "f.csv", textColumn: "utterance", labelColumn: "label")
        } catch {
            #expect("\(error)" == "f.csv: no column \"utterance\" (columns: text, label)")
        }
    }
}
