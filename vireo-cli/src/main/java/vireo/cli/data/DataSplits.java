package vireo.cli.data;

import java.util.List;

/**
 * The train, validation and (optional) test images of a run, and where they came from.
 *
 * @param test null when the data has no test part
 */
public record DataSplits(String description, ImageSource train, ImageSource valid, ImageSource test) {

    public List<String> classes() {
        return train.classes();
    }
}
