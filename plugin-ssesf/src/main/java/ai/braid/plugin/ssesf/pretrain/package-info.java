/**
 * VLMo-style pre-training for SSESF: the task {@code image-text-pretraining} and the objectives
 * {@code itc}, {@code itm} and {@code mlm}, reading the pre-training passes of the multiway
 * fusion ({@code pretraining: [a, b]}, {@code mlm: <modality>}): unimodal vectors for
 * image-text contrast, a pass over in-batch hard negatives for image-text matching
 * ({@link ai.braid.plugin.ssesf.pretrain.HardNegatives}), and masked language modelling with
 * an in-batch sampled softmax over word-piece embeddings ({@link
 * ai.braid.plugin.ssesf.pretrain.TokenMasking}, {@link
 * ai.braid.plugin.ssesf.pretrain.MaskedTokenLoss}).
 */
package ai.braid.plugin.ssesf.pretrain;
