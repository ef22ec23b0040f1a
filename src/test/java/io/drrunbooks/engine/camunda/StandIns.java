package io.drrunbooks.engine.camunda;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What both gateway stand-ins (REST and gRPC) do alike: read what a deployment holds, and long-poll. */
final class StandIns {

    private static final Pattern PROCESS_ID = Pattern.compile("<bpmn:process id=\"([^\"]+)\"");
    private static final Pattern FORM_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private StandIns() {
    }

    /** The process id of a deployed BPMN model. */
    static String processId(String bpmn) {
        return first(PROCESS_ID, bpmn);
    }

    /** The id of a deployed Camunda Form. */
    static String formId(String form) {
        return first(FORM_ID, form);
    }

    /** A short long-poll when there is no job: a worker would otherwise ask again at once. */
    static void noJobPause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String first(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalArgumentException("no " + pattern + " in a deployed resource");
        }
        return matcher.group(1);
    }
}
