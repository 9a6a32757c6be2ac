package oneclass.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Fetches one file to its final place without ever leaving a half-written or unverified file under
 * the final name: the bytes go to a temp file in the same folder, are verified, and only then moved
 * into place with an atomic rename. Anything that fails removes the temp file.
 */
public final class Download {

    private static final System.Logger LOG = System.getLogger(Download.class.getName());

    /** Opens a URI for reading. Injectable so tests (and offline mirrors) can serve files locally. */
    @FunctionalInterface
    public interface Fetcher {
        InputStream open(URI uri) throws IOException;
    }

    /** Checks a fully downloaded temp file; throws (typically {@link DataException}) to reject it. */
    @FunctionalInterface
    public interface Verifier {
        void verify(Path downloaded) throws IOException;
    }

    /** http(s) through {@link HttpClient} (following redirects), and {@code file:} URIs from disk. */
    public static final Fetcher DEFAULT_FETCHER = Download::openDefault;

    private Download() {
    }

    /**
     * Downloads {@code uri} to {@code target}: temp file in the target's folder, {@code verifier} on the
     * temp file, atomic move. Creates the folder if needed.
     *
     * @throws IOException when the transfer fails (no network, HTTP error, disk full)
     * @throws DataException when the verifier rejects the content
     */
    public static void fetch(URI uri, Path target, Fetcher fetcher, Verifier verifier) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = oneclass.run.Io.createTemp(dir, target.getFileName() + ".", ".part");
        try {
            LOG.log(System.Logger.Level.INFO, "downloading {0} to {1}", uri, target);
            try (InputStream in = fetcher.open(uri); OutputStream out = Files.newOutputStream(temp)) {
                in.transferTo(out);
            }
            verifier.verify(temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static InputStream openDefault(URI uri) throws IOException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        switch (scheme) {
            case "file":
                return Files.newInputStream(Path.of(uri));
            case "http":
            case "https":
                return openHttp(uri);
            default:
                throw new IOException("unsupported URI scheme '" + scheme + "' in " + uri);
        }
    }

    private static InputStream openHttp(URI uri) throws IOException {
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
        HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                throw new IOException("HTTP status " + response.statusCode());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while connecting to " + uri);
        }
    }
}
