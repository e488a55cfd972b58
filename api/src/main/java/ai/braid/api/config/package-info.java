/**
 * How a component declares its options ({@link ai.braid.api.config.OptionSchema}) and reads
 * them once the runtime has validated them ({@link ai.braid.api.config.ComponentConfig}), and
 * the options that encoder components share ({@link ai.braid.api.config.EncoderOptions}).
 */
package ai.braid.api.config;
