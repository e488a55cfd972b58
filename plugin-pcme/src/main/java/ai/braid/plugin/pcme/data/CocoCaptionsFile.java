package ai.braid.plugin.pcme.data;

import ai.braid.api.UserInputException;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One COCO captions file (captions_train2014.json): the {@code images} with their {@code id}
 * and {@code file_name}, and the {@code annotations} with their {@code image_id} and {@code
 * caption}. Other fields (width, height, licences...) are ignored.
 */
final class CocoCaptionsFile {

    private final Map<Long, CaptionedFile> images;

    private CocoCaptionsFile(Map<Long, CaptionedFile> images) {
        this.images = images;
    }

    /**
     * Reads a captions file. Blank captions are skipped; images without any caption are left
     * out, since nothing can retrieve them.
     *
     * @param file the captions JSON
     * @return its captioned images
     * @throws UserInputException if the file is malformed, an image id repeats or a caption
     *     names an image the file does not list; the message names the file and the record
     */
    static CocoCaptionsFile read(Path file) {
        Document document = JsonFiles.read(file, new TypeReference<>() {});
        if (document.images() == null || document.annotations() == null) {
            throw new UserInputException(file + " lacks 'images' or 'annotations'; expected a"
                    + " COCO captions file like captions_train2014.json");
        }
        Map<Long, String> names = new LinkedHashMap<>();
        for (int i = 0; i < document.images().size(); i++) {
            ImageRecord image = document.images().get(i);
            if (image == null || image.id() == null || image.fileName() == null
                    || image.fileName().isBlank()) {
                throw new UserInputException(file + ": images[" + i + "] lacks 'id' or"
                        + " 'file_name'");
            }
            if (names.put(image.id(), image.fileName()) != null) {
                throw new UserInputException(file + ": image id " + image.id()
                        + " is listed twice in 'images'");
            }
        }
        Map<Long, List<String>> captions = new LinkedHashMap<>();
        for (int i = 0; i < document.annotations().size(); i++) {
            AnnotationRecord annotation = document.annotations().get(i);
            if (annotation == null || annotation.imageId() == null) {
                throw new UserInputException(file + ": annotations[" + i + "] lacks"
                        + " 'image_id'");
            }
            if (!names.containsKey(annotation.imageId())) {
                throw new UserInputException(file + ": the caption of annotation "
                        + (annotation.id() == null ? "[" + i + "]" : annotation.id())
                        + " is of image " + annotation.imageId() + ", which 'images' does not"
                        + " list");
            }
            String caption = annotation.caption() == null ? "" : annotation.caption().strip();
            if (!caption.isEmpty()) {
                captions.computeIfAbsent(annotation.imageId(), id -> new ArrayList<>())
                        .add(caption);
            }
        }
        Map<Long, CaptionedFile> images = new LinkedHashMap<>();
        names.forEach((id, name) -> {
            List<String> texts = captions.get(id);
            if (texts != null) {
                images.put(id, new CaptionedFile(name, List.copyOf(texts)));
            }
        });
        return new CocoCaptionsFile(images);
    }

    /**
     * Returns the captioned images.
     *
     * @return image id to file name and captions, in the order of the file's images
     */
    Map<Long, CaptionedFile> images() {
        return images;
    }

    /**
     * One image with its captions.
     *
     * @param fileName the image's file name in the split's image folder
     * @param captions its captions in the file's order, none blank
     */
    record CaptionedFile(String fileName, List<String> captions) {}

    private record Document(
            @JsonProperty("images") List<ImageRecord> images,
            @JsonProperty("annotations") List<AnnotationRecord> annotations) {}

    private record ImageRecord(
            @JsonProperty("id") Long id,
            @JsonProperty("file_name") String fileName) {}

    private record AnnotationRecord(
            @JsonProperty("id") Long id,
            @JsonProperty("image_id") Long imageId,
            @JsonProperty("caption") String caption) {}
}
