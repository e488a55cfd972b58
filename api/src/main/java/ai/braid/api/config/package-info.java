/**
 * How a component declares its options ({@link ai.braid.api.config.OptionSchema}) and reads
 * them once the runtime has validated them ({@link ai.braid.api.config.ComponentConfig}).
 */
package ai.braid.api.config;
