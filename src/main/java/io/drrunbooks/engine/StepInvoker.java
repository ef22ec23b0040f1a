package io.drrunbooks.engine;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Calls the handler bound to a job type and turns what happened into an {@link Outcome} the
 * adapter reports to its engine. Shared by both adapters so that a step behaves identically on
 * either: same timing, same observer events, same mapping of exceptions.
 */
public final class StepInvoker {

    private final Map<String, StepHandler> handlers;
    private final StepObserver observer;

    public StepInvoker(Collection<StepHandler> handlers, StepObserver observer) {
        this.handlers = handlers.stream().collect(Collectors.toMap(StepHandler::jobType, Function.identity(), (a, b) -> {
            throw new IllegalStateException("two handlers for job type '" + a.jobType() + "'");
        }));
        this.observer = observer;
    }

    public Set<String> jobTypes() {
        return handlers.keySet();
    }

    public Outcome invoke(StepContext context) {
        StepHandler handler = handlers.get(context.jobType());
        long start = System.nanoTime();
        if (handler == null) {
            Exception missing = new IllegalStateException("no handler for job type '" + context.jobType() + "'");
            observer.failed(context, missing, Duration.ZERO);
            return new Outcome.Failed(missing.getMessage());
        }
        observer.started(context);
        try {
            Map<String, Object> output = handler.execute(context);
            Map<String, Object> variables = output == null ? Map.of() : new HashMap<>(output);
            observer.completed(context, variables, since(start));
            return new Outcome.Completed(variables);
        } catch (BpmnError error) {
            observer.businessError(context, error, since(start));
            return new Outcome.Error(error.code(), error.getMessage(), error.variables());
        } catch (RuntimeException failure) {
            observer.failed(context, failure, since(start));
            return new Outcome.Failed(describe(failure));
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static String describe(Exception failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }

    /** What a step invocation ended with. */
    public sealed interface Outcome {
        record Completed(Map<String, Object> variables) implements Outcome { }
        record Error(String code, String message, Map<String, Object> variables) implements Outcome { }
        record Failed(String message) implements Outcome { }
    }
}
