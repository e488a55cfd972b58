/**
 * Single-stage extensive semantic fusion: multiway encoder, OCR semantics, SupCon and MGDA (sarcasm detection).
 *
 * <p>Components so far: the semantic extractor {@code ocr} (package {@link
 * ai.braid.plugin.ssesf.ocr}), OCR text from images with the system Tesseract.
 */
package ai.braid.plugin.ssesf;
