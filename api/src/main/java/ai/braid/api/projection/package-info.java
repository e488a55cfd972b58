/**
 * Ready-made modality projectors and the blocks behind them: ViT patch embeddings and a small
 * CNN for images, WordPiece tokens with learned embeddings for text.
 *
 * <p>Every block maps its inputs to a {@link ai.braid.api.data.TokenSequence}, {@code
 * [embeddings (B, L, D), mask (B, L)]}, adding learned position embeddings and one learned
 * modality-type vector to every token, so that tokens of several modalities can be mixed in one
 * sequence. Blocks are device-agnostic: they create arrays only on the manager of their input.
 *
 * <p>The blocks take their input shapes at initialisation: initialise a projector's block with
 * the shapes of the arrays its {@code preprocess} returns for a batch, e.g. {@code (B, C, H, W)}
 * for images or {@code (B, L), (B, L)} for text.
 */
package ai.braid.api.projection;
