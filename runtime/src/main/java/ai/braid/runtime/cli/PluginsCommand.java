package ai.braid.runtime.cli;

import ai.braid.api.BraidApi;
import ai.braid.api.config.OptionSpec;
import ai.braid.runtime.plugin.ComponentRegistry;
import ai.braid.runtime.plugin.LoadedPlugin;
import ai.braid.runtime.plugin.RegisteredComponent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code braid plugins}: every plugin and every component it provides. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List the loaded plugins (name, version, source) and their components.")
final class PluginsCommand implements Callable<Integer> {

    @Mixin
    RuntimeOptions runtime;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ComponentRegistry registry = runtime.load().registry();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(toJson(registry)));
        } else {
            printTable(registry, out);
        }
        out.flush();
        return Main.OK;
    }

    private static Map<String, Object> toJson(ComponentRegistry registry) {
        List<Map<String, Object>> plugins = new ArrayList<>();
        for (LoadedPlugin plugin : registry.plugins()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", plugin.name());
            entry.put("version", plugin.descriptor().version());
            entry.put("apiVersion", plugin.descriptor().apiVersion());
            entry.put("description", plugin.descriptor().description());
            entry.put("source", plugin.source());
            entry.put("location", plugin.location());
            entry.put("components", registry.components().stream()
                    .filter(component -> component.plugin().equals(plugin))
                    .map(PluginsCommand::componentJson)
                    .toList());
            plugins.add(entry);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("apiVersion", BraidApi.VERSION);
        root.put("plugins", plugins);
        return root;
    }

    private static Map<String, Object> componentJson(RegisteredComponent component) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("kind", component.kind().label());
        entry.put("name", component.name());
        entry.put("description", component.factory().description());
        List<Map<String, Object>> options = new ArrayList<>();
        for (OptionSpec option : component.factory().options().options()) {
            Map<String, Object> optionEntry = new LinkedHashMap<>();
            optionEntry.put("name", option.name());
            optionEntry.put("type", option.type().name().toLowerCase());
            optionEntry.put("accepts", option.expectation());
            optionEntry.put("required", option.required());
            if (!option.required()) {
                optionEntry.put("default", option.defaultValue());
            }
            optionEntry.put("description", option.description());
            options.add(optionEntry);
        }
        entry.put("options", options);
        return entry;
    }

    private static void printTable(ComponentRegistry registry, PrintWriter out) {
        out.printf("%-12s %-16s %-4s %s%n", "PLUGIN", "VERSION", "API", "SOURCE");
        for (LoadedPlugin plugin : registry.plugins()) {
            out.printf("%-12s %-16s %-4d %s%n", plugin.name(), plugin.descriptor().version(),
                    plugin.descriptor().apiVersion(), plugin.location());
        }
        out.println();
        out.printf("%-10s %-22s %-12s %s%n", "KIND", "COMPONENT", "PLUGIN", "DESCRIPTION");
        for (RegisteredComponent component : registry.components()) {
            out.printf("%-10s %-22s %-12s %s%n", component.kind().label(), component.name(),
                    component.plugin().name(), component.factory().description());
        }
    }
}
