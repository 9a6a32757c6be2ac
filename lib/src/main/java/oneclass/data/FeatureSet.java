package oneclass.data;

import java.nio.file.Path;
import java.util.List;

/**
 * A data set of feature vectors that some other tool computed (HRN Table 7 uses BERT sentence vectors of
 * DBPedia), read from a folder in one of {@link FeatureFile}'s formats: {@code train} and {@code test}, each
 * with its labels. By default the folder is {@code <data-dir>/features/<name>}.
 *
 * @param title     the published set's name, e.g. DBPedia-14
 * @param trainSize the published set's training size (with {@code testSize}: a folder holding other counts is read,
 *                  and marked not complete)
 */
public record FeatureSet(String cliName, String title, int numClasses, int trainSize, int testSize) implements DataSet {
    /**
     * DBPedia-14 (Zhang, Zhao, LeCun 2015; 40,000 training and 5,000 test texts per class), through a
     * pre-trained feature extractor: Table 7's "DBPedia (14 tasks)" row.
     */
    public static final FeatureSet DBPEDIA_PFE = new FeatureSet("dbpedia-pfe", "DBPedia-14", 14, 560_000, 70_000);
    /** The same texts as Table 7's "DBPedia (14 classes)" row, without a pre-trained extractor. */
    public static final FeatureSet DBPEDIA = new FeatureSet("dbpedia", "DBPedia-14", 14, 560_000, 70_000);
    public static final List<FeatureSet> ALL = List.of(DBPEDIA_PFE, DBPEDIA);

    public FeatureSet {
        if (numClasses < 1) throw new IllegalArgumentException(cliName + ": numClasses must be >= 1, got " + numClasses);
    }

    /** The default folder of its files. */
    public Path dir(Path dataDir) {
        return dataDir.resolve("features").resolve(cliName);
    }

    /** Reads {@code train} and {@code test} from {@code dir}, in whichever format each is there. */
    public Features.Split read(Path dir) {
        return new Features.Split(FeatureFile.readPart(dir, "train", numClasses), FeatureFile.readPart(dir, "test", numClasses));
    }

    /** Whether {@code s} holds as many vectors as the published set. */
    public boolean complete(Features.Split s) {
        return s.train().n() == trainSize && s.test().n() == testSize;
    }
}
