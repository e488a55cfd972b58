/**
 * The training objectives of PCME (Chun et al., CVPR 2021) and PCME++ (Chun, ICLR 2024).
 *
 * <p>{@link ai.braid.plugin.pcme.objective.SoftContrastiveLoss} is PCME's Monte-Carlo soft
 * contrastive loss over the J x J sample pairs of every image-text pair of the batch; {@link
 * ai.braid.plugin.pcme.objective.CsdLoss} is PCME++'s closed-form sampled distance with a
 * binary cross-entropy, which needs no samples. Both read the match logit's negative scale a
 * and shift b from model outputs, so the two scalars train with the model, and both add the
 * variational-information-bottleneck KL of the Gaussian embeddings to N(0, I) as the term
 * {@code kl}. Output names are options; the defaults are in {@link
 * ai.braid.plugin.pcme.objective.PcmeOutputs}.
 */
package ai.braid.plugin.pcme.objective;
