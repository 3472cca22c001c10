/**
 * Optimizers with PyTorch's names, defaults and exact float32 arithmetic: {@link vireo.optim.SGD},
 * {@link vireo.optim.Adam}, {@link vireo.optim.AdamW}, {@link vireo.optim.RMSprop}, over {@link vireo.optim.ParamGroup}s,
 * with a state dict ({@link vireo.optim.OptimizerState}) that flattens to tensors plus JSON for safetensors.
 *
 * <p>Updates are plain loops over each parameter's backing array, so a step costs a few passes over memory and no
 * allocation. Optimizers take parameters as {@code Iterable<Tensor>}; they depend on {@code vireo.tensor} and
 * {@code vireo.autograd} only (not on {@code vireo.nn}), so any code holding tensors can use them.
 */
package vireo.optim;
