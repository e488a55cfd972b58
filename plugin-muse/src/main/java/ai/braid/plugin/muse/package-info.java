/**
 * Exchange-based CrossTransformer for multimodal NER and sentiment analysis.
 *
 * <p>The plugin's components arrive with its own issue; until then the plugin only describes
 * itself, so the runtime lists and loads it like any other.
 */
package ai.braid.plugin.muse;
