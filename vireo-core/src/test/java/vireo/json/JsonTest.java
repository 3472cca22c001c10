package vireo.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import vireo.json.Json.Dialect;

class JsonTest {

    // ------------------------------------------------------------ reading (strict)

    @Test
    void parsesEveryValueKind() {
        Object v = Json.parse(" {\"a\":[1,-2,3.5,1e2,true,false,null,\"s\"],\"b\":{},\"c\":[],"
                + "\"big\":123456789012345678901234567890,\"max\":9223372036854775807,"
                + "\"over\":9223372036854775808,\"min\":-9223372036854775808} ");
        Map<?, ?> m = (Map<?, ?>) v;
        assertInstanceOf(LinkedHashMap.class, m);
        assertInstanceOf(ArrayList.class, m.get("a"));
        assertEquals(Arrays.asList(1L, -2L, 3.5, 100.0, true, false, null, "s"), m.get("a"));
        assertEquals(Map.of(), m.get("b"));
        assertEquals(List.of(), m.get("c"));
        assertEquals(new BigInteger("123456789012345678901234567890"), m.get("big"));
        assertEquals(Long.MAX_VALUE, m.get("max"));
        assertEquals(new BigInteger("9223372036854775808"), m.get("over"));
        assertEquals(Long.MIN_VALUE, m.get("min"));
        assertEquals("[a, b, c, big, max, over, min]", m.keySet().toString(), "document order kept");
    }

    @Test
    void nullIsJavaNullAndStaysTellableFromAbsent() {
        Map<String, Object> m = Json.parseObject("{\"c\": null}", "t");
        assertTrue(m.containsKey("c"));
        assertNull(m.get("c"));
        assertNull(Json.parse("null"));
    }

    @Test
    void decodesEscapesAndQuotesBack() {
        String s = (String) Json.parse("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\ud83d\\ude00\"");
        assertEquals("q\" b\\ s/ \b\f\n\r\t é \uD83D\uDE00", s);
        assertEquals(s, Json.parse(Json.quote(s)));
        assertEquals("\"\\u0001\"", Json.quote("\u0001"));
        assertEquals("\"a \\\"q\\\"\\n\"", Json.quote("a \"q\"\n"));
    }

    @Test
    void refusesWhatStrictJsonRefuses() {
        for (String bad : new String[]{"", "{", "[1,]", "{\"a\":1,}", "01", "-01", "1.", ".5", "-", "1e", "+1",
                "NaN", "Infinity", "-Infinity", "'a'", "\"a", "\"\\x\"", "\"\\ud800\"", "\"\\udc00\"",
                "\"\\ud800\\u0041\"", "\"\\u12\"", "\"\\u12g4\"", "\"tab\there\"", "{\"a\" 1}", "{1:2}", "[1 2]",
                "tru", "nul", "1 2", "{\"a\":1}x", "// c\n{}", "/* c */{}", "{\"a\":1,\"a\":2}", "\u00a0{}"}) {
            assertThrows(JsonException.class, () -> Json.parse(bad), bad);
        }
    }

    @Test
    void refusesDuplicateKeysEvenWhenTheFirstValueIsNull() {
        var e = assertThrows(JsonException.class, () -> Json.parse("{\"a\": null, \"a\": 2}"));
        assertEquals("duplicate key \"a\" at character 12", e.getMessage());
        assertEquals(12, e.offset()); // the second key
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        var e = assertThrows(JsonException.class, () -> Json.parse(deep));
        assertTrue(e.getMessage().contains("deeper than " + Json.MAX_DEPTH), e.getMessage());
        String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        Json.parse(ok);
        assertThrows(JsonException.class, () -> Json.parse("[" + ok + "]"));
        String okObjects = "{\"a\":".repeat(Json.MAX_DEPTH - 1) + "{}" + "}".repeat(Json.MAX_DEPTH - 1);
        Json.parse(okObjects);
        assertThrows(JsonException.class, () -> Json.parse("[" + okObjects + "]"));
    }

    @Test
    void errorsSayWhatWhereAndWhat() {
        var e = assertThrows(JsonException.class, () -> Json.parse("{\"a\": [1, 2,, 3]}"));
        assertEquals(12, e.offset()); // the second comma
        assertEquals("expected a JSON value, received ',' at character 12", e.getMessage());
        assertInstanceOf(IllegalArgumentException.class, e, "unchecked, a bad argument");
        var nan = assertThrows(JsonException.class, () -> Json.parse("[NaN]"));
        assertTrue(nan.getMessage().contains("received 'N'") && nan.getMessage().contains("PYTHON"),
                nan.getMessage());
        assertEquals("expected 'null', received 'n' at character 6",
                assertThrows(JsonException.class, () -> Json.parse("{\"x\": nope}")).getMessage());
    }

    @Test
    void parseObjectNamesTheDocument() {
        var e = assertThrows(JsonException.class, () -> Json.parseObject("{\"a\": 1,}", "config.json"));
        assertEquals("config.json: expected a string key in a JSON object, received '}' at character 8",
                e.getMessage());
        var notObject = assertThrows(JsonException.class, () -> Json.parseObject(" [1]", "meta.json"));
        assertEquals("meta.json: expected a JSON object, received an array at character 1", notObject.getMessage());
        assertEquals(1, notObject.offset());
    }

    // ------------------------------------------------------------ reading (Python dialect)

    @Test
    void pythonDialectReadsNonFiniteNumbersAsPythonWritesThem() {
        // What json.dumps({"best": float("inf"), "worst": -float("inf"), "x": float("nan")}) prints.
        Map<String, Object> m = Json.parseObject("{\"best\": Infinity, \"worst\": -Infinity, \"x\": NaN, "
                + "\"v\": [NaN, -1.5, 2]}", "state", Dialect.PYTHON);
        assertEquals(Double.POSITIVE_INFINITY, m.get("best"));
        assertEquals(Double.NEGATIVE_INFINITY, m.get("worst"));
        assertTrue(Double.isNaN((Double) m.get("x")));
        assertEquals(Arrays.asList(Double.NaN, -1.5, 2L), m.get("v"));
    }

    @Test
    void pythonDialectIsOtherwiseStrict() {
        for (String bad : new String[]{"nan", "inf", "-inf", "Infinit", "-Inf", "+Infinity", "[1,]",
                "{\"a\":1,\"a\":2}", "NaNx", "-NaN"}) {
            assertThrows(JsonException.class, () -> Json.parse(bad, Dialect.PYTHON), bad);
        }
    }

    // ------------------------------------------------------------ writing

    @Test
    void writesLikePythonsJsonDumps() {
        var m = new LinkedHashMap<String, Object>();
        m.put("a", List.of(1, 2.5, "x\n"));
        var b = new LinkedHashMap<String, Object>();
        b.put("c", null);
        b.put("d", true);
        m.put("b", b);
        m.put("ints", new int[]{1, -2});
        m.put("longs", new long[]{Long.MAX_VALUE});
        m.put("doubles", new double[]{0.5, Double.NaN, Double.NEGATIVE_INFINITY});
        m.put("big", new BigInteger("123456789012345678901234567890"));
        m.put("dec", new BigDecimal("1.25"));
        m.put("f", 0.5f);
        m.put("inf", Double.POSITIVE_INFINITY);
        m.put("empty", Map.of());
        assertEquals("{\"a\": [1, 2.5, \"x\\n\"], \"b\": {\"c\": null, \"d\": true}, \"ints\": [1, -2], "
                + "\"longs\": [9223372036854775807], \"doubles\": [0.5, NaN, -Infinity], "
                + "\"big\": 123456789012345678901234567890, \"dec\": 1.25, \"f\": 0.5, \"inf\": Infinity, "
                + "\"empty\": {}}", Json.write(m));
        assertEquals("{\"a\": [1, 2.5, \"x\\n\"], \"b\": {\"c\": null, \"d\": true}}",
                Json.write(Json.parse("{\"a\": [1, 2.5, \"x\\n\"], \"b\": {\"c\": null, \"d\": true}}")));
    }

    @Test
    void roundTripsDoublesBitForBitAndSpecialValues() {
        var m = new LinkedHashMap<String, Object>();
        m.put("lr", 0.1 + 0.2);
        m.put("tiny", Double.MIN_VALUE);
        m.put("huge", Double.MAX_VALUE);
        m.put("negzero", -0.0);
        m.put("best", Double.POSITIVE_INFINITY);
        m.put("worst", Double.NEGATIVE_INFINITY);
        m.put("name", "a \"quoted\"\n name \u0007 é \uD83D\uDE00");
        m.put("flag", true);
        m.put("none", null);
        assertEquals(m, Json.parse(Json.write(m), Dialect.PYTHON));

        var rnd = new SplittableRandom(7);
        double[] d = new double[2000];
        for (int i = 0; i < d.length; i++) {
            d[i] = Double.longBitsToDouble(rnd.nextLong());
            if (!Double.isFinite(d[i])) {
                d[i] = rnd.nextDouble() * Math.pow(10, rnd.nextInt(-300, 300));
            }
        }
        List<?> back = (List<?>) Json.parse(Json.write(d));
        double[] got = new double[back.size()];
        for (int i = 0; i < got.length; i++) {
            got[i] = (Double) back.get(i);
        }
        assertArrayEquals(d, got); // assertArrayEquals on doubles compares bit patterns via Double.equals
        double nanBack = (Double) ((List<?>) Json.parse(Json.write(new double[]{Double.NaN}), Dialect.PYTHON)).get(0);
        assertTrue(Double.isNaN(nanBack));
    }

    @Test
    void refusesWhatItCannotWrite() {
        var e = assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(new Object())));
        assertTrue(e.getMessage().contains("cannot write a java.lang.Object"), e.getMessage());
        var cyclic = new ArrayList<Object>();
        cyclic.add(cyclic);
        var c = assertThrows(IllegalArgumentException.class, () -> Json.write(cyclic));
        assertTrue(c.getMessage().contains("deeper than " + Json.MAX_DEPTH), c.getMessage());
    }

    @Test
    void whatItWritesItReads() {
        Object nested = List.of();
        for (int i = 1; i < Json.MAX_DEPTH; i++) {
            nested = List.of(nested);
        }
        assertEquals(nested, Json.parse(Json.write(nested)));
    }
}
