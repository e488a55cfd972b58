/**
 * PCME's model head: {@link ai.braid.plugin.pcme.model.ProbabilisticEmbedder} turns one
 * modality's tokens into a Gaussian (mu, log sigma), {@link ai.braid.plugin.pcme.model.PcmeHead}
 * pairs two of them and draws Monte-Carlo samples, {@link ai.braid.plugin.pcme.model.MatchScale}
 * holds the learnable a and b of the match logit; {@link ai.braid.plugin.pcme.model.PcmeOutputs}
 * names what the head outputs.
 */
package ai.braid.plugin.pcme.model;
