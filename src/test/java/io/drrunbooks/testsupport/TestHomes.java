package io.drrunbooks.testsupport;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A service home of a test's own, and the settings every service test shares. */
public final class TestHomes {

    private TestHomes() {
    }

    public static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** No scheduled backup may fire in the middle of a test (some move the engine clock). */
    public static void withoutSchedules(DynamicPropertyRegistry registry) {
        for (String schedule : List.of("daily-cron", "weekly-cron", "verify-cron", "prune-cron")) {
            registry.add("dr.backup." + schedule, () -> "");
        }
    }
}
