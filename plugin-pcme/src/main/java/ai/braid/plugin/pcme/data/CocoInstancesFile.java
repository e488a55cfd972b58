package ai.braid.plugin.pcme.data;

import ai.braid.api.UserInputException;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One COCO instances file (instances_train2014.json), reduced to what PMRP needs: the object
 * {@code categories} ({@code id}, {@code name}) and, per image, the set of categories of its
 * object {@code annotations} ({@code image_id}, {@code category_id}). Segmentations, boxes and
 * all other fields are ignored.
 */
final class CocoInstancesFile {

    private final Map<Long, String> categories;
    private final Map<Long, Set<Long>> imageCategories;

    private CocoInstancesFile(Map<Long, String> categories, Map<Long, Set<Long>> imageCategories) {
        this.categories = categories;
        this.imageCategories = imageCategories;
    }

    /**
     * Reads an instances file.
     *
     * @param file the instances JSON
     * @return its categories and each annotated image's categories
     * @throws UserInputException if the file is malformed or an annotation names an unknown
     *     category; the message names the file and the record
     */
    static CocoInstancesFile read(Path file) {
        Document document = JsonFiles.read(file, new TypeReference<>() {});
        if (document.categories() == null || document.annotations() == null) {
            throw new UserInputException(file + " lacks 'categories' or 'annotations'; expected"
                    + " a COCO instances file like instances_train2014.json");
        }
        Map<Long, String> categories = new TreeMap<>();
        for (int i = 0; i < document.categories().size(); i++) {
            CategoryRecord category = document.categories().get(i);
            if (category == null || category.id() == null || category.name() == null) {
                throw new UserInputException(file + ": categories[" + i + "] lacks 'id' or"
                        + " 'name'");
            }
            categories.put(category.id(), category.name());
        }
        Map<Long, Set<Long>> imageCategories = new HashMap<>();
        for (int i = 0; i < document.annotations().size(); i++) {
            InstanceRecord instance = document.annotations().get(i);
            if (instance == null || instance.imageId() == null || instance.categoryId() == null) {
                throw new UserInputException(file + ": annotations[" + i + "] lacks 'image_id'"
                        + " or 'category_id'");
            }
            if (!categories.containsKey(instance.categoryId())) {
                throw new UserInputException(file + ": annotations[" + i + "] has category_id "
                        + instance.categoryId() + ", which 'categories' does not list");
            }
            imageCategories.computeIfAbsent(instance.imageId(), id -> new TreeSet<>())
                    .add(instance.categoryId());
        }
        return new CocoInstancesFile(categories, imageCategories);
    }

    /**
     * Returns the object categories.
     *
     * @return category id to name, by ascending id
     */
    Map<Long, String> categories() {
        return categories;
    }

    /**
     * Returns the categories of one image's objects.
     *
     * @param imageId the image's id
     * @return the category ids, ascending; empty if the image has no object annotation
     */
    Set<Long> categoriesOf(long imageId) {
        return imageCategories.getOrDefault(imageId, Set.of());
    }

    private record Document(
            @JsonProperty("annotations") List<InstanceRecord> annotations,
            @JsonProperty("categories") List<CategoryRecord> categories) {}

    private record InstanceRecord(
            @JsonProperty("image_id") Long imageId,
            @JsonProperty("category_id") Long categoryId) {}

    private record CategoryRecord(
            @JsonProperty("id") Long id,
            @JsonProperty("name") String name) {}
}
