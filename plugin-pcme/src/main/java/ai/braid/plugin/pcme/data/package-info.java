/**
 * The PCME plugin's dataset readers: images with several captions each, read as (image,
 * caption) samples with the ground truth of many-to-many retrieval.
 *
 * <p>Three readers share {@link ai.braid.plugin.pcme.data.CaptionDatasetReader}: {@code emoji}
 * ({@link ai.braid.plugin.pcme.data.EmojiReader}, real data installed from npm by
 * scripts/setup.sh), {@code cub-captions} ({@link ai.braid.plugin.pcme.data.CubCaptionReader})
 * and {@code coco-captions} ({@link ai.braid.plugin.pcme.data.CocoCaptionReader}). Each gives
 * a {@link ai.braid.plugin.pcme.data.CaptionCorpus} whose per-split {@link
 * ai.braid.plugin.pcme.data.Gallery} lists every image and caption once, for retrieval
 * metrics (Recall@K, R-Precision, PMRP).
 */
package ai.braid.plugin.pcme.data;
