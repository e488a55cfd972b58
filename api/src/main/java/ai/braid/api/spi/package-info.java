/**
 * The seven component kinds a plugin can provide, each as a factory found through {@link
 * java.util.ServiceLoader} and constructed by Guice.
 *
 * <pre>
 * DatasetReader -&gt; samples -&gt; SemanticExtractors (cached) -&gt; projector preprocessing
 *    -&gt; [ projector blocks -&gt; FusionBlock -&gt; task head ]   (one DJL Block)
 *    -&gt; Objectives -&gt; LossWeighting -&gt; backward -&gt; optimizer step
 * </pre>
 *
 * <p>A plugin lists its factories in {@code META-INF/services/<kind interface>} files, one
 * class per line, and describes itself in {@value
 * ai.braid.api.plugin.PluginDescriptor#RESOURCE}.
 */
package ai.braid.api.spi;
