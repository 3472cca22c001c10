package vireo.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimingTest {

    @Test
    void aSlowFirstStepDoesNotEndTheWarmUp() {
        int[] calls = {0};
        double seconds = Timing.secondsPerStep(3, () -> {
            if (calls[0]++ == 0) {
                sleep(60); // the first call: class loading, the interpreter
            }
        }, 50_000_000L);
        assertEquals(20 + 3, calls[0], "the warm-up runs its 20 steps, the fast ones, after the slow first");
        assertTrue(seconds < 0.03, "timed steps exclude the slow first one: " + seconds);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
