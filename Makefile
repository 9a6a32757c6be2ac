# Reproducibility harness for deep one-class classification (HRN, ICS).
# `make help` lists the targets. Everything runs through scripts/jbang, which needs only a JDK 17
# and Maven: it resolves JBang itself from Maven Central on first use.

SHELL := bash
.DEFAULT_GOAL := help

JBANG ?= scripts/jbang
# Data: $ONECLASS_DATA if set; else the development machines' data folder beside the checkout, when it exists;
# else empty, and the scripts download the originals into their cache.
DATA_DIR ?= $(or $(ONECLASS_DATA),$(wildcard ../shared/data))
DATA_OPT := $(if $(DATA_DIR),--data-dir $(DATA_DIR))
# Extra options for a script, e.g. make hrn-table1 ARGS="--datasets mnist --seeds 1"
ARGS ?=

# ND4J on small matrices is fastest single-threaded; the scripts run independent runs in parallel.
export OMP_NUM_THREADS := 1

.PHONY: keep-runs restore-runs keep-runs-smoke resume-smoke help test hrn-table1 hrn-table1-official hrn-table1-baselines hrn-table1-check hrn-table1-smoke hrn-table1-deep-baselines baselines-smoke hrn-table2 hrn-table2-smoke hrn-ablation hrn-noise hrn-sensitivity hrn-ablation-noise-smoke hrn-pretrained hrn-pretrained-smoke bench jbang clean hcl-table7 hcl-table7-smoke report notebooks notebook-kernel shard-smoke slurm-smoke ics-split ics-table1 ics-table1-official ics-table1-check ics-rho ics-width ics-bench ics-smoke

help: ## list the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-22s %s\n", $$1, $$2}'

test: ## unit tests + short real-data runs (JUnit 5), then the scripts' smoke run
	cd lib && umask 022 && ONECLASS_TEST_UMASK=0022 mvn -B -ntp test; \
	  status=$$?; cat target/surefire-reports/*.txt 2>/dev/null | awk '/Tests run:/ {split($$0,a,/[:,]/); r+=a[2]; f+=a[4]; e+=a[6]; s+=a[8]} END {printf "\njunit: %d passed, %d failed, %d skipped\n", r-f-e-s, f+e, s}'; exit $$status
	$(MAKE) --no-print-directory hrn-table1-smoke baselines-smoke hrn-table2-smoke hrn-ablation-noise-smoke hrn-pretrained-smoke hcl-table7-smoke shard-smoke slurm-smoke ics-smoke resume-smoke keep-runs-smoke

hrn-table1: ## HRN Table 1 as the paper describes it (MNIST, Fashion-MNIST, CIFAR-10; 5 seeds; 100 epochs)
	$(JBANG) hrn_table1 $(DATA_OPT) $(ARGS)

hrn-table1-official: ## HRN Table 1 as the authors' code runs it (best test AUC over 50 epochs, ...)
	$(JBANG) hrn_table1 --protocol official-code $(DATA_OPT) $(ARGS)

hrn-table1-baselines: ## HRN Table 1's OCSVM and iForest columns run in the harness (Smile on raw pixels; 5 seeds; OCSVM ~1 min a run)
	$(JBANG) hrn_table1 --methods OCSVM,iForest $(DATA_OPT) $(ARGS)

hrn-table1-deep-baselines: ## HRN Table 1's DAE, VAE, DAGMM and DSVDD columns and ICS's HOG + OCSVM, in the harness (SameDiff/BoofCV; docs/baselines.md: hours)
	$(JBANG) hrn_table1 --methods DAE,VAE,DAGMM,DSVDD,HOG $(DATA_OPT) $(ARGS)

baselines-smoke: ## a short real-data pass of every new baseline column: hrn_table1 with DAE, VAE, DAGMM, HOG, DSVDD (MNIST class 0, 1 seed, 1 epoch; DSVDD 1 + 1; HOG's OCSVM on 2,000 rows), DSVDD's CIFAR-10 LeNet (class 0, 1 + 1) and hrn_table2 with DAGMM (Thyroid, 2 epochs)
	rm -rf results/smoke-baselines
	$(JBANG) hrn_table1 --datasets mnist --classes 0 --seeds 1 --methods DAE,VAE,DAGMM,HOG,DSVDD --baseline-epochs 1 --ocsvm-max-train 2000 \
	  --out results/smoke-baselines/table1 $(DATA_OPT)
	$(JBANG) hrn_table1 --datasets cifar10 --classes 0 --seeds 1 --methods DSVDD --baseline-epochs 1 --out results/smoke-baselines/table1 $(DATA_OPT)
	$(JBANG) hrn_table2 --datasets thyroid --seeds 1 --methods DAGMM --baseline-epochs 2 --out results/smoke-baselines/table2 $(DATA_OPT)
	@test -s results/smoke-baselines/table1/summary.md && test $$(ls results/smoke-baselines/table1/runs | wc -l) -eq 6 \
	  && test $$(ls results/smoke-baselines/table2/runs | wc -l) -eq 1 && echo "smoke-baselines: 1 passed, 0 failed"

hrn-table1-check: ## regression check: HRN Table 1, exit 1 when a comparable cell is outside its tolerance
	$(JBANG) hrn_table1 --check $(DATA_OPT) $(ARGS)

# hrn-table1-smoke's runs, which shard-smoke and slurm-smoke share out and merge
TABLE1_SMOKE := --datasets mnist,cifar10 --classes 0,1 --seeds 1 --epochs 3 --methods HRN,HRN-L2,iForest

hrn-table1-smoke: ## a 1-minute real-data pass through the whole script (2 classes, 1 seed, 3 epochs)
	rm -rf results/smoke
	$(JBANG) hrn_table1 $(TABLE1_SMOKE) --out results/smoke $(DATA_OPT) $(ARGS)
	@test -s results/smoke/summary.md && test -s results/smoke/chart-mnist.png && test -s results/smoke/run-record.json \
	  && test $$(ls results/smoke/runs | wc -l) -eq 12 && echo "smoke: 1 passed, 0 failed"

hrn-table2: ## HRN Table 2 (KDDCUP99, Thyroid, Arrhythmia; HRN, OCSVM, iForest; P/R/F1 at TQM's top-k threshold; 5 seeds; KDDCUP99 ~5 min a run)
	$(JBANG) hrn_table2 $(DATA_OPT) $(ARGS)

hrn-table2-smoke: ## a short real-data pass through hrn_table2 (Thyroid and Arrhythmia, HRN + OCSVM + iForest, 1 seed, 3 epochs)
	rm -rf results/smoke2
	$(JBANG) hrn_table2 --datasets thyroid,arrhythmia --seeds 1 --epochs 3 --out results/smoke2 $(DATA_OPT) $(ARGS)
	@test -s results/smoke2/summary.md && test $$(ls results/smoke2/runs | wc -l) -eq 6 && echo "smoke2: 1 passed, 0 failed"

hrn-ablation: ## HRN Table 3: the six ablation rows on every class (5 seeds, 100 epochs; ~6x hrn-table1's HRN column)
	$(JBANG) hrn_ablation $(DATA_OPT) $(ARGS)

hrn-noise: ## HRN Table 5: HRN with 0/1/10/20 % other-class images in the training set (5 seeds, 100 epochs)
	$(JBANG) hrn_noise $(DATA_OPT) $(ARGS)

hrn-ablation-noise-smoke: ## a short real-data pass through hrn_ablation, hrn_noise and hrn_sensitivity (MNIST class 0, 1 seed, 2 epochs)
	rm -rf results/smoke3
	$(JBANG) build scripts/hrn_ablation.java && $(JBANG) build scripts/hrn_noise.java && $(JBANG) build scripts/hrn_sensitivity.java
	$(JBANG) hrn_ablation --datasets mnist --classes 0 --seeds 1 --epochs 2 --out results/smoke3/ablation $(DATA_OPT)
	$(JBANG) hrn_noise --datasets mnist --classes 0 --seeds 1 --epochs 2 --out results/smoke3/noise $(DATA_OPT)
	$(JBANG) hrn_sensitivity --classes 0 --lambdas 0,0.1 --ns 12 --epochs 2 --out results/smoke3/sensitivity $(DATA_OPT)
	@test $$(ls results/smoke3/ablation/runs | wc -l) -eq 6 && test $$(ls results/smoke3/noise/runs | wc -l) -eq 4 \
	  && test $$(ls results/smoke3/sensitivity/runs | wc -l) -eq 3 && test -s results/smoke3/sensitivity/curve-mnist-lambda.png \
	  && test -s results/smoke3/ablation/summary.md && echo "smoke3: 1 passed, 0 failed"

hrn-sensitivity: ## HRN Sec. 4.2: AUC against λ (0-1, step 0.05) and n (1-20) on MNIST, 1 seed (~1 h); ARGS=--quick for a 5-min version
	$(JBANG) hrn_sensitivity $(DATA_OPT) $(ARGS)

# ---- HRN Table 4: pretrained features (hrn_pretrained) ----------------------------------------------------
# The extraction (a forward pass of the pretrained network over 60,000 images) is the slow part and the only
# multi-threaded one: the target lets ND4J use every core for it (env -u OMP_NUM_THREADS); HRN's runs then
# set one thread each, as everywhere else.
hrn-pretrained: ## HRN Table 4: HRN on ImageNet-pretrained ResNet50 features (DL4J zoo, downloaded once), CIFAR-10; ARGS="--zoo vgg16" or "--model FILE"
	env -u OMP_NUM_THREADS $(JBANG) hrn_pretrained $(DATA_OPT) $(ARGS)

hrn-pretrained-smoke: ## a short real-data pass through hrn_pretrained: a random-weights CNN as the model file, CIFAR-10 subset, 2 classes, 3 epochs
	rm -rf results/smoke4
	$(JBANG) build scripts/hrn_pretrained.java
	$(JBANG) hrn_pretrained --write-random-cnn results/smoke4/random-cnn.zip
	$(JBANG) hrn_pretrained --model results/smoke4/random-cnn.zip --label "random-weights CNN (NOT pretrained; smoke run)" \
	  --classes 0,1 --seeds 1 --epochs 3 --feature-cache results/smoke4/features --out results/smoke4 $(DATA_OPT)
	@test -s results/smoke4/summary.md && test -s results/smoke4/chart-cifar10.png && test -s results/smoke4/run-record.json \
	  && test $$(ls results/smoke4/runs | wc -l) -eq 6 && test $$(ls results/smoke4/features | wc -l) -eq 1 && echo "smoke4: 1 passed, 0 failed"

hcl-table7: ## HRN Table 7: HCL continual learning, one head per class (MNIST, EMNIST-47, DBPedia features; 5 seeds; MNIST ~1 h on 2 cores)
	$(JBANG) hcl_table7 $(DATA_OPT) $(ARGS)

hcl-table7-smoke: ## a short real-data pass through hcl_table7 (MNIST, 10 heads of 1,000 images, 1 seed, 2 epochs)
	rm -rf results/smoke-hcl
	$(JBANG) hcl_table7 --datasets mnist --seeds 1 --epochs 2 --train-per-class 1000 --out results/smoke-hcl $(DATA_OPT)
	@test -s results/smoke-hcl/summary.md && test -s results/smoke-hcl/curve-mnist.png && test -s results/smoke-hcl/run-record.json \
	  && test $$(ls results/smoke-hcl/runs | wc -l) -eq 10 && test $$(ls results/smoke-hcl/scores | wc -l) -eq 10 \
	  && test $$(wc -l < results/smoke-hcl/curves.csv) -eq 11 && echo "smoke-hcl: 1 passed, 0 failed"

# ---- One report, notebooks, sharding (issue 6) --------------------------------------------------------
# Results root the report and the notebooks read (e.g. RESULTS=/shared/results, where Slurm shards wrote).
RESULTS ?= results
REPORT_OUT ?= report
JUPYTER_DIR := .cache/jupyter
RJK_VERSION := 3.0.1
NOTEBOOKS ?= $(filter-out notebooks/template.ipynb,$(wildcard notebooks/*.ipynb))
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

# (the alias is not "report": JBang would take the report/ folder for a script)
report: ## one reproduction report from every section's stored runs (shards included): report/REPORT.md + charts
	$(JBANG) repro_report --results $(RESULTS) --out $(REPORT_OUT) $(ARGS)

# ---- Runs kept between sessions ----------------------------------------------------------------------------
# results/ is not in git, and a development machine's results do not outlive its session. report/kept-runs.tar.gz keeps
# the run files themselves (each section's runs/*.csv with its CRC, its tables and run records; no test scores, split
# files or feature caches), so that a later session restores them, resumes (the runner skips runs already on disk) and
# adds seeds instead of starting over. The pictures that are results in their own right (listed in the folder's
# outputs.json, which the report checks: ICS's split grids, 4 MB of them) go to report/kept-pictures.tar.gz beside it, an
# archive that changes only when such a picture does, so that keeping new runs does not store them in git again; a
# script's chart-*.png is left out (the report redraws its charts from the runs). Both archives are deterministic
# (sorted names, no dates, mode 0644).
KEPT_RUNS ?= report/kept-runs.tar.gz
KEPT_PICTURES ?= $(dir $(KEPT_RUNS))kept-pictures.tar.gz
SECTION_DIRS := $(basename $(notdir $(wildcard scripts/*.java)))
TAR_SORTED := tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --mode=u=rwX,go=rX
KEPT_COUNT = $$(tar -tzf "$(1)" 2>/dev/null | grep -c '$(2)' || true)

keep-runs: ## add RESULTS' run files (results/<section>/...: runs, tables, run records) to report/kept-runs.tar.gz, its pictures to kept-pictures.tar.gz; a file in both keeps RESULTS'
	@set -euo pipefail; test -d "$(RESULTS)" || { echo "keep-runs: no results folder $(RESULTS) (RESULTS=DIR names another)"; exit 2; }; \
	  tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; results=$$(cd "$(RESULTS)" && pwd); \
	  keep() { local archive=$$1 dir; dir=$$(mktemp -d -p "$$tmp"); shift; \
	    if [ -f "$$archive" ]; then tar -xzf "$$archive" -C "$$dir" || { echo "keep-runs: cannot read $$archive"; exit 1; }; fi; \
	    for d in $(SECTION_DIRS); do [ -d "$$results/$$d" ] || continue; \
	      (cd "$$results" && find "$$d" \( -name scores -o -name splits -o -name features \) -prune -o -type f \( "$$@" \) ! -name '.*' -print0 \
	        | xargs -0 -r cp --parents -t "$$dir"); done; \
	    mkdir -p "$$(dirname "$$archive")"; \
	    $(TAR_SORTED) -cf - -C "$$dir" . | gzip -n -9 > "$$archive.tmp" && mv "$$archive.tmp" "$$archive"; }; \
	  before=$(call KEPT_COUNT,$(KEPT_RUNS),/runs/.*\.csv$$); \
	  keep "$(KEPT_RUNS)" -name '*.csv' -o -name '*.json' -o -name '*.md'; keep "$(KEPT_PICTURES)" -name '*.png' ! -name 'chart-*'; \
	  echo "keep-runs: $(KEPT_RUNS) holds $(call KEPT_COUNT,$(KEPT_RUNS),/runs/.*\.csv$$) run files ($$before before), $(KEPT_PICTURES)" \
	    "$(call KEPT_COUNT,$(KEPT_PICTURES),\.png$$) pictures; $(RESULTS)'s files replace kept ones of the same name"

restore-runs: ## unpack report/kept-runs.tar.gz and kept-pictures.tar.gz into RESULTS (results/), never over a file already there; then a run resumes and adds to them
	@set -euo pipefail; test -f "$(KEPT_RUNS)" || { echo "restore-runs: no $(KEPT_RUNS) (make keep-runs writes it)"; exit 2; }; \
	  mkdir -p "$(RESULTS)"; umask 022; tar -xzf "$(KEPT_RUNS)" -C "$(RESULTS)" --skip-old-files --no-same-owner; \
	  if [ -f "$(KEPT_PICTURES)" ]; then tar -xzf "$(KEPT_PICTURES)" -C "$(RESULTS)" --skip-old-files --no-same-owner; fi; \
	  echo "restore-runs: $(call KEPT_COUNT,$(KEPT_RUNS),/runs/.*\.csv$$) run files from $(KEPT_RUNS) and" \
	    "$(call KEPT_COUNT,$(KEPT_PICTURES),\.png$$) pictures from $(KEPT_PICTURES) in $(RESULTS) (files already there kept)"

# keep-runs and restore-runs on hrn-table1-smoke's runs: two halves kept one after the other, restored into an empty
# folder, must be the runs and give the report that the whole folder gives.
keep-runs-smoke: ## hrn-table1-smoke's runs kept in two halves, restored elsewhere: the same run files and pictures, the same report
	test -s results/smoke/summary.csv || $(MAKE) --no-print-directory hrn-table1-smoke
	rm -rf results/smoke-keep && mkdir -p results/smoke-keep/whole/hrn_table1/paper results/smoke-keep/half1/hrn_table1/paper/runs results/smoke-keep/half2/hrn_table1/paper/runs
	cp -r results/smoke/runs results/smoke/run-record.json results/smoke-keep/whole/hrn_table1/paper/ && cp results/smoke/run-record.json results/smoke-keep/half1/hrn_table1/paper/
	i=0; for f in results/smoke/runs/*.csv; do i=$$((i+1)); cp $$f results/smoke-keep/half$$((i % 2 + 1))/hrn_table1/paper/runs/; done
	head -c 3000 /dev/urandom > results/smoke-keep/half2/hrn_table1/paper/split-picture.png && echo x > results/smoke-keep/half2/hrn_table1/paper/chart-mnist.png
	$(MAKE) --no-print-directory keep-runs RESULTS=results/smoke-keep/half1 KEPT_RUNS=results/smoke-keep/kept.tar.gz
	$(MAKE) --no-print-directory keep-runs RESULTS=results/smoke-keep/half2 KEPT_RUNS=results/smoke-keep/kept.tar.gz
	$(MAKE) --no-print-directory restore-runs RESULTS=results/smoke-keep/restored KEPT_RUNS=results/smoke-keep/kept.tar.gz
	diff -r results/smoke-keep/whole/hrn_table1/paper/runs results/smoke-keep/restored/hrn_table1/paper/runs
	cmp results/smoke-keep/half2/hrn_table1/paper/split-picture.png results/smoke-keep/restored/hrn_table1/paper/split-picture.png
	test ! -e results/smoke-keep/restored/hrn_table1/paper/chart-mnist.png && rm results/smoke-keep/restored/hrn_table1/paper/split-picture.png
	$(JBANG) repro_report --results results/smoke-keep/whole --out results/smoke-keep/report-whole --sections hrn_table1 > /dev/null
	$(JBANG) repro_report --results results/smoke-keep/restored --out results/smoke-keep/report-restored --sections hrn_table1 > /dev/null
	diff <(sed 's/smoke-keep\/whole/ROOT/g' results/smoke-keep/report-whole/REPORT.md) <(sed 's/smoke-keep\/restored/ROOT/g' results/smoke-keep/report-restored/REPORT.md) \
	  && test -z "$$(find results/smoke-keep/restored -type f ! -perm 644)" && echo "keep-runs-smoke: 1 passed, 0 failed (kept in two halves, restored: same runs, same picture, no chart, same report)"

notebook-kernel: ## Jupyter (Debian packages; apt-get when missing), the Java kernel (rapaio, Maven Central) and the library jar the notebooks load
	@command -v jupyter-nbconvert >/dev/null || { echo "installing Jupyter from Debian packages (apt-get)"; \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends \
	    jupyter-nbconvert python3-nbclient jupyter-client jupyter-core; }
	mkdir -p $(JUPYTER_DIR)/kernels/java-oneclass
	mvn -B -q -ntp org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy -Dartifact=io.github.padreati:rapaio-jupyter-kernel:$(RJK_VERSION) \
	  -Dmdep.stripVersion=true -DoutputDirectory=$(JUPYTER_DIR)/kernels/java-oneclass
	printf '%s\n' '{"argv": ["$(if $(JAVA_HOME),$(JAVA_HOME)/bin/java,java)", "-Djava.awt.headless=true", "-Xmx6g",' \
	  '  "-jar", "$(abspath $(JUPYTER_DIR))/kernels/java-oneclass/rapaio-jupyter-kernel.jar", "{connection_file}"],' \
	  ' "display_name": "Java (oneclass)", "language": "java", "interrupt_mode": "message",' \
	  ' "env": {"RJK_TIMEOUT_MILLIS": "-1", "RJK_MIMA_CACHE": "mima_cache", "OMP_NUM_THREADS": "1"}}' \
	  > $(JUPYTER_DIR)/kernels/java-oneclass/kernel.json
	cd lib && mvn -B -q -ntp package -DskipTests \
	  && mvn -B -q -ntp org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies -DincludeScope=runtime -DoutputDirectory=target/notebook-jars

notebooks: notebook-kernel ## execute every notebook headless, saved with outputs (reads results/ or RESULTS=DIR; a section without results runs a small live experiment)
	ONECLASS_RESULTS=$(abspath $(RESULTS)) $(if $(DATA_DIR),ONECLASS_DATA=$(abspath $(DATA_DIR))) notebooks/run.sh $(NOTEBOOKS)

shard-smoke: ## hrn-table1-smoke's 12 runs as 2 shards in 2 processes at once, merged: the table must equal the one-process one
	test -s results/smoke/summary.csv || $(MAKE) --no-print-directory hrn-table1-smoke
	rm -rf results/smoke-shards
	$(JBANG) build scripts/hrn_table1.java
	smoke="$(TABLE1_SMOKE) --out results/smoke-shards --threads 1 $(DATA_OPT)"; \
	  $(JBANG) hrn_table1 $$smoke --shard 1/2 > results/shard-1.log 2>&1 & one=$$!; \
	  $(JBANG) hrn_table1 $$smoke --shard 2/2 > results/shard-2.log 2>&1 & two=$$!; \
	  wait $$one && wait $$two || { tail results/shard-*.log; exit 1; }
	@test $$(ls results/smoke-shards/runs | wc -l) -eq 12 && test ! -e results/smoke-shards/summary.csv
	$(JBANG) hrn_table1 $(TABLE1_SMOKE) --out results/smoke-shards $(DATA_OPT) | grep "12 runs (12 already"
	diff results/smoke/summary.csv results/smoke-shards/summary.csv && diff results/smoke/summary.md results/smoke-shards/summary.md \
	  && echo "shard-smoke: 1 passed, 0 failed (2 shards merged = one process)"

# A throwaway one-node Slurm (slurm/local-cluster.sh: Debian's slurm-wlm and munge, installed when missing; as root)
# runs slurm/array.sbatch for real; slurm/smoke.sh says what it checks.
slurm-smoke: ## hrn-table1-smoke's 12 runs as a real 2-task Slurm array (task 2 cancelled and resumed), merged by a dependent job: the table must equal the one-process one
	test -s results/smoke/summary.csv || $(MAKE) --no-print-directory hrn-table1-smoke
	slurm/smoke.sh results/smoke results/smoke-slurm $(TABLE1_SMOKE) $(DATA_OPT)

# ---- A fault test: kill -9 mid-run, resume from another folder (issue 13) ----------------------------------
RESUME_OPTS = --datasets mnist --classes 0,1,2,3 --seeds 1,2 --epochs 3 --methods HRN --threads 1 $(if $(DATA_DIR),--data-dir $(abspath $(DATA_DIR)))
resume-smoke: ## kill -9 a real-data run after its first run file, resume it from another folder: summary.csv = an uninterrupted run's, no temp file, files 0644 under umask 022
	rm -rf results/resume-whole results/resume-killed && mkdir -p results
	$(JBANG) build scripts/hrn_table1.java
	umask 022; $(JBANG) hrn_table1 $(RESUME_OPTS) --out results/resume-whole > results/resume-whole.log 2>&1 || { cat results/resume-whole.log; exit 1; }
	umask 022; $(JBANG) hrn_table1 $(RESUME_OPTS) --out results/resume-killed > results/resume-killed.log 2>&1 & pid=$$!; \
	  for i in $$(seq 1200); do ls results/resume-killed/runs/*.csv >/dev/null 2>&1 && break; sleep 0.05; done; \
	  kill -9 $$pid || { echo "resume-smoke: the run ended before it could be killed"; exit 1; }; wait $$pid; \
	  n=$$(ls results/resume-killed/runs | wc -l); echo "killed $$pid with $$n of 8 run files written"; test $$n -lt 8
	@# the resumed run starts in another folder, by the script's absolute path: expected-results/ is built into it
	root=$$PWD; cd /tmp && umask 022 && $$root/scripts/jbang run $$root/scripts/hrn_table1.java $(RESUME_OPTS) --out $$root/results/resume-killed \
	  > $$root/results/resume-resumed.log 2>&1 || { cat $$root/results/resume-resumed.log; exit 1; }
	grep -q "8 runs ([1-7] already in" results/resume-resumed.log
	root=$$PWD; cd /tmp && $$root/scripts/jbang hrn_table1 --help | grep -q "Usage: hrn_table1"   # the alias from outside the checkout
	cd scripts && ./jbang hrn_table1 --help | tr -s " \n" " " | grep -q "under the current folder" && ! ./jbang hrn_table1 --help 2>&1 | grep -q WARN
	diff results/resume-whole/summary.csv results/resume-killed/summary.csv
	test -z "$$(find results/resume-killed results/resume-whole -name '.*.tmp')" && test -z "$$(find results/resume-killed results/resume-whole -type f ! -perm 644)" \
	  && test -s results/resume-killed/outputs.json && echo "resume-smoke: 1 passed, 0 failed (kill -9, resumed from /tmp: same summary.csv, no temp file, mode 0644)"

# The Python with Debian's python3-torch (a python3 earlier on PATH, e.g. pyenv's, may lack it).
PYTHON ?= /usr/bin/python3

bench: ## seconds per epoch of HRN on one MNIST class, alone and side by side, next to PyTorch (1 thread) and sgemm
	$(JBANG) hrn_bench --python $(PYTHON) $(DATA_OPT) $(ARGS)

# ---- ICS (Schlachter et al. 2019) --------------------------------------------------------------------
ics-split: ## ICS Sec. 2.1: autoencoder + SSIM split per class (rho = 10), split files and the Fig. 1-like picture
	$(JBANG) ics_split $(DATA_OPT) $(ARGS)

ics-table1: ## ICS Table 1 as the paper describes it (Ours, NNwDS, NaiveNN, SSIM; ARGS="--methods Ours,NNwDS,NaiveNN,SSIM,OCSVM,IF,HOG" adds the baselines; 3 data sets; 5 seeds; slow on CPU: see docs/performance.md)
	$(JBANG) ics_table1 $(DATA_OPT) $(ARGS)

ics-table1-official: ## ICS Table 1 as the authors' code runs it (VGG-like, 800 iterations, checkpoint picked on 30 % of the test set)
	$(JBANG) ics_table1 --protocol official-code $(DATA_OPT) $(ARGS)

ics-table1-check: ## regression check: ICS Table 1, exit 1 when a comparable cell is outside its tolerance
	$(JBANG) ics_table1 --check $(DATA_OPT) $(ARGS)

ics-rho: ## ICS Fig. 4: ICS's class-averaged AUC for rho = 5..50 %, with the curve (1 seed)
	$(JBANG) ics_rho $(DATA_OPT) $(ARGS)

ics-width: ## ICS: Ours' AUC and minutes per run against the width of the AlexNet-like networks (w = 4, 8, 16; MNIST digits 0, 2, 5; 1 seed; ~1 h on one core), with the curves
	$(JBANG) ics_width $(DATA_OPT) $(ARGS)

ics-bench: ## seconds per ICS training step and per (data set, class, seed) run, and the full-table estimate
	$(JBANG) ics_bench $(DATA_OPT) $(ARGS)

ics-smoke: ## a short real-data pass through ics_table1 (MNIST class 0, 1 seed, --quick: 128 images, 1 epoch), its four columns and OCSVM, IF, HOG; and ics_width at w = 4, 8
	rm -rf results/smoke-ics
	$(JBANG) ics_table1 --datasets mnist --classes 0 --seeds 1 --quick --methods Ours,NNwDS,NaiveNN,SSIM,OCSVM,IF,HOG --out results/smoke-ics $(DATA_OPT)
	@test -s results/smoke-ics/summary.md && test -s results/smoke-ics/chart-mnist.png && test -s results/smoke-ics/splits/mnist_c0_s1.csv \
	  && test $$(ls results/smoke-ics/runs | wc -l) -eq 7 && test -s results/smoke-ics/runs/mnist_c0_IF_rho0_s1.csv && grep -q 'HOG ours' results/smoke-ics/summary.md && echo "smoke-ics: 1 passed, 0 failed"
	rm -rf results/smoke-ics-width
	$(JBANG) ics_width --classes 0 --widths 4,8 --quick --out results/smoke-ics-width $(DATA_OPT)
	@test $$(ls results/smoke-ics-width/w4/runs results/smoke-ics-width/w8/runs | grep -c csv) -eq 4 && test -s results/smoke-ics-width/curve-mnist-AUC.png \
	  && test -s results/smoke-ics-width/curve-mnist-minutes.png && grep -q '| mnist | 8 | 1 |' results/smoke-ics-width/summary.md && echo "smoke-ics-width: 1 passed, 0 failed"

jbang: ## resolve JBang from Maven Central (done automatically on first use) and print its version
	$(JBANG) version

clean: ## remove build outputs and caches (not results/)
	cd lib && mvn -B -q clean
	rm -rf .cache
