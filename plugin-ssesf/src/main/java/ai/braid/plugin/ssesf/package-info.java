/**
 * Single-stage extensive semantic fusion (SSESF): the multiway fusion (ESFM, package {@link
 * ai.braid.plugin.ssesf.fusion}), OCR text as extensive semantics (the extractor {@code ocr},
 * package {@link ai.braid.plugin.ssesf.ocr}), and the readers of the sarcasm benchmarks, {@code
 * mmsd} and {@code mmsd2} (package {@link ai.braid.plugin.ssesf.data.mmsd}).
 */
package ai.braid.plugin.ssesf;
