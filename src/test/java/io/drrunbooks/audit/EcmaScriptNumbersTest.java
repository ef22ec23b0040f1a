package io.drrunbooks.audit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Number::toString as JavaScript engines print these values (checked against Node's String(value)). */
class EcmaScriptNumbersTest {

    @ParameterizedTest
    @CsvSource({
            "0.25, 0.25", "12345678.9, 12345678.9", "123456789012.5, 123456789012.5", "0.000001, 0.000001",
            "1e-7, 1e-7", "-2.5e-9, -2.5e-9", "1.5e21, 1.5e+21", "1e21, 1e+21", "1e20, 100000000000000000000",
            "123.456e5, 12345600", "9007199254740993e3, 9007199254740993000", "0.1, 0.1", "-1.75, -1.75"})
    void formatsAsJavaScriptDoes(double value, String javaScript) {
        assertThat(EcmaScriptNumbers.format(value)).isEqualTo(javaScript);
    }
}
