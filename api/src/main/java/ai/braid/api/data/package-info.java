/**
 * The values that flow between components: samples with raw inputs keyed by {@link
 * ai.braid.api.data.Modality}, token sequences with padding masks, fused outputs, named loss
 * terms and metric values; and what dataset readers share, {@link
 * ai.braid.api.data.DataDirectories} (where installed data lives) and {@link
 * ai.braid.api.data.ImageFiles} (image files to RGB, with errors that name the file).
 */
package ai.braid.api.data;
