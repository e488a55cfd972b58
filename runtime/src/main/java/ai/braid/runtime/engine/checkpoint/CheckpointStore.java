package ai.braid.runtime.engine.checkpoint;

import ai.braid.api.UserInputException;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The checkpoints of a run, in {@code DIR/checkpoint/}: one folder per kept epoch ({@code
 * epoch-0003/} with {@code model.params}, {@code optimizer.ndlist}, {@code state.json}, {@code
 * resolved.yaml}, {@code projectors/<modality>.state}, what each projector learned from the
 * training split, and {@code projectors/<modality>.params.ndlist}, each modality's projector
 * parameters named relative to the projector's block, which another run's projector can start
 * from) and {@code checkpoint.json}, which names the latest and the best.
 *
 * <p>Writes are crash-safe: an epoch folder is written under a temporary name and renamed when
 * complete, then {@code checkpoint.json} is replaced atomically, and only then are folders no
 * longer named deleted. A kill at any moment leaves {@code checkpoint.json} naming complete
 * folders.
 */
public final class CheckpointStore {

    /** The pointer file inside the checkpoint folder. */
    public static final String POINTER = "checkpoint.json";
    private static final String PARAMETERS = "model.params";
    private static final String OPTIMIZER = "optimizer.ndlist";
    private static final String STATE = "state.json";
    private static final String RESOLVED = "resolved.yaml";
    private static final String PROJECTORS = "projectors";
    private static final String STATE_SUFFIX = ".state";
    private static final String PARAMETERS_SUFFIX = ".params.ndlist";
    private static final String FUSION = "fusion" + PARAMETERS_SUFFIX;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Path directory;

    /**
     * Opens (without creating) a run's checkpoint folder.
     *
     * @param directory {@code DIR/checkpoint}
     */
    public CheckpointStore(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /**
     * Saves an epoch.
     *
     * @param model the model, whose parameters are written
     * @param optimizerState the optimizer's named state arrays
     * @param projectorStates each projector's fitted state, by modality name
     * @param projectorBlocks each modality's projector block, whose parameters are written
     *     again by their names relative to the block, by modality name
     * @param fusion the fusion block, whose parameters are written again by their names
     *     relative to it, for another run's {@code train.init}
     * @param state where the run stands
     * @param resolvedYaml the resolved pipeline
     * @param best whether this epoch becomes the best
     */
    public void save(Block model, NDList optimizerState, Map<String, byte[]> projectorStates,
            Map<String, Block> projectorBlocks, Block fusion, TrainingState state,
            String resolvedYaml, boolean best) {
        String name = String.format("epoch-%04d", state.epoch());
        try {
            Files.createDirectories(directory);
            Path temporary = Files.createTempDirectory(directory, "." + name + "-");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                    Files.newOutputStream(temporary.resolve(PARAMETERS))))) {
                model.saveParameters(out);
            }
            Files.write(temporary.resolve(OPTIMIZER), optimizerState.encode());
            JSON.writeValue(temporary.resolve(STATE).toFile(), state);
            Files.writeString(temporary.resolve(RESOLVED), resolvedYaml);
            writeProjectorStates(temporary, projectorStates);
            Path projectors = temporary.resolve(PROJECTORS);
            for (Map.Entry<String, Block> entry : projectorBlocks.entrySet()) {
                Files.write(projectors.resolve(entry.getKey() + PARAMETERS_SUFFIX),
                        encodeParameters(entry.getValue()));
            }
            Files.write(temporary.resolve(FUSION), encodeParameters(fusion));
            Path target = directory.resolve(name);
            deleteTree(target);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            Map<String, String> pointer = new LinkedHashMap<>();
            pointer.put("latest", name);
            pointer.put("best", best ? name : readPointer().getOrDefault("best", name));
            writeAtomically(directory.resolve(POINTER), JSON.writeValueAsBytes(pointer));
            try (Stream<Path> entries = Files.list(directory)) {
                for (Path entry : entries.toList()) {
                    String entryName = entry.getFileName().toString();
                    if (Files.isDirectory(entry) && !pointer.containsValue(entryName)) {
                        deleteTree(entry);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint in " + directory, e);
        }
    }

    /**
     * Returns the latest epoch folder.
     *
     * @return the folder, or empty if nothing was saved
     */
    public Optional<Path> latest() {
        return Optional.ofNullable(readPointer().get("latest")).map(directory::resolve);
    }

    /**
     * Returns the best epoch folder.
     *
     * @return the folder, or empty if nothing was saved
     */
    public Optional<Path> best() {
        return Optional.ofNullable(readPointer().get("best")).map(directory::resolve);
    }

    /**
     * Finds the epoch folder a user means: a run directory, its {@code checkpoint/} folder (the
     * best epoch of either) or an epoch folder itself.
     *
     * @param given the path on the command line
     * @return the epoch folder
     * @throws UserInputException if none is there
     */
    public static Path resolve(Path given) {
        return find(given).orElseThrow(() -> new UserInputException("--checkpoint " + given
                + ": no checkpoint there; give the --out folder of braid train, its checkpoint/"
                + " folder or an epoch folder inside it"));
    }

    /**
     * Finds the epoch folder a path means, as {@link #resolve} does, without failing.
     *
     * @param given a run directory, its {@code checkpoint/} folder or an epoch folder
     * @return the epoch folder (the best epoch unless an epoch folder is given), or empty
     */
    public static Optional<Path> find(Path given) {
        if (Files.isRegularFile(given.resolve(PARAMETERS))) {
            return Optional.of(given);
        }
        for (Path candidate : new Path[] {given, given.resolve("checkpoint")}) {
            if (Files.isRegularFile(candidate.resolve(POINTER))) {
                return new CheckpointStore(candidate).best();
            }
        }
        return Optional.empty();
    }

    /**
     * Reads an epoch's training state.
     *
     * @param epochFolder the folder
     * @return the state
     */
    public static TrainingState readState(Path epochFolder) {
        try {
            return JSON.readValue(epochFolder.resolve(STATE).toFile(), TrainingState.class);
        } catch (IOException e) {
            throw new UserInputException("cannot read " + epochFolder.resolve(STATE) + ": "
                    + e.getMessage());
        }
    }

    /**
     * Returns the file that holds an epoch's model parameters (float32, DJL's format).
     *
     * @param epochFolder the folder
     * @return {@code model.params} inside it
     */
    public static Path parametersFile(Path epochFolder) {
        return epochFolder.resolve(PARAMETERS);
    }

    /**
     * Loads an epoch's parameters into an initialised model of the same pipeline.
     *
     * @param epochFolder the folder
     * @param model the model
     * @param manager the model's manager
     */
    public static void loadParameters(Path epochFolder, Block model, NDManager manager) {
        Path file = epochFolder.resolve(PARAMETERS);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                Files.newInputStream(file)))) {
            model.loadParameters(manager, in);
        } catch (IOException | MalformedModelException | IllegalArgumentException e) {
            throw new UserInputException("cannot load " + file + " into this pipeline's model ("
                    + e.getMessage() + "); was it trained with the same pipeline and options?");
        }
    }

    /**
     * Reads an epoch's optimizer state.
     *
     * @param epochFolder the folder
     * @param manager owns the arrays
     * @return the named arrays
     */
    public static NDList readOptimizerState(Path epochFolder, NDManager manager) {
        try {
            return decode(manager, Files.readAllBytes(epochFolder.resolve(OPTIMIZER)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + epochFolder.resolve(OPTIMIZER), e);
        }
    }

    /**
     * Reads the projectors' fitted states saved with an epoch.
     *
     * @param epochFolder the folder
     * @return the states by modality name; empty if none were saved
     */
    public static Map<String, byte[]> readProjectorStates(Path epochFolder) {
        Path folder = epochFolder.resolve(PROJECTORS);
        Map<String, byte[]> states = new LinkedHashMap<>();
        if (!Files.isDirectory(folder)) {
            return states;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(STATE_SUFFIX)) {
                    states.put(name.substring(0, name.length() - STATE_SUFFIX.length()),
                            Files.readAllBytes(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder, e);
        }
        return states;
    }

    /**
     * Writes projectors' fitted states as {@link #readProjectorStates} reads them, into a
     * {@code projectors/} folder it creates: with an epoch, or beside an export of its weights.
     *
     * @param folder the folder to write into
     * @param states the states by modality name
     * @throws IOException if a file cannot be written or {@code projectors/} exists
     */
    public static void writeProjectorStates(Path folder, Map<String, byte[]> states)
            throws IOException {
        Path projectors = Files.createDirectory(folder.resolve(PROJECTORS));
        for (Map.Entry<String, byte[]> entry : states.entrySet()) {
            Files.write(projectors.resolve(entry.getKey() + STATE_SUFFIX), entry.getValue());
        }
    }

    /**
     * Returns the file that holds a modality's projector parameters in an epoch folder.
     *
     * @param epochFolder the folder
     * @param modality the modality's name
     * @return {@code projectors/<modality>.params.ndlist} inside it; it may not exist (runs
     *     written before projector parameters were saved)
     */
    public static Path projectorParametersFile(Path epochFolder, String modality) {
        return epochFolder.resolve(PROJECTORS).resolve(modality + PARAMETERS_SUFFIX);
    }

    /**
     * Lists the modalities whose projector parameters an epoch folder holds.
     *
     * @param epochFolder the folder
     * @return modality names, sorted; empty if none were saved
     */
    public static List<String> projectorParameterModalities(Path epochFolder) {
        Path folder = epochFolder.resolve(PROJECTORS);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(PARAMETERS_SUFFIX))
                    .map(name -> name.substring(0, name.length() - PARAMETERS_SUFFIX.length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder, e);
        }
    }

    /**
     * Reads a modality's projector parameters saved with an epoch.
     *
     * @param epochFolder the folder
     * @param modality the modality's name
     * @param manager owns the arrays
     * @return the arrays, each named by its parameter's name relative to the projector block
     * @throws UncheckedIOException if the file cannot be read
     */
    public static NDList readProjectorParameters(
            Path epochFolder, String modality, NDManager manager) {
        return readNamedParameters(projectorParametersFile(epochFolder, modality), manager);
    }

    /**
     * Returns the file that holds the fusion's parameters in an epoch folder.
     *
     * @param epochFolder the folder
     * @return {@code fusion.params.ndlist} inside it; it may not exist (runs saved before it)
     */
    public static Path fusionParametersFile(Path epochFolder) {
        return epochFolder.resolve(FUSION);
    }

    /**
     * Reads a named parameter file of an epoch folder ({@link #projectorParametersFile}, {@link
     * #fusionParametersFile}).
     *
     * @param file the file
     * @param manager owns the arrays
     * @return the arrays, each named by its parameter's name relative to its block
     * @throws UncheckedIOException if the file cannot be read
     */
    public static NDList readNamedParameters(Path file, NDManager manager) {
        try {
            return decode(manager, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Decodes an {@link NDList}; DJL refuses to decode the empty list it encodes (an optimizer
     * that has not stepped yet, a projector without parameters).
     */
    private static NDList decode(NDManager manager, byte[] bytes) {
        if (Arrays.equals(bytes, new NDList().encode())) {
            return new NDList();
        }
        return NDList.decode(manager, bytes);
    }

    /**
     * Encodes a block's parameters as an {@link NDList} whose arrays are named by the
     * parameters' names relative to the block. The arrays' own names are put back afterwards.
     */
    private static byte[] encodeParameters(Block block) {
        NDList list = new NDList();
        List<String> names = new ArrayList<>();
        try {
            for (Pair<String, Parameter> entry : block.getParameters()) {
                NDArray array = entry.getValue().getArray();
                names.add(array.getName());
                array.setName(entry.getKey());
                list.add(array);
            }
            return list.encode();
        } finally {
            for (int i = 0; i < names.size(); i++) {
                list.get(i).setName(names.get(i));
            }
        }
    }

    /**
     * Reads the resolved pipeline saved with an epoch.
     *
     * @param epochFolder the folder
     * @return the YAML text
     */
    public static String readResolved(Path epochFolder) {
        try {
            return Files.readString(epochFolder.resolve(RESOLVED), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + epochFolder.resolve(RESOLVED), e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> readPointer() {
        Path pointer = directory.resolve(POINTER);
        if (!Files.isRegularFile(pointer)) {
            return Map.of();
        }
        try {
            return JSON.readValue(pointer.toFile(), Map.class);
        } catch (IOException e) {
            throw new UserInputException("cannot read " + pointer + ": " + e.getMessage());
        }
    }

    private static void writeAtomically(Path file, byte[] content) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        Files.write(temporary, content);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
