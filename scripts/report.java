///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS org.nd4j:nd4j-native:1.0.0-M2.1
//DEPS org.nd4j:nd4j-native:1.0.0-M2.1:linux-x86_64-onednn
//DEPS tech.tablesaw:tablesaw-core:0.44.4
//DEPS org.knowm.xchart:xchart:4.0.3
//DEPS info.picocli:picocli:4.7.7
//DEPS us.hebi.matlab.mat:mfl-core:0.5.15
//DEPS com.github.haifengl:smile-core:3.1.1
//DEPS org.boofcv:boofcv-feature:1.2.2
//DEPS org.ejml:ejml-core:0.44.0
//DEPS org.slf4j:slf4j-api:2.0.12
//DEPS org.slf4j:slf4j-nop:2.0.12
//DEPS org.deeplearning4j:deeplearning4j-nn:1.0.0-M2.1
//DEPS org.deeplearning4j:deeplearning4j-zoo:1.0.0-M2.1
//DEPS com.fasterxml.jackson.core:jackson-databind:2.20.1
//DEPS com.fasterxml.jackson.dataformat:jackson-dataformat-csv:2.20.1
//SOURCES ../lib/src/main/java/oneclass/**.java
//FILES expected-results/hrn_table1.csv=../expected-results/hrn_table1.csv expected-results/hrn_table2.csv=../expected-results/hrn_table2.csv expected-results/hrn_table3.csv=../expected-results/hrn_table3.csv expected-results/hrn_table4.csv=../expected-results/hrn_table4.csv expected-results/hrn_table5.csv=../expected-results/hrn_table5.csv expected-results/hrn_table7.csv=../expected-results/hrn_table7.csv expected-results/ics_table1.csv=../expected-results/ics_table1.csv
//FILES oneclass/reproduction/machine-notes.json=../lib/src/main/resources/oneclass/reproduction/machine-notes.json oneclass/reproduction/column-notes.json=../lib/src/main/resources/oneclass/reproduction/column-notes.json
//JAVA_OPTIONS -Djava.awt.headless=true -Xmx8g

import oneclass.reproduction.*;
import oneclass.run.Cli;
import oneclass.run.RunRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.concurrent.Callable;

/**
 * The one reproduction report: every section's stored runs (results/<section>/<protocol>/runs/, whoever
 * wrote them: one process or many shards) compared with the papers' numbers, counted, and written as
 * Markdown with its charts. It reads results and trains nothing.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Collects every section's results into one reproduction report (Markdown + PNG charts).")
class report implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--results", defaultValue = "results", description = "Results root, laid out results/<section>/<protocol>/runs/ (default: ${DEFAULT-VALUE}, under the current folder). Only read. A damaged result file is named in its section, skipped and counted in the headline.")
    Path results;
    @Option(names = "--out", defaultValue = "report", description = "Where REPORT.md and its charts go (default: ${DEFAULT-VALUE}, under the current folder).")
    Path out;
    @Option(names = "--expected-dir", description = "The papers' numbers (default: the expected-results/ built into the script, so it runs from any folder).")
    Path expectedDir;
    @Option(names = "--sections", split = ",", description = "Only these sections (default: all of oneclass.reproduction.Sections).")
    List<String> sections;

    public static void main(String... args) {
        System.exit(Cli.command(new report()).execute(args));
    }

    @Override
    public Integer call() {
        if (expectedDir != null && !Files.isDirectory(expectedDir))
            throw new ParameterException(spec.commandLine(), "--expected-dir: " + expectedDir.toAbsolutePath() + " is not a folder");
        if (!Files.isDirectory(results))
            System.out.println("note: " + results.toAbsolutePath() + " does not exist: every section is reported as not run");
        if (out.toAbsolutePath().normalize().startsWith(results.toAbsolutePath().normalize()))
            throw new ParameterException(spec.commandLine(), "--out: " + out + " is inside --results " + results + "; the report never writes into a results folder it reads");
        List<Section> chosen;
        try {
            chosen = sections == null ? Sections.ALL : sections.stream().map(Sections::get).toList();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--sections: " + e.getMessage());
        }

        List<ReproductionReport.Evaluated> ev = ReproductionReport.write(chosen, results, expectedDir, out,
                ReproductionReport.provenance(results, RunRecord.gitCommit()));
        for (ReproductionReport.Evaluated e : ev) {
            ReproductionReport.Tally t = e.tally();
            System.out.printf(Locale.ROOT, "%-16s %-22s %4d runs | %3d reproduced, %3d not, %3d not comparable, %3d not run%n", e.section().id(),
                    e.main() == null ? "not run" : e.protocol(), e.main() == null ? 0 : e.main().runs(), t.reproduced(), t.notReproduced(),
                    t.notComparable(), t.notRun());
        }
        System.out.println();
        System.out.println(ReproductionReport.headline(ev).replace("**", "").replaceAll("\\[([^]]+)]\\(#[^)]+\\)", "$1")); // Markdown bold and links as plain text
        System.out.println("wrote " + out.resolve("REPORT.md"));
        return 0;
    }
}
