package vireo.cli.data;

import java.util.List;
import vireo.data.Dataset;
import vireo.tensor.Generator;
import vireo.tensor.Tensor;
import vireo.tensor.Vireo;
import vireo.vision.io.Image;
import vireo.vision.transforms.Transform;

/**
 * An {@link ImageSource} fed through a transform, as a data set of {@code [input, label]} for a DataLoader.
 *
 * <p>Shapes: a sample is {@code [transform(image), label [] int64]}.
 */
public record ImageSamples(ImageSource source, Transform<Image, Tensor> transform) implements Dataset<List<Tensor>> {

    @Override
    public int size() {
        return source.size();
    }

    @Override
    public List<Tensor> get(int index) {
        return get(index, Vireo.defaultGenerator());
    }

    @Override
    public List<Tensor> get(int index, Generator random) {
        Dataset.checkIndex(this, index);
        return List.of(transform.apply(source.image(index), random), Tensor.scalarLong(source.label(index)));
    }
}
