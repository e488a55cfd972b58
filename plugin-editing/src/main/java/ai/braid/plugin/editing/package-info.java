/**
 * Specify-and-edit guidance for instruction-based image editing.
 *
 * <p>The plugin's components arrive with its own issue; until then the plugin only describes
 * itself, so the runtime lists and loads it like any other.
 */
package ai.braid.plugin.editing;
