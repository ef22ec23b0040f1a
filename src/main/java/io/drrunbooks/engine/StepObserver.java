package io.drrunbooks.engine;

import java.time.Duration;
import java.util.Map;

/** Hears about every step execution; the audit trail is the observer in the service. */
public interface StepObserver {

    void started(StepContext context);

    void completed(StepContext context, Map<String, Object> output, Duration took);

    void businessError(StepContext context, BpmnError error, Duration took);

    void failed(StepContext context, Exception failure, Duration took);

    StepObserver NONE = new StepObserver() {
        public void started(StepContext c) { }
        public void completed(StepContext c, Map<String, Object> o, Duration t) { }
        public void businessError(StepContext c, BpmnError e, Duration t) { }
        public void failed(StepContext c, Exception f, Duration t) { }
    };
}
