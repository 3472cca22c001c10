package vireo.cli.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import vireo.data.DataLoader;
import vireo.data.TensorDataset;
import vireo.nn.Identity;
import vireo.nn.Module;
import vireo.nn.Sequential;
import vireo.vision.models.ResNet;
import vireo.vision.transfer.FeatureCache;

/**
 * A model's frozen backbone run once over the training and validation images, so that its head trains on the
 * features instead of recomputing them every epoch (vireo-models' {@link FeatureCache}). Exact, up to the last float
 * bits, only when the backbone is a fixed function of its input (frozen, batch norm on running statistics, no active
 * dropout) and the images are not randomly augmented; {@link #of} says why not otherwise.
 *
 * <p>Shapes: the caches are {@code [features [N, F...], labels [N]]} in data set order; the head maps
 * {@code [B, F...]} to {@code [B, classes]}.
 *
 * @param head the part that trains: a ResNet's {@code fc}, a {@code Sequential}'s last module
 */
public record CachedFeatures(Module head, TensorDataset train, TensorDataset valid) {

    /** Either the features, or why they were not cached. */
    public sealed interface Outcome permits Cached, NotCached {
    }

    public record Cached(CachedFeatures features) implements Outcome {
    }

    public record NotCached(String reason) implements Outcome {
    }

    /**
     * Splits {@code model} into backbone and head and runs the backbone over both loaders' data sets (with their
     * batch size and workers). A ResNet's {@code fc} is swapped for {@link Identity} while that runs and put back
     * after, so the model is whole again on return.
     */
    public static Outcome of(Module model, DataLoader<?> train, DataLoader<?> valid) {
        return switch (model) {
            case ResNet r -> {
                Module head = r.fc();
                r.setFc(new Identity());
                try {
                    yield compute(r, head, train, valid);
                } finally {
                    r.setFc(head);
                }
            }
            case Sequential s when s.children().size() > 1 -> {
                List<Module> children = new ArrayList<>(s.children());
                Module head = children.remove(children.size() - 1);
                yield compute(new Sequential(children.toArray(Module[]::new)), head, train, valid);
            }
            default -> new NotCached("no known split of " + model.typeName() + " into backbone and head");
        };
    }

    private static Outcome compute(Module backbone, Module head, DataLoader<?> train, DataLoader<?> valid) {
        List<String> why = FeatureCache.blockers(backbone);
        if (!why.isEmpty()) {
            return new NotCached(String.join("; ", why));
        }
        for (DataLoader<?> loader : List.of(train, valid)) {
            if (!FeatureCache.isDeterministic(loader.dataset())) {
                return new NotCached("the images are randomly augmented");
            }
        }
        Function<DataLoader<?>, TensorDataset> run = loader -> FeatureCache.compute(backbone, loader);
        return new Cached(new CachedFeatures(head, run.apply(train), run.apply(valid)));
    }
}
