package ai.braid.plugin.ssesf.pretrain;

import ai.braid.api.spi.Objective;
import ai.braid.api.spi.ObjectiveFactory;
import ai.braid.api.spi.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The task's default objectives, built as the runtime builds them: every option at default. */
final class Objectives {

    private Objectives() {}

    static List<Objective> defaults(Task task) {
        Map<String, ObjectiveFactory> factories = Map.of(
                ItcObjectiveFactory.NAME, new ItcObjectiveFactory(),
                ItmObjectiveFactory.NAME, new ItmObjectiveFactory(),
                MlmObjectiveFactory.NAME, new MlmObjectiveFactory());
        List<Objective> objectives = new ArrayList<>();
        for (String name : task.defaultObjectives()) {
            ObjectiveFactory factory = factories.get(name);
            objectives.add(factory.create(Configs.of(factory, "objectives." + name, Map.of())));
        }
        return objectives;
    }
}
