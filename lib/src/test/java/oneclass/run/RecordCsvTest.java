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

    record Unsupported(String name, float f) {}

    static Sample roundTrip(Sample s) {
        return RecordCsv.parse(Sample.class, RecordCsv.header(Sample.class), RecordCsv.row(s), "test");
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

    @Test
    void splitHandlesQuotes() {
        assertEquals(List.of("a", "b,c", "d\"e", ""), RecordCsv.split("a,\"b,c\",\"d\"\"e\","));
        assertEquals(List.of(""), RecordCsv.split(""));
        var e = assertThrows(IllegalArgumentException.class, () -> RecordCsv.split("a,\"b"));
        assertTrue(e.getMessage().contains("unterminated quote"), e.getMessage());
    }

    @Test
    void wrongHeaderIsRejectedNamingWhere() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> RecordCsv.parse(Sample.class, "name,n,big,x", "a,1,2,0.5", "runs/r1.csv"));
        assertTrue(e.getMessage().startsWith("runs/r1.csv: "), e.getMessage());
        assertTrue(e.getMessage().contains("columns are [name,n,big,x], expected [name,n,big,x,flag]"), e.getMessage());
    }

    @Test
    void wrongFieldCountIsRejectedNamingWhere() {
        String h = RecordCsv.header(Sample.class);
        var e = assertThrows(IllegalArgumentException.class, () -> RecordCsv.parse(Sample.class, h, "a,1,2,0.5", "runs/r2.csv"));
        assertEquals("runs/r2.csv: 4 fields, expected 5", e.getMessage());
        var quoted = assertThrows(IllegalArgumentException.class, () -> RecordCsv.parse(Sample.class, h, "a,b,1,2,0.5,true", "w"));
        assertEquals("w: 6 fields, expected 5", quoted.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a,x1,2,0.5,true", "a,1,2.0,0.5,true", "a,1,2,zero,true", "a,,2,0.5,true", "a,3000000000,2,0.5,true"})
    void nonNumberIsRejectedNamingColumnAndWhere(String line) {
        var e = assertThrows(IllegalArgumentException.class,
                () -> RecordCsv.parse(Sample.class, RecordCsv.header(Sample.class), line, "runs/r3.csv"));
        assertTrue(e.getMessage().startsWith("runs/r3.csv: column "), e.getMessage());
        assertTrue(e.getMessage().matches("runs/r3\\.csv: column (n|big|x) = '[^']*' is not a (int|long|double)"), e.getMessage());
    }

    @Test
    void constructorValidationIsReportedWithWhere() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> RecordCsv.parse(Validated.class, "name,n", "a,-1", "runs/r4.csv"));
        assertTrue(e.getMessage().startsWith("runs/r4.csv: "), e.getMessage());
        assertTrue(e.getMessage().contains("n must be >= 0, got -1"), e.getMessage());
        assertEquals(new Validated("a", 1), RecordCsv.parse(Validated.class, "name,n", "a,1", "w"));
    }

    @Test
    void unsupportedColumnTypeIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> RecordCsv.parse(Unsupported.class, "name,f", "a,1.5", "w"));
        assertTrue(e.getMessage().contains("unsupported column type float"), e.getMessage());
    }
}
