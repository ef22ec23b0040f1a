package io.drrunbooks.restore;

import java.util.Map;

/**
 * Progress and audit events of a restore ({@code verified}, {@code staged}, {@code swapped}, {@code quarantined},
 * {@code released}, {@code recovered}); rendered and recorded elsewhere.
 */
@FunctionalInterface
public interface RestoreListener {

    RestoreListener NONE = (type, detail) -> { };

    void event(String type, Map<String, Object> detail);
}
