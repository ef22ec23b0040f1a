package io.drrunbooks.restore;

import java.time.Clock;
import java.util.Objects;

/**
 * @param clock    stamps quarantine names ({@code <dir>.replaced.<epochSeconds>})
 * @param listener receives progress and audit events
 */
public record RestoreOptions(Clock clock, RestoreListener listener) {

    public RestoreOptions {
        Objects.requireNonNull(clock, "clock");
        listener = listener == null ? RestoreListener.NONE : listener;
    }
}
