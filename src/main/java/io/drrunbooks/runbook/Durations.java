package io.drrunbooks.runbook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Durations as a commander reads them, in words: "1 day", "3 days 4 h", "2 h 5 min", "40 s" (as the console writes them). */
final class Durations {

    private static final long[] SIZES = {86_400, 3_600, 60, 1};
    private static final String[] UNITS = {"day", "h", "min", "s"};

    private Durations() {
    }

    /** The two largest units, rounded down; a smaller unit after a zero one says nothing a reader needs. */
    static String human(Duration duration) {
        long rest = Math.abs(duration.toSeconds());
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < SIZES.length && parts.size() < 2; i++) {
            long count = rest / SIZES[i];
            rest %= SIZES[i];
            if (count > 0) {
                parts.add(count + " " + (i == 0 && count > 1 ? "days" : UNITS[i]));
            } else if (!parts.isEmpty()) {
                break;
            }
        }
        return (duration.isNegative() ? "-" : "") + (parts.isEmpty() ? "0 s" : String.join(" ", parts));
    }
}
