package ai.braid.runtime.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricRecordTest {

    private static Map<String, Double> values(Object... nameValue) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            values.put((String) nameValue[i], (Double) nameValue[i + 1]);
        }
        return values;
    }

    @Test
    void writesFixedFieldsFirstThenValuesFlatInOrder() {
        MetricRecord record = new MetricRecord(12, 2, MetricRecord.TRAIN, 3.5,
                values("loss", 0.25, "loss/cross-entropy", 0.125, "lr", 0.001));

        assertThat(record.toJson()).isEqualTo("{\"step\":12,\"epoch\":2,\"split\":\"train\","
                + "\"time\":3.5,\"loss\":0.25,\"loss/cross-entropy\":0.125,\"lr\":0.001}");
    }

    @Test
    void roundTripsNonFiniteValuesAsNullAndStrings() {
        MetricRecord record = new MetricRecord(0, 0, MetricRecord.VALIDATION, 0,
                values("nan", Double.NaN, "up", Double.POSITIVE_INFINITY,
                        "down", Double.NEGATIVE_INFINITY, "recall@1_i2t", 0.5));

        String json = record.toJson();
        MetricRecord back = MetricRecord.fromJson(json);

        assertThat(json).contains("\"nan\":null", "\"up\":\"Infinity\"", "\"down\":\"-Infinity\"");
        assertThat(back).isEqualTo(record);
        assertThat(back.values().keySet()).containsExactly("nan", "up", "down", "recall@1_i2t");
        assertThat(back.value("nan")).isNaN();
        assertThat(back.value("absent")).isNaN();
    }

    @Test
    void rejectsReservedValueNamesAndBadFields() {
        assertThatThrownBy(() -> new MetricRecord(1, 0, "train", 0, values("step", 1.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'step'");
        assertThatThrownBy(() -> new MetricRecord(-1, 0, "train", 0, Map.of()))
                .hasMessageContaining("step must be >= 0");
        assertThatThrownBy(() -> new MetricRecord(1, 0, " ", 0, Map.of()))
                .hasMessageContaining("split");
    }

    @Test
    void valuesAreFrozen() {
        Map<String, Double> values = values("loss", 1.0);
        MetricRecord record = new MetricRecord(1, 0, "train", 0, values);
        values.put("loss", 2.0);

        assertThat(record.value("loss")).isEqualTo(1.0);
        assertThatThrownBy(() -> record.values().put("x", 1.0))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void parsingSaysWhatIsWrong() {
        assertThatThrownBy(() -> MetricRecord.fromJson("{\"epoch\":1,\"split\":\"train\","
                + "\"time\":0}")).hasMessageContaining("'step' is missing");
        assertThatThrownBy(() -> MetricRecord.fromJson("{\"step\":1,\"epoch\":1,"
                + "\"split\":\"train\",\"time\":0,\"loss\":\"high\"}"))
                .hasMessageContaining("'loss' must be a number");
        assertThatThrownBy(() -> MetricRecord.fromJson("[1,2]"))
                .hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> MetricRecord.fromJson("{\"step\":1} {}"))
                .hasMessageContaining("not valid JSON");
    }
}
