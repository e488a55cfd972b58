/**
 * ESFM, the single-stage multiway fusion of SSESF: the {@code multiway} fusion component, its
 * block (a {@link ai.braid.api.nn.SingleStreamFusion} around the api's {@link
 * ai.braid.api.nn.MultiwayEncoder}) and the routing of each modality's tokens to a named
 * feed-forward expert.
 */
package ai.braid.plugin.ssesf.fusion;
