/** Fashion-MNIST as a two-modality dataset: the garment image and a short WordNet text. */
package ai.braid.plugin.fashion;
