/**
 * Braid's plugin API: what a plugin compiles against.
 *
 * <p>{@link ai.braid.api.spi} holds the six component kinds, {@link ai.braid.api.data} the values
 * that flow between them, {@link ai.braid.api.config} how components declare and read their
 * options, and {@link ai.braid.api.plugin} how a plugin describes itself.
 */
package ai.braid.api;
