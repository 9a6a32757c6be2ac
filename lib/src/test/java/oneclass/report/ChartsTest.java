package oneclass.report;

import oneclass.report.Comparison.Row;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The chart is a real PNG of the stated size, also when some cells have no paper value or no std. */
class ChartsTest {
    static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    static Row row(String dataset, String cls, String method, double ours, double std, double paper) {
        return new Row(dataset, cls, method, 5, ours, std, paper, Double.NaN, ours - paper, 1, Verdict.WITHIN, "");
    }

    /** {@code png} is a PNG file that ImageIO decodes to a {@code width} × {@code height} image. */
    static void assertPng(int width, int height, byte[] png) throws IOException {
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, 8));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(img, "ImageIO cannot decode the bytes");
        assertEquals(width, img.getWidth());
        assertEquals(height, img.getHeight());
    }

    @Test
    void oursVsPaperIsAPng() throws IOException {
        List<Row> rows = List.of(
                row("mnist", "0", "HRN", 99.1, 0.1, 99.5), row("mnist", "1", "HRN", 99.8, 0.0, 99.9),
                row("mnist", "0", "HRN-L2", 96.0, 0.5, Double.NaN), row("mnist", "1", "HRN-L2", 97.5, 0.5, Double.NaN),
                row("cifar10", "0", "HRN", 70, 1, 77.3));
        assertPng(1000, 500, Charts.oursVsPaper("test chart", rows, "mnist", "AUC %"));
    }

    /**
     * A cell whose spread is unknown (oursStd NaN) is drawn without an error bar — Charts maps a NaN std to
     * a zero error bar — and must not break the y-axis. Fails at present: the axis minimum is computed
     * from ours − oursStd without that NaN guard, becomes NaN, and XChart throws NumberFormatException
     * (Charts.java, the {@code lo} computation).
     */
    @Test
    void aNaNStdDrawsWithoutErrorBar() throws IOException {
        List<Row> rows = List.of(row("mnist", "0", "HRN", 99.1, 0.1, 99.5), row("mnist", "1", "HRN", 99.8, Double.NaN, 99.9));
        assertPng(1000, 500, Charts.oursVsPaper("NaN std", rows, "mnist", "AUC %"));
    }

    /**
     * A method run on fewer classes than another (DSVDD on 3 Fashion-MNIST classes beside Ours on 10) draws no bar where
     * it has no cell. Failed before: each series had its own categories and XChart indexed the later, longer ones by the
     * first series' (ArrayIndexOutOfBoundsException in PlotContent_Category), so the report could not be written.
     */
    @Test
    void methodsOnDifferentClassesShareTheAxis() throws IOException {
        List<Row> rows = List.of(row("fmnist", "0", "DSVDD", 89.6, Double.NaN, 79.1), row("fmnist", "9", "DSVDD", 98.8, Double.NaN, 93.2),
                row("fmnist", "0", "Ours", 90, 1, 91), row("fmnist", "1", "Ours", 95, 1, 96), row("fmnist", "9", "Ours", 92, 1, 93));
        assertPng(1000, 500, Charts.oursVsPaper("fewer classes", rows, "fmnist", "AUC %"));
        assertEquals(List.of("0", "1", "9"), Charts.categories(rows, Row::cls), "the classes in order, not DSVDD's first");
    }

    /** HRN Table 2's chart: one bar group per data set for one metric; rows of the other metrics are left out. */
    @Test
    void oursVsPaperByDatasetIsAPng() throws IOException {
        List<Row> rows = List.of(row("thyroid", "f1", "HRN", 80, 2, 95.87), row("arrhythmia", "f1", "HRN", 60, 3, 84.46),
                row("thyroid", "precision", "HRN", 80, 2, 95.87));
        assertPng(1000, 500, Charts.oursVsPaperByDataset("test chart", rows, "f1", "F1 %"));
    }
}
