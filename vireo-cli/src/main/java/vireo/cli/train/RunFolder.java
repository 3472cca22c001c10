package vireo.cli.train;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import vireo.cli.CliException;
import vireo.cli.model.ModelStore;

/**
 * The folder a {@code vireo train} run writes: checked before the run starts (never someone else's files), created,
 * and removed again when the run ends, failed or interrupted, before its first checkpoint, so that nothing is left
 * that {@code --resume} could not continue. A folder this run did not create (an empty {@code --out} the user made)
 * is never removed.
 */
public final class RunFolder {

    private final Path dir;
    private final boolean made;

    private RunFolder(Path dir, boolean made) {
        this.dir = dir;
        this.made = made;
    }

    /**
     * Refuses a folder that is in the way of a new run: a file, or a non-empty folder unless {@code overwrite}, and
     * then only a folder that holds a vireo run (whose contents are deleted). A missing or empty folder passes.
     */
    public static void prepare(Path dir, boolean overwrite) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw CliException.notThere("--out", dir, "a folder for the run");
        }
        boolean empty;
        try (var s = Files.list(dir)) {
            empty = s.findAny().isEmpty();
        }
        if (empty) {
            return;
        }
        if (!overwrite) {
            throw CliException.usage("run folder " + dir + " already exists; pass --overwrite to replace it or "
                    + "--resume " + dir + " to continue it");
        }
        if (!Files.exists(dir.resolve(ModelStore.FILE)) && !Files.isDirectory(dir.resolve(Checkpoint.DIR))) {
            throw CliException.usage("refusing to --overwrite " + dir + ": it does not look like a vireo run folder "
                    + "(no " + ModelStore.FILE + " or " + Checkpoint.DIR + "/)");
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Creates the folder (and its parents) where missing, remembering whether this run made it. */
    public static RunFolder create(Path dir) throws IOException {
        boolean made = Files.notExists(dir);
        Files.createDirectories(dir);
        return new RunFolder(dir, made);
    }

    /**
     * After a failure: removes the folder if this run made it and nothing was written to it yet. A folder holding
     * a checkpoint stays, since {@code --resume} continues from it.
     */
    public void discardIfUnused() {
        if (!made) {
            return;
        }
        try {
            Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException resumable) {
            // an epoch finished: its checkpoint is what --resume continues from
        } catch (IOException e) {
            // the training's own error is the one to report
        }
    }

    /**
     * What to say when the JVM stops mid-training (Ctrl-C, {@code kill}): the last checkpoint and how to continue
     * from it or, before the first epoch's checkpoint, that there is nothing to continue from, the folder then
     * discarded as after a failure.
     */
    public String interrupted(int lastEpoch) {
        if (lastEpoch > 0) {
            return "interrupted; the checkpoint of epoch " + lastEpoch + " is in " + dir
                    + "; continue with: vireo train --resume " + dir;
        }
        discardIfUnused();
        return "interrupted before the first epoch ended: nothing was saved"
                + (Files.exists(dir) ? "" : " (the empty run folder " + dir + " is removed)");
    }
}
