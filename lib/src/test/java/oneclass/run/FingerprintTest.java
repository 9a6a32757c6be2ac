package oneclass.run;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** SHA-256 of a canonical JSON: stable across processes and map orders, different for any changed setting. */
class FingerprintTest {
    record Hreg(double lambda, double n) {}
    record Nll(double eps) {}
    record Square(double eps) {}
    record Config(String protocol, Map<String, String> sha256ByFile, Object loss, Hreg hreg, int epochs, List<Integer> hidden) {}

    static Config config(Map<String, String> files, Object loss, int epochs) {
        return new Config("paper", files, loss, new Hreg(0.1, 12), epochs, List.of(100, 20));
    }

    static Map<String, String> files(boolean reversed) {
        Map<String, String> m = new LinkedHashMap<>();
        if (reversed) { m.put("mnist/train", "bb"); m.put("mnist/test", "aa"); }
        else { m.put("mnist/test", "aa"); m.put("mnist/train", "bb"); }
        return m;
    }

    /** A change of the canonical form (which would change every stored fingerprint) fails here. */
    @Test
    void canonicalFormIsSortedTaggedJsonAndItsDigestIsStable() {
        Config c = config(files(true), new Nll(1e-6), 3);
        assertEquals("{\"@type\":\"Config\",\"epochs\":3,\"hidden\":[100,20],\"hreg\":{\"@type\":\"Hreg\",\"lambda\":0.1,\"n\":12.0},"
                + "\"loss\":{\"@type\":\"Nll\",\"eps\":1.0E-6},\"protocol\":\"paper\",\"sha256ByFile\":{\"mnist/test\":\"aa\",\"mnist/train\":\"bb\"}}",
                Fingerprint.canonical(c));
        assertEquals(sha256(Fingerprint.canonical(c)), Fingerprint.of(c));
        assertEquals(64, Fingerprint.of(c).length());
    }

    @Test
    void mapOrderDoesNotMatterButEverySettingDoes() {
        String fp = Fingerprint.of(config(files(false), new Nll(1e-6), 3));
        assertEquals(fp, Fingerprint.of(config(files(true), new Nll(1e-6), 3)));
        assertNotEquals(fp, Fingerprint.of(config(files(false), new Nll(1e-6), 4)), "epochs");
        assertNotEquals(fp, Fingerprint.of(config(files(false), new Nll(1e-7), 3)), "a nested setting");
        assertNotEquals(fp, Fingerprint.of(config(Map.of("mnist/test", "aa", "mnist/train", "bc"), new Nll(1e-6), 3)), "a data file");
        assertNotEquals(fp, Fingerprint.of(config(files(false), new Square(1e-6), 3)), "another record with the same components");
    }

    @Test
    void arraysAndEnumsAreData() {
        record Shape(int[] hidden, Thread.State state, Map<Thread.State, Double> byState) {}
        assertEquals("{\"@type\":\"Shape\",\"byState\":{\"NEW\":1.5},\"hidden\":[100,20],\"state\":\"RUNNABLE\"}",
                Fingerprint.canonical(new Shape(new int[] {100, 20}, Thread.State.RUNNABLE, Map.of(Thread.State.NEW, 1.5))));
    }

    /** A lambda (an input normalization, say) has no canonical form: its description must be given instead. */
    @Test
    void somethingThatIsNotDataIsAnErrorNamingIt() {
        record Holder(Object norm) {}
        Runnable lambda = () -> {};
        var e = assertThrows(IllegalArgumentException.class, () -> Fingerprint.of(new Holder(lambda)));
        assertTrue(e.getMessage().startsWith("cannot fingerprint a " + lambda.getClass().getName()), e.getMessage());
    }

    static String sha256(String s) throws RuntimeException {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
