package com.example.braid.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.braid.api.UserInputException;
import ai.braid.api.data.Modality;
import ai.braid.api.data.ModalitySpec;
import ai.braid.api.data.Sample;
import ai.braid.api.data.SampleSet;
import ai.braid.api.data.Split;
import ai.braid.api.data.TargetSpec;
import ai.braid.api.spi.DatasetReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignalCsvReaderTest {

    // Surefire runs in the project directory, where the example's data lives.
    private static final Path SHIPPED = Path.of("data", "waveforms.csv").toAbsolutePath();
    private static final Modality SIGNAL = Modality.of("signal");

    private final SignalCsvReaderFactory factory = new SignalCsvReaderFactory();

    @TempDir
    Path dir;

    @Test
    void readsTheShippedDatasetIntoItsSplits() {
        DatasetReader reader = reader(SHIPPED);

        assertThat(reader.modalities()).containsExactly(new ModalitySpec(SIGNAL, float[].class));
        assertThat(reader.targets()).containsExactly(
                new TargetSpec("label", List.of("sawtooth", "sine", "square")));
        assertThat(reader.read(Split.TRAIN).size()).isEqualTo(60);
        assertThat(reader.read(Split.VALIDATION).size()).isEqualTo(20);
        assertThat(reader.read(Split.TEST).size()).isEqualTo(20);
        assertThat(classCounts(reader.read(Split.TRAIN)))
                .containsExactlyInAnyOrderEntriesOf(Map.of(0L, 20, 1L, 20, 2L, 20));
    }

    @Test
    void samplesCarryTheSignalAndTheClassIndex() {
        SampleSet train = reader(SHIPPED).read(Split.TRAIN);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < train.size(); i++) {
            Sample sample = train.get(i);
            ids.add(sample.id());
            assertThat(sample.input(SIGNAL, float[].class)).hasSize(64);
            assertThat(sample.target("label", Long.class)).isBetween(0L, 2L);
        }
        assertThat(ids).hasSize(60);

        // The first data line: "train-001,train,sine,0.6033 0.8633 ..."; sine is class 1.
        Sample first = train.get(0);
        assertThat(first.id()).isEqualTo("train-001");
        assertThat(first.target("label", Long.class)).isEqualTo(1L);
        assertThat(first.input(SIGNAL, float[].class)).startsWith(0.6033f, 0.8633f);
    }

    @Test
    void givesTheSameSamplesOnEveryRead() {
        DatasetReader reader = reader(SHIPPED);
        assertThat(ids(reader.read(Split.TEST))).isEqualTo(ids(reader(SHIPPED).read(Split.TEST)));
    }

    @Test
    void classIndicesComeFromSortedNamesOfTheWholeFile() throws IOException {
        Path csv = write("""
                id,split,label,values
                a,train,zebra,1 2
                b,test,apple,3 4
                c,train,mango,5 6
                """);
        DatasetReader reader = reader(csv);

        assertThat(reader.targets().get(0).classes()).containsExactly("apple", "mango", "zebra");
        assertThat(reader.read(Split.TRAIN).get(0).target("label", Long.class)).isEqualTo(2L);
        assertThat(reader.read(Split.TEST).get(0).target("label", Long.class)).isEqualTo(0L);
        assertThat(reader.read(Split.VALIDATION).size()).isZero();
    }

    @Test
    void namesTheModalityAsConfigured() {
        DatasetReader reader = factory.create(Configs.of(factory, "data",
                Map.of("path", SHIPPED, "modality", "ecg")));

        assertThat(reader.modalities()).containsExactly(
                new ModalitySpec(Modality.of("ecg"), float[].class));
        assertThat(reader.read(Split.TEST).get(0).findInput(Modality.of("ecg"))).isPresent();
    }

    @Test
    void samplesDoNotShareArraysWithTheReader() {
        DatasetReader reader = reader(SHIPPED);
        reader.read(Split.TEST).get(0).input(SIGNAL, float[].class)[0] = 99f;

        assertThat(reader.read(Split.TEST).get(0).input(SIGNAL, float[].class)[0])
                .isNotEqualTo(99f);
    }

    @Test
    void reportsAMissingFileWithTheOptionItWasSetBy() {
        Path missing = dir.resolve("nothing.csv");

        assertThatThrownBy(() -> reader(missing))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("data.path (pipeline.yaml:3)")
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("id,split,label,values");
    }

    @Test
    void reportsAnUnparseableFloatWithItsLine() throws IOException {
        Path csv = write("""
                id,split,label,values
                a,train,sine,0.1 0.2 0.3
                b,train,sine,0.1 zero 0.3
                """);

        assertThatThrownBy(() -> reader(csv).read(Split.TRAIN))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith(csv + ", line 3: ")
                .hasMessageContaining("value 2")
                .hasMessageContaining("'zero'")
                .hasMessageContaining("expected floats separated by spaces");
    }

    @Test
    void reportsAWrongHeader() throws IOException {
        Path csv = write("id,label,values\na,sine,1 2\n");

        assertThatThrownBy(() -> reader(csv).targets())
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith(csv + ", line 1: ")
                .hasMessageContaining("expected 'id,split,label,values'");
    }

    @Test
    void reportsAnUnknownSplit() throws IOException {
        Path csv = write("id,split,label,values\na,training,sine,1 2\n");

        assertThatThrownBy(() -> reader(csv).read(Split.TRAIN))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith(csv + ", line 2: ")
                .hasMessageContaining("'training'")
                .hasMessageContaining("train, validation, test");
    }

    @Test
    void reportsSignalsOfDifferentLengths() throws IOException {
        Path csv = write("""
                id,split,label,values
                a,train,sine,1 2 3

                b,test,square,1 2
                """);

        assertThatThrownBy(() -> reader(csv).read(Split.TEST))
                .isInstanceOf(UserInputException.class)
                .hasMessageStartingWith(csv + ", line 4: ")
                .hasMessageContaining("2 values")
                .hasMessageContaining("line 2 has 3")
                .hasMessageContaining("equal length");
    }

    @Test
    void reportsOtherMalformedRows() throws IOException {
        assertThatThrownBy(() -> reader(write("id,split,label,values\na,train,sine,1,2\n"))
                .read(Split.TRAIN))
                .hasMessageContaining("line 2: the row has 5 comma-separated fields");
        assertThatThrownBy(() -> reader(write("id,split,label,values\na,train,sine,1 NaN\n"))
                .read(Split.TRAIN))
                .hasMessageContaining("line 2: value 2")
                .hasMessageContaining("expected a finite number");
        assertThatThrownBy(() -> reader(
                write("id,split,label,values\na,train,sine,1\na,test,sine,2\n")).read(Split.TRAIN))
                .hasMessageContaining("line 3: id 'a' is already used on line 2");
        assertThatThrownBy(() -> reader(write("id,split,label,values\na,train,,1\n"))
                .read(Split.TRAIN))
                .hasMessageContaining("line 2: the label is empty");
        assertThatThrownBy(() -> reader(write("id,split,label,values\n")).read(Split.TRAIN))
                .hasMessageContaining("no rows");
        assertThatThrownBy(() -> reader(write("")).read(Split.TRAIN))
                .hasMessageContaining("is empty");
    }

    @Test
    void reportsAnInvalidModalityName() {
        assertThatThrownBy(() -> factory.create(Configs.of(factory, "data",
                Map.of("path", SHIPPED, "modality", "Signal-1"))))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("data.modality (pipeline.yaml:3)")
                .hasMessageContaining("'Signal-1'");
    }

    private DatasetReader reader(Path csv) {
        return factory.create(Configs.of(factory, "data", Map.of("path", csv)));
    }

    private Path write(String content) throws IOException {
        Path csv = Files.createTempFile(dir, "signals", ".csv");
        return Files.writeString(csv, content);
    }

    private static Map<Long, Integer> classCounts(SampleSet samples) {
        Map<Long, Integer> counts = new TreeMap<>();
        for (int i = 0; i < samples.size(); i++) {
            counts.merge(samples.get(i).target("label", Long.class), 1, Integer::sum);
        }
        return counts;
    }

    private static List<String> ids(SampleSet samples) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            ids.add(samples.get(i).id());
        }
        return ids;
    }
}
