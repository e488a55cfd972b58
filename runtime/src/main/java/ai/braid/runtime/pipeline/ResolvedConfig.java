package ai.braid.runtime.pipeline;

import ai.braid.runtime.pipeline.PipelineSpec;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** Renders a pipeline with every default filled in, so a run can be reproduced exactly. */
public final class ResolvedConfig {

    private ResolvedConfig() {}

    /**
     * Renders the resolved pipeline as YAML.
     *
     * @param spec the pipeline
     * @return YAML text with a comment naming the file
     */
    public static String toYaml(PipelineSpec spec) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        return "# Resolved from " + spec.file() + " with every default filled in.\n"
                + new Yaml(options).dump(spec.toResolvedMap());
    }
}
