package oneclass.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Records to CSV rows and back: every supported type round-trips exactly (doubles via their shortest
 * decimal representation, which {@link Double#parseDouble} reads back bit for bit), and malformed input
 * is rejected with a message naming where.
 */
class RecordCsvTest {

    record Sample(String name, int n, long big, double x, boolean flag) {}

    record Validated(String name, int n) {
        Validated {
            if (n < 0) throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
    }

    /** One row under {@code header}, read back as a table of {@code type}. */
    static <R extends Record> R parse(Class<R> type, String header, String line, String where) {
        List<R> rows = RecordCsv.read(type, header + "\n" + line + "\n", where);
        assertEquals(1, rows.size());
        return rows.get(0);
    }

    /** The message of the error that reading one row under {@code header} as {@code type} must end in. */
    static String rejection(Class<? extends Record> type, String header, String line, String where) {
        return assertThrows(IllegalArgumentException.class, () -> parse(type, header, line, where)).getMessage();
    }

    static Sample roundTrip(Sample s) {
        return parse(Sample.class, RecordCsv.header(Sample.class), RecordCsv.row(s), "test");
    }

    @Test
    void headerIsTheComponentNames() {
        assertEquals("name,n,big,x,flag", RecordCsv.header(Sample.class));
    }

    /** What the row looks like: plain values unquoted; a field with a comma or quote quoted, quotes doubled (RFC 4180). */
    @Test
    void rowTextByHand() {
        assertEquals("mnist,3,-7,0.5,true", RecordCsv.row(new Sample("mnist", 3, -7, 0.5, true)));
        assertEquals("\"a,b\",0,0,NaN,false", RecordCsv.row(new Sample("a,b", 0, 0, Double.NaN, false)));
        assertEquals("\"say \"\"hi\"\"\",1,2,0.30000000000000004,true",
                RecordCsv.row(new Sample("say \"hi\"", 1, 2, 0.1 + 0.2, true)));
    }

    @Test
    void everyTypeRoundTripsExactly() {
        // record equality compares doubles bitwise (Double.compare): NaN equals NaN, −0.0 differs from 0.0
        List<Sample> samples = List.of(
                new Sample("He said \"no\", then \"yes\",,", Integer.MIN_VALUE, Long.MAX_VALUE, 0.1 + 0.2, true),
                new Sample("plain", Integer.MAX_VALUE, Long.MIN_VALUE, Double.NaN, false),
                new Sample("", 0, 0, -0.0, false),
                new Sample("\"", -1, -1, Double.MIN_VALUE, true),
                new Sample(" spaces kept ", 7, 1L << 53, Double.NEGATIVE_INFINITY, true),
                new Sample("x", 1, 1, 1 / 3.0, false),
                new Sample("y", 1, 1, 97.59000000000001, false),
                new Sample("z", 1, 1, Double.MAX_VALUE, true));
        for (Sample s : samples) assertEquals(s, roundTrip(s), RecordCsv.row(s));
        assertEquals(0.30000000000000004, roundTrip(samples.get(0)).x(), 0);
        assertNotEquals(0.3, roundTrip(samples.get(0)).x(), "0.1 + 0.2 must not come back as 0.3");
    }

    /** Random doubles: the bits come back unchanged. */
    @Test
    void randomDoublesRoundTripBitForBit() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(9);
        for (int i = 0; i < 1000; i++) {
            double x = Double.longBitsToDouble(r.nextLong());
            if (Double.isNaN(x)) continue; // NaN payloads are not kept: String.valueOf prints every NaN as "NaN"
            assertEquals(Double.doubleToRawLongBits(x), Double.doubleToRawLongBits(roundTrip(new Sample("r", i, i, x, true)).x()));
        }
    }

    /** A table is its header and one line per row; a cell with a quote or a comma survives the round trip. */
    @Test
    void tableRoundTrips() {
        List<Sample> rows = List.of(new Sample("a,\"b\"", 1, 2, 0.5, true), new Sample("c", 3, 4, Double.NaN, false));
        String text = RecordCsv.write(Sample.class, rows);
        assertEquals("name,n,big,x,flag\n\"a,\"\"b\"\"\",1,2,0.5,true\nc,3,4,NaN,false\n", text);
        assertEquals(rows, RecordCsv.read(Sample.class, text, "t"));
    }

    /** An unclosed quote (a file cut inside a quoted field) is an error naming the file and the line. */
    @Test
    void cellsNameTheFileAndLineOfAnUnclosedQuote(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Path f = java.nio.file.Files.writeString(dir.resolve("t.csv"), "a,b\n\n1,\"x,y\"\n2,\"cut");
        var e = assertThrows(IllegalArgumentException.class, () -> RecordCsv.cells(f));
        assertTrue(e.getMessage().startsWith(f + " line 4: "), e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains("quote"), e.getMessage());
        java.nio.file.Files.writeString(f, "a,b\n\n1,\"x,y\"\n");
        assertEquals(List.of(new RecordCsv.Line(1, List.of("a", "b")), new RecordCsv.Line(3, List.of("1", "x,y"))), RecordCsv.cells(f));
    }

    @Test
    void wrongHeaderIsRejectedNamingWhere() {
        String e = rejection(Sample.class, "name,n,big,x", "a,1,2,0.5", "runs/r1.csv");
        assertTrue(e.startsWith("runs/r1.csv: ") && e.contains("columns are [name,n,big,x], expected [name,n,big,x,flag]"), e);
    }

    @Test
    void wrongFieldCountIsRejectedNamingWhere() {
        String h = RecordCsv.header(Sample.class);
        String e = rejection(Sample.class, h, "a,1,2,0.5", "runs/r2.csv");
        assertTrue(e.startsWith("runs/r2.csv line 2: ") && e.contains("expected 5, found 4"), e);
        String extra = rejection(Sample.class, h, "a,1,2,0.5,true,x", "w");
        assertTrue(extra.startsWith("w line 2: ") && extra.contains("Too many entries"), extra);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a,x1,2,0.5,true", "a,1,2.0,0.5,true", "a,1,2,zero,true", "a,,2,0.5,true", "a,3000000000,2,0.5,true"})
    void nonNumberIsRejectedNamingColumnAndWhere(String line) {
        String e = rejection(Sample.class, RecordCsv.header(Sample.class), line, "runs/r3.csv");
        assertTrue(e.startsWith("runs/r3.csv line 2: "), e);
    }

    @Test
    void constructorValidationIsReportedWithWhere() {
        String e = rejection(Validated.class, "name,n", "a,-1", "runs/r4.csv");
        assertTrue(e.startsWith("runs/r4.csv line 2: ") && e.contains("n must be >= 0, got -1"), e);
        assertEquals(new Validated("a", 1), parse(Validated.class, "name,n", "a,1", "w"));
    }
}
