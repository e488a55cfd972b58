/**
 * Readers of the multimodal sarcasm detection benchmarks of SSESF's paper: MMSD (Cai et al.
 * 2019, reader {@code mmsd}) and MMSD2.0 (Qin et al. 2023, reader {@code mmsd2}).
 *
 * <p>Both give tweets as samples with an {@code image} (RGB {@link ai.djl.modality.cv.Image})
 * and a {@code text} ({@link String}) and the target {@code label} ("not sarcastic",
 * "sarcastic"), see {@link ai.braid.plugin.ssesf.data.mmsd.SarcasmReader}. They read the
 * released files unchanged: MMSD's Python-literal text files with the authors' keyword filter
 * ({@link ai.braid.plugin.ssesf.data.mmsd.KeywordFilter}), MMSD2.0's JSON files. Neither
 * dataset is published through a package registry, so users install them by hand under
 * {@code data/mmsd/} (the readers' default directory):
 *
 * <pre>
 * data/mmsd/text/             train.txt, valid2.txt, test2.txt
 *                             (text/ of headacheboy/data-of-multimodal-sarcasm-detection)
 * data/mmsd/text_json_final/  train.json, valid.json, test.json (data/ of JoeYing1019/MMSD2.0)
 * data/mmsd/dataset_image/    &lt;id&gt;.jpg of the 24,635 kept posts (Drive links in both READMEs)
 * </pre>
 */
package ai.braid.plugin.ssesf.data.mmsd;
