package ai.braid.runtime.engine;

import ai.braid.api.data.LossTerm;
import ai.braid.runtime.pipeline.AssembledPipeline.NamedObjective;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pipeline's objectives evaluated on one batch: each objective's terms and its total, the
 * sum of its terms.
 */
final class ObjectiveSet {

    private final List<NamedObjective> objectives;

    ObjectiveSet(List<NamedObjective> objectives) {
        this.objectives = List.copyOf(objectives);
    }

    int size() {
        return objectives.size();
    }

    double[] fixedWeights() {
        return objectives.stream().mapToDouble(NamedObjective::weight).toArray();
    }

    List<String> names() {
        return objectives.stream().map(NamedObjective::name).toList();
    }

    /** Tells every objective the global step about to run (see Objective#beginStep). */
    void beginStep(long step) {
        for (NamedObjective objective : objectives) {
            objective.objective().beginStep(step);
        }
    }

    /**
     * Computes every objective.
     *
     * @param outputs the head's named outputs
     * @param targets the task's named targets
     * @return per objective, its terms and total
     */
    List<Evaluated> compute(NDList outputs, NDList targets) {
        List<Evaluated> evaluated = new ArrayList<>();
        for (NamedObjective objective : objectives) {
            List<LossTerm> terms = objective.objective().compute(outputs, targets);
            if (terms.isEmpty()) {
                throw new IllegalStateException("objective '" + objective.name()
                        + "' returned no loss term");
            }
            NDArray total = terms.get(0).value();
            for (int t = 1; t < terms.size(); t++) {
                total = total.add(terms.get(t).value());
            }
            evaluated.add(new Evaluated(objective.name(), terms, total));
        }
        return evaluated;
    }

    /**
     * One objective's value on a batch.
     *
     * @param name the objective
     * @param terms its loss terms
     * @param total their sum, a scalar in the graph
     */
    record Evaluated(String name, List<LossTerm> terms, NDArray total) {

        /** Each term's value keyed "loss/objective" or "loss/objective/term". */
        Map<String, Double> values() {
            Map<String, Double> values = new LinkedHashMap<>();
            for (LossTerm term : terms) {
                String key = terms.size() == 1 && term.name().equals(name) ? "loss/" + name
                        : "loss/" + name + "/" + term.name();
                values.put(key, (double) term.value().getFloat());
            }
            return values;
        }
    }
}
