/** How a plugin describes itself to the runtime. */
package ai.braid.api.plugin;
