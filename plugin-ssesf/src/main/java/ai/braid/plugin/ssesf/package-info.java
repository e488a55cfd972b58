/**
 * Single-stage extensive semantic fusion: multiway encoder, OCR semantics, SupCon and MGDA (sarcasm detection).
 *
 * <p>So far the plugin provides the readers of the sarcasm benchmarks, {@code mmsd} and {@code
 * mmsd2} (package {@link ai.braid.plugin.ssesf.data.mmsd}); the model's components arrive with
 * their own issues.
 */
package ai.braid.plugin.ssesf;
