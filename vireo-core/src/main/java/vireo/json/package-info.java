/**
 * The one JSON reader and writer of Vireo: {@link vireo.json.Json}.
 *
 * <p>It lives in vireo-core because every module exchanges small JSON documents — safetensors headers (vireo-io),
 * optimizer and scheduler state (vireo-nn), model configs and metadata (vireo-keras) — and core is the only module
 * all of them may import. It uses the JDK only, so the library keeps no third-party runtime dependency.
 */
package vireo.json;
