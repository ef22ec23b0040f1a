package io.drrunbooks.runbook;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DurationsTest {

    @Test
    void durationsReadAsWords() {
        assertThat(Durations.human(Duration.ofDays(1))).isEqualTo("1 day");
        assertThat(Durations.human(Duration.ofDays(3).plusHours(4).plusMinutes(5))).isEqualTo("3 days 4 h");
        assertThat(Durations.human(Duration.ofHours(2).plusMinutes(5).plusSeconds(9))).isEqualTo("2 h 5 min");
        assertThat(Durations.human(Duration.ofHours(1).plusSeconds(9))).isEqualTo("1 h");
        assertThat(Durations.human(Duration.ofMinutes(12))).isEqualTo("12 min");
        assertThat(Durations.human(Duration.ofSeconds(40))).isEqualTo("40 s");
        assertThat(Durations.human(Duration.ZERO)).isEqualTo("0 s");
        assertThat(Durations.human(Duration.ofMinutes(-3))).isEqualTo("-3 min");
    }
}
