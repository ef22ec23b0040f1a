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
 * Refuses a JSON body holding a lone UTF-16 surrogate ({@code "\ud800"}) in any string or field name, with a 400
 * naming the field. Such a string has no UTF-8 form: the audit chain would hash it as {@code ?}, so two different
 * texts would share a hash and {@code bin/audit-chain.mjs}, which escapes it, would disagree with the service.
 */
@RestControllerAdvice
class WellFormedText extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return targetType instanceof Class<?> type && JsonNode.class.isAssignableFrom(type);
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage input, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converterType) {
        check((JsonNode) body, "");
        return body;
    }

    private static void check(JsonNode node, String path) {
        if (node.isTextual()) {
            refuseLoneSurrogate(node.textValue(), path);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = escapeLoneSurrogates(field.getKey());
                String fieldPath = path.isEmpty() ? name : path + "." + name;
                refuseLoneSurrogate(field.getKey(), fieldPath);
                check(field.getValue(), fieldPath);
            }
        }
    }

    private static void refuseLoneSurrogate(String text, String path) {
        int at = firstLoneSurrogate(text);
        if (at >= 0) {
            throw ApiException.badRequest("field '" + (path.isEmpty() ? "(body)" : path) + "' holds a lone UTF-16 surrogate ("
                    + escape(text.charAt(at)) + " at character " + at + "): text must be valid Unicode");
        }
    }

    /** The index of the first surrogate that is not half of a pair, or -1. */
    private static int firstLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** A field name fit to be named in the answer, itself valid Unicode. */
    private static String escapeLoneSurrogates(String name) {
        int at = firstLoneSurrogate(name);
        return at < 0 ? name : name.substring(0, at) + escape(name.charAt(at)) + escapeLoneSurrogates(name.substring(at + 1));
    }

    private static String escape(char c) {
        return String.format("\\u%04x", (int) c);
    }
}
