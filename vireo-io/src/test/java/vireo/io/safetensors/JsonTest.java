package vireo.io.safetensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void parsesEveryValueKind() throws Exception {
        Object v = Json.parse(" {\"a\":[1,-2,3.5,1e2,true,false,null,\"s\"],\"b\":{},\"c\":[],"
                + "\"big\":123456789012345678901234567890} ");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of(1L, -2L, 3.5, 100.0, true, false, Json.NULL, "s"), m.get("a"));
        assertEquals(Map.of(), m.get("b"));
        assertEquals(List.of(), m.get("c"));
        assertEquals(new BigInteger("123456789012345678901234567890"), m.get("big"));
        assertEquals("[a, b, c, big]", m.keySet().toString(), "document order kept");
    }

    @Test
    void decodesEscapesAndQuotesBack() throws Exception {
        String s = (String) Json.parse("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\ud83d\\ude00\"");
        assertEquals("q\" b\\ s/ \b\f\n\r\t é \uD83D\uDE00", s);
        assertEquals(s, Json.parse(Json.quote(s)));
        assertEquals("\"\\u0001\"", Json.quote("\u0001"));
    }

    @Test
    void refusesWhatStrictJsonRefuses() {
        for (String bad : new String[]{"", "{", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "-", "1e", "NaN",
                "Infinity", "'a'", "\"a", "\"\\x\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"",
                "\"tab\there\"", "{\"a\" 1}", "{1:2}", "[1 2]", "tru", "nul", "1 2", "{\"a\":1}x",
                "// c\n{}", "{\"a\":1,\"a\":2}"}) {
            assertThrows(Json.JsonException.class, () -> Json.parse(bad), bad);
        }
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        var e = assertThrows(Json.JsonException.class, () -> Json.parse(deep));
        assertTrue(e.getMessage().contains("deeper than " + Json.MAX_DEPTH), e.getMessage());
        String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        assertThrows(Json.JsonException.class, () -> Json.parse("[" + ok + "]"));
    }

    @Test
    void errorsSayWhere() {
        var e = assertThrows(Json.JsonException.class, () -> Json.parse("{\"a\": [1, 2,, 3]}"));
        assertEquals(12, e.offset); // the second comma
        assertTrue(e.getMessage().contains("expected a JSON value, received ','"), e.getMessage());
    }
}
