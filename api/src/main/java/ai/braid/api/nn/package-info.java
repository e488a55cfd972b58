/**
 * Device-agnostic DJL blocks shared by the plugins: multi-head attention that returns its
 * probabilities, standard pre-/post-LN transformer encoder layers, VLMo-style multiway layers
 * with per-token feed-forward experts, the base of single-stream fusions (all modalities' tokens
 * in one sequence behind a fusion [CLS]), pooling, an MLP head, a bidirectional GRU built from
 * two unidirectional ones, and an upsampling convolutional decoder.
 *
 * <p>Conventions shared by every block here:
 *
 * <ul>
 *   <li>B is the batch size, L (or T) a sequence length, E the model width, H the number of
 *       attention heads.
 *   <li>A mask has shape (B, L) with 1 (or true, or any value &gt; 0) for a real token and 0 for
 *       padding; boolean, integer and floating masks are all accepted. Padding never changes the
 *       outputs at real positions, and a sequence made only of padding gives zeros, never NaN.
 *   <li>Arrays are created on the manager of the input, so the blocks run on whatever device the
 *       input and the parameters live on.
 *   <li>Shape errors a user can cause throw {@link ai.braid.api.UserInputException}.
 * </ul>
 */
package ai.braid.api.nn;
