/**
 * Benchmark workloads, timed the way {@code ../shared/peers/pytorch_seed_workloads.py} times PyTorch's, so that
 * {@code bench/compare} can print the two side by side as a ratio.
 *
 * <p>{@link vireo.bench.BenchMain} prints one JSON line per workload in the peer script's shape
 * ({@code {"workload": "sgemm2048", "gflops": 151.2}}). A workload is one small {@link vireo.bench.Workload}
 * class registered in {@link vireo.bench.Workloads}. The package may import every Vireo module; nothing imports it.
 */
package vireo.bench;
