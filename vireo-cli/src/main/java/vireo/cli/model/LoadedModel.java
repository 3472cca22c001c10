package vireo.cli.model;

import vireo.nn.Module;

/** A model ready to run, with what describes it. */
public record LoadedModel(Module module, ModelInfo info) {
}
