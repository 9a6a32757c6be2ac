package oneclass.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** --shard K/N: parsing with clear errors, and a partition of the run list (every run in exactly one shard). */
class ShardTest {
    @Test
    void parsesKOfN() {
        assertEquals(new Shard(3, 8), Shard.parse("3/8"));
        assertEquals(new Shard(1, 1), Shard.parse(" 1 / 1 "));
        assertEquals("3/8", new Shard(3, 8).toString());
    }

    @Test
    void rejectsBadSelectorsNamingTheOption() {
        for (String bad : new String[] {"0/4", "5/4", "1/0", "2", "a/b", "1/2/3", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shard.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("--shard:"), e.getMessage());
        }
    }

    @Test
    void theShardsPartitionTheRunListRoundRobin() {
        int n = 3, runs = 11;
        int[] owner = new int[runs], owners = new int[runs];
        for (int k = 1; k <= n; k++) {
            Shard s = new Shard(k, n);
            for (int p = 0; p < runs; p++) if (s.owns(p)) { owner[p] = k; owners[p]++; }
        }
        // position p belongs to shard (p mod 3) + 1, and to no other
        assertArrayEquals(new int[] {1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2}, owner);
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, owners);
        for (int p = 0; p < runs; p++) assertTrue(Shard.ALL.owns(p));
    }

    @Test
    void onlyAPartialShardLeavesTheTableToLaterAndKeepsItsOwnRecord() {
        assertFalse(Shard.ALL.partial());
        assertTrue(new Shard(1, 2).partial());
        assertEquals("run-record.json", Shard.ALL.recordFile());
        assertEquals("run-record-shard-2-of-4.json", new Shard(2, 4).recordFile());
    }

    @Test
    void finishWritesTheShardsRecordAndSaysHowToMerge(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertEquals(0, new Shard(2, 4).finish("scripts/x.java", new String[] {"--shard", "2/4"}, dir, new PrintStream(log)));
        String record = Files.readString(dir.resolve("run-record-shard-2-of-4.json"));
        assertTrue(record.contains("\"shard\": \"2/4\""), record);
        assertTrue(record.contains("\"args\": \"--shard 2/4\""), record);
        assertTrue(log.toString().contains("without --shard"), log.toString());
    }
}
