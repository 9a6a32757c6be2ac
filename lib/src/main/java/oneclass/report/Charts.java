package oneclass.report;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.knowm.xchart.style.Styler;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/** The pictures of the reports, drawn headless with XChart and returned as PNG bytes. */
public final class Charts {
    private Charts() {}

    /** Per class: our mean (with ±std error bars) next to the paper's value, for each method, one dataset. */
    public static byte[] oursVsPaper(String title, List<Comparison.Row> rows, String dataset, String yTitle) {
        List<Comparison.Row> mine = rows.stream().filter(r -> r.dataset().equals(dataset)).toList();
        return bars(title, "normal class", yTitle, mine, Comparison.Row::cls);
    }

    /**
     * Per dataset: our mean (with ±std error bars) next to the paper's value, for each method, for one
     * value of the class column, e.g. HRN Table 2's "f1" (where the class column holds the metric).
     */
    public static byte[] oursVsPaperByDataset(String title, List<Comparison.Row> rows, String cls, String yTitle) {
        List<Comparison.Row> mine = rows.stream().filter(r -> r.cls().equals(cls)).toList();
        return bars(title, "data set", yTitle, mine, Comparison.Row::dataset);
    }

    /** A section's charts, one per data set: ours (± std) next to the paper per class and method (e.g. HRN Table 1). */
    public static Function<List<Comparison.Row>, Map<String, byte[]>> perClass(String unit) {
        return rows -> {
            Map<String, byte[]> m = new LinkedHashMap<>();
            for (String d : Comparison.datasets(rows)) m.put(d, oursVsPaper(d + ": ours (± std over seeds) vs the paper", rows, d, unit));
            return m;
        };
    }

    /** A section's one chart: per data set, ours (± std) next to the paper for each method, for one value {@code cls} of the class column. */
    public static Function<List<Comparison.Row>, Map<String, byte[]>> byDataset(String cls, String unit) {
        return rows -> rows.stream().anyMatch(r -> r.cls().equals(cls))
                ? Map.of(cls, oursVsPaperByDataset("ours (± std over seeds) vs the paper, " + cls, rows, cls, unit)) : Map.of();
    }

    /** Grouped bars: one category per {@code category(row)}, an "ours" and a "paper" series per method. */
    private static byte[] bars(String title, String xTitle, String yTitle, List<Comparison.Row> rows,
                               Function<Comparison.Row, String> category) {
        // many methods (e.g. the six ablation rows): a legend beside the plot, which a row below would cut off
        boolean many = rows.stream().map(Comparison.Row::method).distinct().count() > 3;
        CategoryChart chart = new CategoryChartBuilder().width(many ? 1300 : 1000).height(500).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(many ? Styler.LegendPosition.OutsideE : Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(many ? Styler.LegendLayout.Vertical : Styler.LegendLayout.Horizontal);
        chart.getStyler().setOverlapped(false);
        chart.getStyler().setYAxisDecimalPattern("0.0");
        double lo = rows.stream()
                .flatMapToDouble(r -> java.util.stream.DoubleStream.of(r.ours() - (Double.isNaN(r.oursStd()) ? 0 : r.oursStd()),
                        Double.isNaN(r.paper()) ? r.ours() : r.paper()))
                .filter(Double::isFinite).min().orElse(0);
        chart.getStyler().setYAxisMin(Math.max(0, Math.floor(lo / 5) * 5 - 5));
        chart.getStyler().setYAxisMax(100.0);
        List<String> categories = categories(rows, category);
        for (String method : rows.stream().map(Comparison.Row::method).distinct().toList()) {
            Map<String, Comparison.Row> cell = new LinkedHashMap<>();
            for (Comparison.Row r : rows) if (r.method().equals(method)) cell.putIfAbsent(category.apply(r), r);
            List<Double> ours = new ArrayList<>(), err = new ArrayList<>(), paper = new ArrayList<>();
            for (String c : categories) {
                Comparison.Row r = cell.get(c);
                ours.add(r == null || Double.isNaN(r.ours()) ? 0 : r.ours()); // a diverged or missing cell draws no bar
                err.add(r == null || Double.isNaN(r.oursStd()) ? 0 : r.oursStd());
                paper.add(r == null || Double.isNaN(r.paper()) ? 0 : r.paper());
            }
            chart.addSeries("ours " + method, categories, ours, err);
            if (paper.stream().anyMatch(p -> p > 0)) chart.addSeries("paper " + method, categories, paper);
        }
        return png(chart);
    }

    /**
     * The categories every series of {@link #bars} is drawn on (XChart indexes the later series by the first one's, so a
     * method run on fewer classes than another, e.g. 3 of 10, gets the same axis and draws no bar where it has no cell):
     * those of the method with the most cells, in its order, then any it lacks.
     */
    static List<String> categories(List<Comparison.Row> rows, Function<Comparison.Row, String> category) {
        Map<String, List<String>> byMethod = new LinkedHashMap<>();
        for (Comparison.Row r : rows) byMethod.computeIfAbsent(r.method(), m -> new ArrayList<>()).add(category.apply(r));
        List<String> widest = byMethod.values().stream().max(Comparator.comparingInt(List::size)).orElse(List.of());
        return Stream.concat(widest.stream(), rows.stream().map(category)).distinct().toList();
    }

    /**
     * A curve with ±std error bars, e.g. the average AUC against λ; {@code marked} draws a vertical line
     * at the paper's chosen value (NaN: none).
     */
    public static byte[] curve(String title, String xTitle, String yTitle, double[] x, double[] y, double[] std, double marked) {
        XYChart chart = new XYChartBuilder().width(900).height(450).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setYAxisDecimalPattern("0.0");
        chart.addSeries("ours (mean over classes, ± std over seeds)", x, y, std);
        if (!Double.isNaN(marked)) {
            double lo = Arrays.stream(y).filter(Double::isFinite).min().orElse(0), hi = Arrays.stream(y).filter(Double::isFinite).max().orElse(100);
            chart.addSeries("paper's choice", new double[] {marked, marked}, new double[] {lo, hi}).setMarker(SeriesMarkers.NONE);
        }
        return png(chart);
    }

    /**
     * A curve with ±std error bars and one reference point, for a paper that prints only one point of the
     * curve: e.g. HRN Table 7 gives the accuracy after the last task, the harness measures it after every task.
     * Points whose value is NaN (a diverged run) are left out.
     */
    public static byte[] curveAndPoint(String title, String xTitle, String yTitle, String label, double[] x, double[] y, double[] std,
                                       String pointLabel, double pointX, double pointY) {
        XYChart chart = new XYChartBuilder().width(900).height(450).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
        chart.getStyler().setYAxisDecimalPattern("0.0");
        chart.getStyler().setYAxisMax(100.0);
        List<Double> xs = new ArrayList<>(), ys = new ArrayList<>(), es = new ArrayList<>();
        for (int i = 0; i < x.length; i++)
            if (Double.isFinite(y[i])) { xs.add(x[i]); ys.add(y[i]); es.add(Double.isFinite(std[i]) ? std[i] : 0); }
        if (!xs.isEmpty()) chart.addSeries(label, xs, ys, es);
        if (Double.isFinite(pointY))
            chart.addSeries(pointLabel, new double[] {pointX}, new double[] {pointY}).setMarker(SeriesMarkers.DIAMOND);
        return png(chart);
    }

    /**
     * Ours (with ±std error bars) and the paper's value against one variable, e.g. the average AUC against the
     * training-data noise ratio; a paper value of NaN leaves a gap in its line.
     */
    public static byte[] oursVsPaperCurve(String title, String xTitle, String yTitle, double[] x, double[] ours, double[] oursStd, double[] paper) {
        XYChart chart = new XYChartBuilder().width(900).height(450).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
        chart.getStyler().setYAxisDecimalPattern("0.0");
        double[] err = Arrays.stream(oursStd).map(s -> Double.isNaN(s) ? 0 : s).toArray();
        chart.addSeries("ours (mean over classes, ± std over seeds)", x, ours, err);
        if (Arrays.stream(paper).anyMatch(Double::isFinite)) chart.addSeries("paper", x, paper);
        return png(chart);
    }

    private static byte[] png(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
        try {
            BufferedImage image = new BufferedImage(chart.getWidth(), chart.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            chart.paint(g, chart.getWidth(), chart.getHeight());
            g.dispose();
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
