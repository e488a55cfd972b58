/**
 * The values that flow between components: samples with raw inputs keyed by {@link
 * ai.braid.api.data.Modality}, token sequences with padding masks, fused outputs, named loss
 * terms and metric values.
 */
package ai.braid.api.data;
