package io.drrunbooks.engine.camunda;

import io.drrunbooks.engine.Deployables;
import io.drrunbooks.engine.ModelResource;
import io.drrunbooks.engine.embedded.DialectAdapter;
import io.drrunbooks.engine.embedded.DialectAdapter.AdaptedModel;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the adapter needs to know of the models it deploys, read with the embedded adapter's rules so
 * that a model one engine would refuse is refused by both (a {@link DialectAdapter.ModelException}).
 *
 * @param retriesByJobType   the job types, a worker each, with the retries the models give them
 * @param userTaskProcessIds the processes with user tasks: whose tasks {@code /api/tasks} lists
 */
record ModelFacts(Map<String, Integer> retriesByJobType, Set<String> userTaskProcessIds) {

    ModelFacts {
        retriesByJobType = Map.copyOf(retriesByJobType);
        userTaskProcessIds = Set.copyOf(userTaskProcessIds);
    }

    static ModelFacts of(Deployables deployables) {
        DialectAdapter subset = new DialectAdapter(); // the same portable subset on both engines
        Map<String, Integer> retries = new HashMap<>();
        Set<String> withUserTasks = new TreeSet<>();
        for (ModelResource model : deployables.models()) {
            AdaptedModel adapted = subset.adapt(model.name(), model.content());
            retries.putAll(adapted.retriesByJobType());
            if (!adapted.formIds().isEmpty()) { // the subset gives every user task a form
                withUserTasks.addAll(adapted.processIds());
            }
        }
        return new ModelFacts(retries, withUserTasks);
    }
}
