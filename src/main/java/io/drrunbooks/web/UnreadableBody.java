package io.drrunbooks.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * A request body that could not be read, in the user's words: no body, a body that is not JSON (what
 * is wrong and at which line and column), or JSON of another shape. Jackson's own text names its
 * source object and character codes, which tell the person who sent the request nothing.
 */
final class UnreadableBody {

    private UnreadableBody() {
    }

    static String describe(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof JsonParseException syntax) {
            return "the body is not valid JSON: " + plain(syntax.getOriginalMessage()) + where(syntax.getLocation());
        }
        if (cause instanceof JsonProcessingException shape) {
            return "the body is JSON but not of the expected shape: " + plain(shape.getOriginalMessage())
                    + where(shape.getLocation());
        }
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Required request body is missing")) {
            return "the request has no body: send a JSON object";
        }
        return "the body could not be read: " + message.lines().findFirst().orElse("");
    }

    /** Jackson's phrasing without its character codes: {@code ('}' (code 125))} reads {@code '}'}. */
    private static String plain(String message) {
        return message.replaceAll(" \\(code -?\\d+\\)", "").replaceAll("\\('(.*?)'\\)", "'$1'")
                .lines().findFirst().orElse("");
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
