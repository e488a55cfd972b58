package ai.braid.plugin.ssesf.ocr;

import java.util.List;

/**
 * What an {@link OcrExtractor} has done so far.
 *
 * @param images images given to {@link OcrExtractor#extract}, read or not
 * @param withoutText images read without finding any text (their result is "")
 * @param failures images that could not be read; each was logged with its sample id and
 *     reported to the caller as an error
 * @param failedIds the ids of the first {@value OcrExtractor#KEPT_FAILED_IDS} failures, in the
 *     order they happened
 */
public record OcrStatistics(long images, long withoutText, long failures, List<String> failedIds) {

    /**
     * Copies the id list.
     *
     * @param images images seen
     * @param withoutText images without text
     * @param failures unreadable images
     * @param failedIds their first ids
     */
    public OcrStatistics {
        failedIds = List.copyOf(failedIds);
    }
}
