package vireo.data;

import vireo.tensor.Generator;

/**
 * Derives independent generators from (seed, stream, epoch, index) by hashing, so that a worker can make the
 * generator of any sample without sharing state with other workers.
 */
final class Seeds {

    static final long PERMUTATION = 0x5045524DL; // "PERM"
    static final long SAMPLE = 0x53414D50L;      // "SAMP"

    private Seeds() {
    }

    static Generator generator(long seed, long stream, long epoch, long index) {
        long h = mix(seed ^ mix(stream));
        h = mix(h ^ mix(epoch + 0x632BE59BD9B4E019L));
        h = mix(h ^ mix(index + 0x9E3779B97F4A7C15L));
        return new Generator(h);
    }

    /** SplitMix64's finaliser (Stafford variant 13): a bijection that spreads every input bit. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
