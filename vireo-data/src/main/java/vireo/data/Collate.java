package vireo.data;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import vireo.tensor.Tensor;

/** Collate functions: turn a list of samples into a {@link Batch}. */
public final class Collate {

    private Collate() {
    }

    /**
     * The default, like PyTorch's {@code default_collate} for tensors: a {@code Tensor} sample becomes a one-field
     * batch, a {@code List<Tensor>} sample is stacked field by field, and a {@code Batch} sample field by field.
     *
     * <p>Shapes: samples {@code [...]} → field {@code [B, ...]}; 0-d labels become {@code [B]}.
     */
    public static <T> Function<List<T>, Batch> stack() {
        return Collate::stackAll;
    }

    private static Batch stackAll(List<?> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("collate: received an empty list of samples");
        }
        Object first = samples.get(0);
        int fields = fieldsOf(first).size();
        List<List<Tensor>> columns = new ArrayList<>(fields);
        for (int f = 0; f < fields; f++) {
            columns.add(new ArrayList<>(samples.size()));
        }
        for (Object s : samples) {
            List<Tensor> row = fieldsOf(s);
            if (row.size() != fields) {
                throw new IllegalArgumentException("collate: each sample should have " + fields
                        + " fields, received one with " + row.size());
            }
            for (int f = 0; f < fields; f++) {
                columns.get(f).add(row.get(f));
            }
        }
        List<Tensor> out = new ArrayList<>(fields);
        for (List<Tensor> column : columns) {
            out.add(Tensor.stack(column, 0));
        }
        return new Batch(out);
    }

    private static List<Tensor> fieldsOf(Object sample) {
        if (sample instanceof Tensor t) {
            return List.of(t);
        }
        if (sample instanceof Batch b) {
            return b.fields();
        }
        if (sample instanceof List<?> list) {
            List<Tensor> out = new ArrayList<>(list.size());
            for (Object o : list) {
                if (!(o instanceof Tensor t)) {
                    throw new IllegalArgumentException("collate: the default collate stacks tensors, received a list "
                            + "holding " + (o == null ? "null" : o.getClass().getName())
                            + "; pass DataLoader.builder(...).collate(...)");
                }
                out.add(t);
            }
            return out;
        }
        throw new IllegalArgumentException("collate: the default collate handles Tensor, List<Tensor> and Batch "
                + "samples, received " + (sample == null ? "null" : sample.getClass().getName())
                + "; pass DataLoader.builder(...).collate(...)");
    }
}
