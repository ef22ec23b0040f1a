package io.drrunbooks.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.Map;

/**
 * Limits on every JSON body, checked before any controller sees it: a text longer than {@value #MAX_TEXT} characters
 * (the engines keep a text variable in a 4,000-character column, so a longer one failed deep inside a start, with a
 * run half made) or values nested deeper than {@value #MAX_DEPTH} levels (which overflowed the stack of whoever walked
 * them) is a 400 naming the field.
 */
@RestControllerAdvice
class RequestLimits extends RequestBodyAdviceAdapter {

    static final int MAX_TEXT = 4_000;
    static final int MAX_DEPTH = 16;

    @Override
    public boolean supports(MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converter) {
        return targetType instanceof Class<?> type && JsonNode.class.isAssignableFrom(type);
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage message, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converter) {
        check((JsonNode) body, "", 0);
        return body;
    }

    private static void check(JsonNode value, String field, int depth) {
        if (depth > MAX_DEPTH) {
            throw ApiException.badRequest("field '" + field + "' nests deeper than " + MAX_DEPTH + " levels");
        }
        if (value.isTextual() && value.textValue().length() > MAX_TEXT) {
            throw ApiException.badRequest("field '" + field + "' is " + value.textValue().length()
                    + " characters long; at most " + MAX_TEXT + " are taken");
        }
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), field + "[" + i + "]", depth + 1);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> next = fields.next();
            if (next.getKey().length() > MAX_TEXT) {
                throw ApiException.badRequest("a field name in '" + field + "' is longer than " + MAX_TEXT + " characters");
            }
            check(next.getValue(), field.isEmpty() ? next.getKey() : field + "." + next.getKey(), depth + 1);
        }
    }
}
