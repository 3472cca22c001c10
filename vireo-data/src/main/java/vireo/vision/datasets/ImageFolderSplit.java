package vireo.vision.datasets;

import java.util.ArrayList;
import java.util.List;
import vireo.tensor.Generator;

/**
 * One {@link ImageFolder} split three ways by fractions with a seed. The split is stratified: each class is
 * shuffled on its own (with a generator from the seed) and cut by the fractions, so every split keeps the class
 * balance and a class with enough images appears in all three. Per class, {@code round(n * valid)} images go to
 * valid, {@code round(n * test)} to test and the rest to train; within each split the samples keep the folder
 * order. The same seed always gives the same split.
 *
 * <pre>{@code
 * var all = ImageFolder.of(Path.of("photos"));
 * var s = all.split(0.8, 0.1, 0.1, 42);
 * var train = s.train().withTransform(augment);
 * var valid = s.valid().withTransform(evalTransform);
 * }</pre>
 */
public record ImageFolderSplit(ImageFolder train, ImageFolder valid, ImageFolder test) {

    public static ImageFolderSplit of(ImageFolder folder, double train, double valid, double test, long seed) {
        if (!(train >= 0 && valid >= 0 && test >= 0) || Math.abs(train + valid + test - 1.0) > 1e-6) {
            throw new IllegalArgumentException("split: expected non-negative fractions summing to 1, received "
                    + train + ", " + valid + ", " + test);
        }
        int classes = folder.classes().size();
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        int[] labels = folder.labels();
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        boolean[] inValid = new boolean[labels.length];
        boolean[] inTest = new boolean[labels.length];
        Generator g = new Generator(seed);
        for (List<Integer> members : byClass) {
            int n = members.size();
            int[] perm = members.stream().mapToInt(Integer::intValue).toArray();
            for (int i = n - 1; i > 0; i--) {
                int j = g.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            int nValid = (int) Math.round(n * valid);
            int nTest = Math.min((int) Math.round(n * test), n - nValid);
            for (int i = 0; i < nValid; i++) {
                inValid[perm[i]] = true;
            }
            for (int i = nValid; i < nValid + nTest; i++) {
                inTest[perm[i]] = true;
            }
        }
        List<Integer> tr = new ArrayList<>();
        List<Integer> va = new ArrayList<>();
        List<Integer> te = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            (inValid[i] ? va : inTest[i] ? te : tr).add(i);
        }
        return new ImageFolderSplit(folder.subset(toArray(tr)), folder.subset(toArray(va)),
                folder.subset(toArray(te)));
    }

    private static int[] toArray(List<Integer> xs) {
        return xs.stream().mapToInt(Integer::intValue).toArray();
    }
}
