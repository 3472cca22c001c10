/** Helpers shared by the Keras face (JSON, config reads, Python-style number formatting); not public API. */
package vireo.keras.internal;
