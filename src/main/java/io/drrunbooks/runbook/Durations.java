package io.drrunbooks.runbook;

import java.time.Duration;

/** Durations as a commander reads them: "3d 4h", "2h 5m", "40s". */
final class Durations {

    private Durations() {
    }

    static String human(Duration duration) {
        long seconds = Math.abs(duration.toSeconds());
        String sign = duration.isNegative() ? "-" : "";
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        if (days > 0) {
            return sign + days + "d " + hours + "h";
        }
        if (hours > 0) {
            return sign + hours + "h " + minutes + "m";
        }
        if (minutes > 0) {
            return sign + minutes + "m " + seconds % 60 + "s";
        }
        return sign + seconds + "s";
    }
}
