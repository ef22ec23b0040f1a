package io.drrunbooks.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * Writes fractional numbers as JavaScript's {@code JSON.stringify} writes them (ECMA-262's Number::toString):
 * a whole number without {@code .0}, plain decimals from 1e-6 up to 1e21, {@code 1e-7} and {@code 1.5e+21} beyond,
 * and null for what JSON cannot hold. Java writes {@code 7.0} and {@code 1.0E-7}, so without this an event whose
 * detail holds such a number would not recompute with any other language's JSON.
 */
final class EcmaScriptNumbers extends StdSerializer<Double> {

    private static final double EXACT_INTEGERS = 0x1p53;

    private EcmaScriptNumbers() {
        super(Double.class);
    }

    static SimpleModule module() {
        EcmaScriptNumbers numbers = new EcmaScriptNumbers();
        return new SimpleModule("ecmascript-numbers").addSerializer(Double.class, numbers).addSerializer(double.class, numbers);
    }

    @Override
    public void serialize(Double value, JsonGenerator json, SerializerProvider provider) throws IOException {
        if (value.isNaN() || value.isInfinite()) {
            json.writeNull();
        } else if (value == Math.rint(value) && Math.abs(value) < EXACT_INTEGERS) {
            json.writeNumber((long) value.doubleValue()); // -0.0 too: JavaScript writes it as 0
        } else {
            json.writeRawValue(format(value));
        }
    }

    /** Number::toString for a finite value that is not a small whole number. */
    static String format(double value) {
        BigDecimal decimal = new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
        String digits = decimal.unscaledValue().toString();
        int k = digits.length();
        int n = k - decimal.scale(); // value = digits x 10^(n - k)
        String text;
        if (k <= n && n <= 21) {
            text = digits + "0".repeat(n - k);
        } else if (0 < n && n <= 21) {
            text = digits.substring(0, n) + "." + digits.substring(n);
        } else if (-6 < n && n <= 0) {
            text = "0." + "0".repeat(-n) + digits;
        } else {
            String exponent = (n - 1 < 0 ? "-" : "+") + Math.abs(n - 1);
            text = (k == 1 ? digits : digits.charAt(0) + "." + digits.substring(1)) + "e" + exponent;
        }
        return value < 0 ? "-" + text : text;
    }
}
