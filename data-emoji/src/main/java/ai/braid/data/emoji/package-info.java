/**
 * The emoji data that scripts/setup.sh installs from npm under {@code data/emoji/}: the images
 * of emoji-datasource-google joined with the English labels and tags of emojibase-data
 * ({@link ai.braid.data.emoji.EmojiData}). The PCME plugin reads them as a many-to-many
 * image-text set, the SSESF plugin builds its diagnostic sarcasm set from them; each bundles
 * this library, since plugins load in separate class loaders.
 */
package ai.braid.data.emoji;
