package oneclass.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadTest {

    @TempDir
    Path dir;

    private List<String> filesIn(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void fileUriIsFetchedVerifiedAndMovedIntoPlace() throws IOException {
        byte[] content = TestFiles.cifarRecords(1, 2, 3);
        Path source = TestFiles.write(dir.resolve("mirror").resolve("x.bin"), content, false);
        Path target = dir.resolve("data").resolve("x.bin");
        Path[] verified = new Path[1];

        Download.fetch(source.toUri(), target, Download.DEFAULT_FETCHER, temp -> verified[0] = temp);

        assertArrayEquals(content, Files.readAllBytes(target));
        assertEquals(target.getParent(), verified[0].getParent(), "the temp file lives beside the target");
        assertEquals(List.of("x.bin"), filesIn(target.getParent()), "no temp file is left behind");
    }

    @Test
    void rejectedContentLeavesNoFileUnderAnyName() throws IOException {
        Path source = TestFiles.write(dir.resolve("mirror").resolve("x.bin"), new byte[] {1, 2, 3}, false);
        Path target = dir.resolve("data").resolve("x.bin");

        var e = assertThrows(DataException.class, () -> Download.fetch(source.toUri(), target, Download.DEFAULT_FETCHER,
                temp -> {
                    throw new DataException("bad digest");
                }));

        assertEquals("bad digest", e.getMessage());
        assertEquals(List.of(), filesIn(target.getParent()));
    }

    @Test
    void transferBrokenMidwayKeepsTheOldFile() throws IOException {
        Path target = TestFiles.write(dir.resolve("x.bin"), new byte[] {42}, false);
        Download.Fetcher breaksAfterSomeBytes = uri -> new SequenceInputStream(
                new ByteArrayInputStream(new byte[1000]), new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw new IOException("connection reset");
                    }
                });

        var e = assertThrows(IOException.class,
                () -> Download.fetch(URI.create("https://example.invalid/x.bin"), target, breaksAfterSomeBytes, temp -> { }));

        assertEquals("connection reset", e.getMessage());
        assertArrayEquals(new byte[] {42}, Files.readAllBytes(target));
        assertEquals(List.of("x.bin"), filesIn(dir));
    }

    @Test
    void unsupportedSchemeIsAnIoError() {
        var e = assertThrows(IOException.class, () -> Download.fetch(URI.create("ftp://example.invalid/x"),
                dir.resolve("x"), Download.DEFAULT_FETCHER, temp -> { }));
        assertEquals("unsupported URI scheme 'ftp' in ftp://example.invalid/x", e.getMessage());
        assertFalse(Files.exists(dir.resolve("x")));
    }
}
