package oneclass.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The pictures of the reports, drawn headless with XChart and returned as PNG bytes. */
public final class Charts {
    private Charts() {}

    /** Per class: our mean (with ±std error bars) next to the paper's value, for each method, one dataset. */
    public static byte[] oursVsPaper(String title, List<Comparison.Row> rows, String dataset, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(1000).height(500).title(title)
                .xAxisTitle("normal class").yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setOverlapped(false);
        chart.getStyler().setYAxisDecimalPattern("0.0");
        double lo = rows.stream().filter(r -> r.dataset().equals(dataset))
                .flatMapToDouble(r -> java.util.stream.DoubleStream.of(r.ours() - (Double.isNaN(r.oursStd()) ? 0 : r.oursStd()),
                        Double.isNaN(r.paper()) ? r.ours() : r.paper()))
                .min().orElse(0);
        chart.getStyler().setYAxisMin(Math.max(0, Math.floor(lo / 5) * 5 - 5));
        chart.getStyler().setYAxisMax(100.0);
        for (String method : rows.stream().filter(r -> r.dataset().equals(dataset)).map(Comparison.Row::method).distinct().toList()) {
            List<String> classes = new ArrayList<>();
            List<Double> ours = new ArrayList<>(), err = new ArrayList<>(), paper = new ArrayList<>();
            for (Comparison.Row r : rows)
                if (r.dataset().equals(dataset) && r.method().equals(method)) {
                    classes.add(r.cls());
                    ours.add(r.ours());
                    err.add(Double.isNaN(r.oursStd()) ? 0 : r.oursStd());
                    paper.add(Double.isNaN(r.paper()) ? 0 : r.paper());
                }
            chart.addSeries("ours " + method, classes, ours, err);
            if (paper.stream().anyMatch(p -> p > 0)) chart.addSeries("paper " + method, classes, paper);
        }
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            BitmapEncoder.saveBitmap(chart, png, BitmapEncoder.BitmapFormat.PNG);
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
