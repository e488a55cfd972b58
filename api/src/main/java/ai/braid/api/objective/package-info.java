/**
 * Ready-made {@link ai.braid.api.spi.Objective}s that tasks and pipelines wire by name: masked
 * cross-entropy, binary cross-entropy, image-text contrast (InfoNCE with a learnable {@link
 * ai.braid.api.objective.LogitScale}), supervised and self-supervised contrast, and the Gaussian
 * KL regulariser.
 *
 * <p>Each objective takes the names of the outputs and targets it reads when it is built, and
 * returns scalar {@link ai.braid.api.data.LossTerm}s that stay on the autograd graph. Wrong
 * shapes and missing names throw {@link ai.braid.api.UserInputException}.
 */
package ai.braid.api.objective;
