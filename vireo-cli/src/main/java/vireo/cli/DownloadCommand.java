package vireo.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vireo.vision.datasets.Downloader;
import vireo.vision.datasets.FashionMNIST;
import vireo.vision.datasets.IdxCatalog;
import vireo.vision.datasets.MNIST;
import vireo.vision.datasets.RemoteFile;
import vireo.vision.models.Weights;

/**
 * {@code vireo datasets download NAME}: the one command that fetches anything, and only what it is asked for. Data
 * sets (MNIST, Fashion-MNIST) and torchvision's ImageNet weights go through vireo-data's {@link Downloader}: each
 * file to a temporary name beside the target, verified by SHA-256, then renamed, so a failed or tampered download
 * leaves nothing behind; a file already there is verified and kept.
 */
@Command(name = "download", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Download a data set or pretrained weights, verified by checksum.",
                "Data sets: mnist, fashion-mnist (the four IDX .gz files; then train with --data NAME --data-root "
                        + "DIR). Weights: torchvision's ImageNet ones, by architecture (resnet50: torchvision's "
                        + "default, the newest) or full name (resnet50_imagenet1k_v1); then train with --weights "
                        + "FILE. Files already there are verified and kept."})
public final class DownloadCommand implements Callable<Integer> {

    /** The data sets, by CLI name. */
    static final Map<String, IdxCatalog> DATASETS = new LinkedHashMap<>();

    static {
        DATASETS.put("mnist", MNIST.CATALOG);
        DATASETS.put("fashion-mnist", FashionMNIST.CATALOG);
    }

    /**
     * The Downloader logs each attempt through java.util.logging, two lines with a timestamp; the command prints its
     * own line instead. Held here: JUL keeps loggers weakly, and a collected one would forget its level.
     */
    private static final java.util.logging.Logger DOWNLOADER_LOG =
            java.util.logging.Logger.getLogger(Downloader.class.getName());

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "what to download (--list: all names)")
    String name;

    @Option(names = "--root", paramLabel = "DIR",
            description = "the folder to download into (required for data sets; for weights default "
                    + "$VIREO_HOME/hub or ~/.cache/vireo/hub)")
    Path root;

    @Option(names = "--mirror", paramLabel = "URL",
            description = "a base URL to download from instead of the publisher's (repeatable; tried in order)")
    List<URI> mirrors;

    @Option(names = "--list", description = "list the names that can be downloaded")
    boolean list;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (list) {
            DATASETS.forEach((n, c) -> out.printf("%-30s data set, %d files from %s%n", n, c.files().size(),
                    c.mirrors().get(0)));
            for (Weights w : Weights.values()) {
                out.printf(Locale.ROOT, "%-30s weights, %s, %.1f%% top-1 on ImageNet%s%n", fullName(w), w.fileName(),
                        w.acc1(), w == byArch(arch(w)) ? " (" + arch(w) + ")" : "");
            }
            return 0;
        }
        if (name == null) {
            throw CliException.usage("expected NAME; known: " + known());
        }
        DOWNLOADER_LOG.setLevel(java.util.logging.Level.WARNING);
        List<URI> from = mirrors == null ? null : mirrors.stream().map(DownloadCommand::asFolder).toList();
        IdxCatalog data = DATASETS.get(name);
        if (data != null) {
            if (root == null) {
                throw CliException.usage("--root DIR is required for a data set: the folder to put " + name
                        + "'s files in");
            }
            return downloadData(out, data, from != null ? from : data.mirrors());
        }
        Weights w = weights(name);
        if (w == null) {
            throw CliException.usage("unknown name '" + name + "'; known: " + known());
        }
        return downloadWeights(out, w, from != null ? from : List.of(Weights.TORCHVISION_MODELS));
    }

    private int downloadData(PrintWriter out, IdxCatalog data, List<URI> from) {
        for (RemoteFile f : data.files()) {
            Path target = root.resolve(f.name());
            boolean there = Files.exists(target);
            announce(there, f.name(), from);
            fetch(f.name(), () -> new Downloader().fetchIfAbsent(f, from, root));
            out.printf("%s: %s (%s)%n", target, there ? "already there, verified" : "downloaded, verified",
                    f.preferred());
        }
        out.printf("%s is in %s; train on it with: vireo train --data %s --data-root %s%n", name, root, name, root);
        return 0;
    }

    private int downloadWeights(PrintWriter out, Weights w, List<URI> from) {
        Path dir = root != null ? root : Weights.defaultCacheDir();
        boolean there = Files.exists(dir.resolve(w.fileName()));
        announce(there, w.fileName(), from);
        Path file = fetch(w.fileName(), () -> w.download(dir, from));
        out.printf("%s: %s (%s)%n", file, there ? "already there, verified" : "downloaded, verified",
                w.file().checksum());
        out.printf("%s; use it with: vireo train --arch %s --weights %s%n", fullName(w), arch(w), file);
        return 0;
    }

    /** A line on stderr before a download (which may take minutes), none for a file that is only verified. */
    private void announce(boolean there, String file, List<URI> from) {
        if (!there) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("downloading " + from.get(0).resolve(file)
                    + (from.size() > 1 ? " (or from " + (from.size() - 1) + " more mirrors)" : "") + " ...");
            err.flush();
        }
    }

    @FunctionalInterface
    private interface Fetch {
        Path run() throws IOException;
    }

    /** Runs a download; its failure (every mirror and what it did, or a checksum mismatch) becomes one line. */
    private static Path fetch(String file, Fetch fetch) {
        try {
            return fetch.run();
        } catch (IOException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new CliException(CliException.FAILED, m.replace(":\n  ", ": ").replace("\n  ", "; ")
                    .replace('\n', ' '), e);
        }
    }

    /** A base URL: resolving a file name against it must keep its last segment. */
    private static URI asFolder(URI u) {
        return u.getPath() != null && u.getPath().endsWith("/") ? u : URI.create(u + "/");
    }

    /** {@code RESNET50_IMAGENET1K_V2} → {@code resnet50_imagenet1k_v2}. */
    static String fullName(Weights w) {
        return w.name().toLowerCase(Locale.ROOT);
    }

    /** {@code RESNET50_IMAGENET1K_V2} → {@code resnet50}, {@code VGG11_BN_IMAGENET1K_V1} → {@code vgg11_bn}. */
    static String arch(Weights w) {
        String n = fullName(w);
        return n.substring(0, n.indexOf("_imagenet"));
    }

    /** torchvision's default weights of an architecture: the last (newest) listed. */
    static Weights byArch(String arch) {
        Weights found = null;
        for (Weights w : Weights.values()) {
            if (arch(w).equals(arch)) {
                found = w;
            }
        }
        return found;
    }

    static Weights weights(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (Weights w : Weights.values()) {
            if (fullName(w).equals(n)) {
                return w;
            }
        }
        return byArch(n);
    }

    static String known() {
        List<String> archs = new ArrayList<>();
        for (Weights w : Weights.values()) {
            if (!archs.contains(arch(w))) {
                archs.add(arch(w));
            }
        }
        return "data sets " + String.join(", ", DATASETS.keySet()) + "; weights " + String.join(", ", archs)
                + " or a full name like " + fullName(Weights.values()[0]) + " (--list shows all)";
    }
}
