package ai.braid.runtime.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.text.DecimalFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

class CurvePlotsTest {

    @TempDir
    Path out;

    /** 3 epochs of 10 steps; two loss terms; a validation and a test split. */
    private static List<MetricRecord> run(boolean severalTerms) {
        List<MetricRecord> records = new ArrayList<>();
        for (int step = 1; step <= 30; step++) {
            int epoch = (step - 1) / 10 + 1;
            Map<String, Double> values = new LinkedHashMap<>();
            double ce = 2.0 / step + 0.05 * Math.sin(step);
            values.put("loss", severalTerms ? ce + 0.1 : ce);
            if (severalTerms) {
                values.put("loss/cross-entropy", ce);
                values.put("loss/kl", 0.1);
            }
            values.put("lr", 1e-3 * (1 - step / 31.0));
            records.add(new MetricRecord(step, epoch, MetricRecord.TRAIN, step, values));
            if (step % 10 == 0) {
                Map<String, Double> eval = new LinkedHashMap<>();
                eval.put("loss", 1.0 / epoch);
                eval.put("accuracy", 0.5 + 0.1 * epoch);
                eval.put("recall@1_i2t", 0.2 * epoch);
                eval.put("broken", Double.NaN);
                records.add(new MetricRecord(step, epoch, MetricRecord.VALIDATION, step, eval));
            }
        }
        records.add(new MetricRecord(30, 3, MetricRecord.TEST, 31,
                Map.of("accuracy", 0.79, "broken", Double.NaN)));
        return records;
    }

    private static BufferedImage image(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as("readable PNG %s", file).isNotNull();
        return image;
    }

    @Test
    void drawsLossAndOnePlotPerMetricAtTheDefaultSize() throws IOException {
        List<Path> written = CurvePlots.builder().build().write(run(false), out);

        Path plots = out.resolve("plots");
        assertThat(written).containsExactly(plots.resolve("loss.png"), plots.resolve("lr.png"),
                plots.resolve("accuracy.png"), plots.resolve("recall_at_1_i2t.png"));
        for (Path file : written) {
            BufferedImage image = image(file);
            assertThat(image.getWidth()).isEqualTo(800);
            assertThat(image.getHeight()).isEqualTo(500);
        }
    }

    @Test
    void metricWithOnlyNaNIsSkippedAndNoTemporaryFilesRemain() throws IOException {
        CurvePlots.builder().optSize(400, 300).build().write(run(true), out);

        try (Stream<Path> files = Files.list(out.resolve("plots"))) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("loss.png", "lr.png", "accuracy.png",
                            "recall_at_1_i2t.png");
        }
        BufferedImage loss = image(out.resolve("plots/loss.png"));
        assertThat(loss.getWidth()).isEqualTo(400);
        assertThat(loss.getHeight()).isEqualTo(300);
    }

    @Test
    void lossPlotDrawsSomethingBesidesTheBackground() throws IOException {
        CurvePlots.builder().optSmoothingWindow(5).build().write(run(true), out);

        BufferedImage image = image(out.resolve("plots/loss.png"));
        // The default theme draws series in colour; a plot with curves has saturated pixels.
        int coloured = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = rgb >> 16 & 0xff;
                int g = rgb >> 8 & 0xff;
                int b = rgb & 0xff;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 80) {
                    coloured++;
                }
            }
        }
        assertThat(coloured).isGreaterThan(200);
    }

    @Test
    void nothingToDrawWritesNothing() throws IOException {
        List<MetricRecord> onlyNaN = List.of(new MetricRecord(1, 1, MetricRecord.VALIDATION, 0,
                Map.of("loss", Double.NaN, "accuracy", Double.NaN)));

        assertThat(CurvePlots.builder().build().write(onlyNaN, out)).isEmpty();
        assertThat(CurvePlots.builder().build().write(List.of(), out)).isEmpty();
    }

    @Test
    void fileStemsAreSafeAndDistinctNamesStayDistinct() throws IOException {
        assertThat(CurvePlots.fileStem("recall@1_i2t")).isEqualTo("recall_at_1_i2t");
        assertThat(CurvePlots.fileStem("mAP/test set")).isEqualTo("mAP_test_set");
        assertThat(CurvePlots.fileStem("../x")).isEqualTo("x");
        assertThat(CurvePlots.fileStem("??")).isEqualTo("metric");

        List<MetricRecord> clash = List.of(new MetricRecord(1, 1, MetricRecord.VALIDATION, 0,
                Map.of("a b", 1.0, "a/b", 2.0)));
        assertThat(CurvePlots.builder().build().write(clash, out))
                .extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("a_b.png", "a_b_2.png");
    }

    @Test
    void movingAverageShrinksItsWindowAtTheEnds() {
        double[] smoothed = CurvePlots.movingAverage(new double[] {1, 2, 3, 10, 5}, 3);

        assertThat(smoothed[0]).isCloseTo((1 + 2) / 2.0, within(1e-12));
        assertThat(smoothed[1]).isCloseTo((1 + 2 + 3) / 3.0, within(1e-12));
        assertThat(smoothed[2]).isCloseTo((2 + 3 + 10) / 3.0, within(1e-12));
        assertThat(smoothed[3]).isCloseTo((3 + 10 + 5) / 3.0, within(1e-12));
        assertThat(smoothed[4]).isCloseTo((10 + 5) / 2.0, within(1e-12));
    }

    @Test
    void valueAxisShowsTheDecimalsItsRangeNeeds() {
        // Validation and test KL of a one-epoch run: two values 0.08 apart.
        String pattern = CurvePlots.decimalPattern(23.267838356971737, 23.34601248357296);
        assertThat(pattern).isEqualTo("#,##0.###");
        assertThat(new DecimalFormat(pattern).format(23.34601248357296)).isEqualTo("23.346");

        assertThat(CurvePlots.decimalPattern(100, 1800)).isEqualTo("#,##0");
        assertThat(CurvePlots.decimalPattern(0.626, 0.626)).isEqualTo("#,##0.####");
        assertThat(CurvePlots.decimalPattern(0, 1e-5)).isEqualTo("0.###E0");
        assertThat(CurvePlots.decimalPattern(0, 0)).isEqualTo("#,##0.###");
    }

    @Test
    void legendGoesOneLabelALineWhenTheLabelsDoNotFitTheWidth() {
        Styler styler = new XYChartBuilder().build().getStyler();

        assertThat(CurvePlots.fitsInOneLine(Set.of("validation", "test"), styler, 800))
                .isTrue();
        assertThat(CurvePlots.fitsInOneLine(new LinkedHashSet<>(List.of(
                "train beta-elbo/reconstruction", "train beta-elbo/capacity", "train loss",
                "validation beta-elbo/reconstruction", "validation beta-elbo/capacity",
                "validation loss")), styler, 800)).isFalse();
    }
}
