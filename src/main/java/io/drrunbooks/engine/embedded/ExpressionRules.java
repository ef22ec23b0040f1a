package io.drrunbooks.engine.embedded;

import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * Expressions: FEEL conditions stay FEEL (Operaton runs them through the feel-scala JSR-223
 * engine); every other Zeebe expression is only portable when it is a plain variable reference,
 * which becomes the JUEL {@code ${name}} Operaton evaluates in timers and attributes.
 */
final class ExpressionRules {

    /** The JSR-223 name under which feel-scala registers and Operaton's ScriptingEngines finds it. */
    static final String FEEL_LANGUAGE = "feel";

    private static final Pattern PLAIN_VARIABLE = Pattern.compile("=\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private ExpressionRules() {
    }

    /**
     * A literal as it is, {@code =name} as {@code ${name}}; any other FEEL is reported (null),
     * because JUEL and FEEL agree on nothing but a bare variable name.
     */
    static String literalOrVariable(Conversion c, Element at, String what, String value) {
        String text = value.trim();
        if (!text.startsWith("=")) {
            return text;
        }
        var matcher = PLAIN_VARIABLE.matcher(text);
        if (matcher.matches()) {
            return "${" + matcher.group(1) + "}";
        }
        c.problem(at, what + " must be a literal or a plain variable (=name), not the FEEL expression " + text);
        return null;
    }

    static void condition(Conversion c, Element condition) {
        String text = condition.getTextContent().trim();
        if (!text.startsWith("=")) {
            c.problem(condition, "condition must be a FEEL expression starting with '=', not " + text);
            return;
        }
        String feel = text.substring(1).trim();
        c.later(() -> {
            condition.setAttribute("language", FEEL_LANGUAGE);
            condition.setTextContent(feel);
        });
    }

    static void timer(Conversion c, Element timer) {
        String value = literalOrVariable(c, timer, "timer " + timer.getLocalName(), timer.getTextContent());
        if (value == null) {
            return;
        }
        String operaton = isCron(timer, value) ? quartzCron(c, timer, value) : value;
        if (operaton != null) {
            c.later(() -> timer.setTextContent(operaton));
        }
    }

    private static boolean isCron(Element timer, String value) {
        return "timeCycle".equals(timer.getLocalName()) && !value.startsWith("R") && !value.startsWith("${");
    }

    /**
     * Zeebe reads Spring cron, Operaton Quartz cron: the fields agree except that Quartz insists
     * one of day-of-month and day-of-week is '?'; a '*' there means the same, so it becomes '?'.
     */
    private static String quartzCron(Conversion c, Element timer, String cron) {
        String[] fields = WHITESPACE.split(cron);
        if (fields.length != 6) {
            c.problem(timer, "cron timer must have the six fields second minute hour day month weekday: " + cron);
            return null;
        }
        if ("?".equals(fields[3]) || "?".equals(fields[5])) {
            return cron;
        }
        if ("*".equals(fields[5])) {
            fields[5] = "?";
        } else if ("*".equals(fields[3])) {
            fields[3] = "?";
        } else {
            c.problem(timer, "cron timer restricting both day of month and day of week cannot run on Operaton: " + cron);
            return null;
        }
        return String.join(" ", fields);
    }

    /** Zeebe's instance-local input element is what Operaton's element variable is. */
    static void multiInstance(Conversion c, Element loop) {
        Element zeebe = c.zeebe(loop, "loopCharacteristics");
        String collection = zeebe == null ? "" : zeebe.getAttribute("inputCollection");
        if (collection.isBlank()) {
            c.problem(loop, "multi-instance without zeebe:loopCharacteristics inputCollection");
            return;
        }
        if (zeebe.hasAttribute("outputCollection") || zeebe.hasAttribute("outputElement")) {
            // Operaton has no per-instance result collection; emulating it would differ under concurrency
            c.problem(loop, "multi-instance outputCollection/outputElement is not in the portable subset");
            return;
        }
        String expression = literalOrVariable(c, loop, "inputCollection", collection);
        if (expression == null) {
            return;
        }
        if (!expression.startsWith("${")) {
            c.problem(loop, "inputCollection must be a variable (=name), not the literal " + collection);
            return;
        }
        String element = zeebe.getAttribute("inputElement");
        c.later(() -> {
            c.setOperaton(loop, "collection", expression);
            if (!element.isBlank()) {
                c.setOperaton(loop, "elementVariable", element);
            }
        });
    }

    /**
     * Operaton correlates by message name and whatever the caller matches on; recording which
     * variable Zeebe's correlation key reads lets the caller match on that same variable.
     */
    static void message(Conversion c, Element message) {
        String name = message.getAttribute("name");
        if (name.startsWith("=")) {
            c.problem(message, "message name must be a literal, not the expression " + name);
        }
        Element subscription = c.zeebe(message, "subscription");
        if (subscription == null) {
            return;
        }
        var matcher = PLAIN_VARIABLE.matcher(subscription.getAttribute("correlationKey").trim());
        if (!matcher.matches()) {
            c.problem(message, "correlationKey must be a plain variable (=name), not "
                    + subscription.getAttribute("correlationKey"));
            return;
        }
        c.correlationVariableByMessage.put(name, matcher.group(1));
    }
}
