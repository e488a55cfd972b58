/**
 * Single-stage extensive semantic fusion: multiway encoder, OCR semantics, SupCon and MGDA (sarcasm detection).
 *
 * <p>Components so far: the {@code multiway} fusion (ESFM, package {@link
 * ai.braid.plugin.ssesf.fusion}). OCR text and captions reach it through the text projector
 * ({@code ocr: { shareWith: text }} under {@code projectors}), image regions through the image
 * projector, each as a modality of its own that the fusion routes to a named expert.
 */
package ai.braid.plugin.ssesf;
