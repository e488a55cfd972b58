/**
 * OCR semantics for SSESF: the semantic extractor {@code ocr} ({@link
 * ai.braid.plugin.ssesf.ocr.OcrExtractorFactory}) reads the text in each sample's image with the
 * system Tesseract, so that a pipeline can add it as a text modality:
 *
 * <pre>
 * extractors: [ { name: ocr, from: image, to: ocr } ]
 * projectors:
 *   ocr: { shareWith: text }
 * </pre>
 *
 * <p>{@link ai.braid.plugin.ssesf.ocr.OcrExtractor} keeps one Tesseract engine per thread,
 * enlarges small images, leaves out low-confidence marks, gives "" for an image without text,
 * and reports an unreadable image with its sample id. {@link ai.braid.plugin.ssesf.ocr.OcrBenchmark} compares its throughput
 * with the {@code tesseract} command line.
 */
package ai.braid.plugin.ssesf.ocr;
