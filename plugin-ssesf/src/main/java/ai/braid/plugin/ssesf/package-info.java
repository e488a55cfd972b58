/**
 * Single-stage extensive semantic fusion (SSESF): the multiway fusion (ESFM, package {@link
 * ai.braid.plugin.ssesf.fusion}), OCR as extensive semantics, and the readers of the sarcasm
 * benchmarks, {@code mmsd} and {@code mmsd2} (package {@link ai.braid.plugin.ssesf.data.mmsd}).
 */
package ai.braid.plugin.ssesf;
