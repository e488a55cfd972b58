package ai.braid.plugin.pcme.data;

import ai.braid.api.UserInputException;
import ai.braid.api.data.Split;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The split of each CUB class, from the class lists of reedscot/cvpr2016 (trainvalclasses.txt,
 * testclasses.txt, optionally a validation list): one class folder name per line, e.g.
 * "001.Black_footed_Albatross".
 *
 * <p>CUB caption benchmarks split by class, so no test bird species is seen in training.
 * Classes of the validation list are taken out of the train list, so that trainvalclasses.txt
 * with a validation list gives train = trainval minus validation. A class in the test list and
 * in another one is an error, as is a listed class without a caption folder.
 */
final class CubClassSplits {

    private final Map<String, Split> splits;

    private CubClassSplits(Map<String, Split> splits) {
        this.splits = Collections.unmodifiableMap(new TreeMap<>(splits));
    }

    /**
     * Reads the class lists.
     *
     * @param directory the CUB directory holding the lists
     * @param captions the folder of the per-class caption folders, for checking names
     * @param lists the list file of each split, relative to the directory; a split without a
     *     list has no class
     * @return each listed class's split
     * @throws UserInputException if a list is missing, names an unknown class, or the test
     *     list shares a class with another list
     */
    static CubClassSplits read(Path directory, Path captions, Map<Split, String> lists) {
        Objects.requireNonNull(directory, "directory");
        Map<Split, List<String>> classes = new LinkedHashMap<>();
        for (Map.Entry<Split, String> list : lists.entrySet()) {
            classes.put(list.getKey(), readList(directory.resolve(list.getValue()), captions));
        }
        Map<String, Split> splits = new TreeMap<>();
        // Validation before train, so a trainval list leaves the validation classes out.
        for (Split split : List.of(Split.TEST, Split.VALIDATION, Split.TRAIN)) {
            for (String name : classes.getOrDefault(split, List.of())) {
                Split earlier = splits.putIfAbsent(name, split);
                if (earlier == Split.TEST && split != Split.TEST) {
                    throw new UserInputException("class " + name + " is listed in both "
                            + directory.resolve(lists.get(Split.TEST)) + " and "
                            + directory.resolve(lists.get(split)) + "; test classes must not"
                            + " be used for " + split.label());
                }
            }
        }
        return new CubClassSplits(splits);
    }

    private static List<String> readList(Path file, Path captions) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserInputException("there is no class list " + file, e);
        } catch (IOException e) {
            throw new UserInputException("cannot read the class list " + file + ": " + e, e);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String name = lines.get(i).strip();
            if (name.isEmpty()) {
                continue;
            }
            if (name.contains("/") || name.contains("\\") || name.startsWith(".")
                    || !Files.isDirectory(captions.resolve(name))) {
                throw new UserInputException(file + " line " + (i + 1) + ": class '" + name
                        + "' has no caption folder " + captions.resolve(name));
            }
            names.add(name);
        }
        return names;
    }

    /**
     * Returns the listed classes.
     *
     * @return the class folder names, sorted, each with its split
     */
    Map<String, Split> splits() {
        return splits;
    }
}
