# Reproducibility harness for deep one-class classification (HRN, ICS).
# `make help` lists the targets. Everything runs through scripts/jbang, which needs only a JDK 17
# and Maven: it resolves JBang itself from Maven Central on first use.

SHELL := bash
.DEFAULT_GOAL := help

JBANG ?= scripts/jbang
# Data: $ONECLASS_DATA if set; else ../shared/data when it exists (development and CI here);
# else empty, and the scripts download the originals into their cache.
DATA_DIR ?= $(or $(ONECLASS_DATA),$(wildcard ../shared/data))
DATA_OPT := $(if $(DATA_DIR),--data-dir $(DATA_DIR))
# Extra options for a script, e.g. make hrn-table1 ARGS="--datasets mnist --seeds 1"
ARGS ?=

# ND4J on small matrices is fastest single-threaded; the scripts run independent runs in parallel.
export OMP_NUM_THREADS := 1

.PHONY: ics-split ics-table1 ics-table1-official ics-table1-check ics-rho ics-bench ics-smoke
.PHONY: help test hrn-table1 hrn-table1-official hrn-table1-check hrn-table1-smoke hrn-table2 hrn-table2-smoke hrn-ablation hrn-noise hrn-sensitivity hrn-ablation-noise-smoke bench jbang clean

help: ## list the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-22s %s\n", $$1, $$2}'

test: ## unit tests + short real-data runs (JUnit 5), then the scripts' smoke run
	cd lib && mvn -B -ntp test; \
	  status=$$?; cat target/surefire-reports/*.txt 2>/dev/null | awk '/Tests run:/ {split($$0,a,/[:,]/); r+=a[2]; f+=a[4]; e+=a[6]; s+=a[8]} END {printf "\njunit: %d passed, %d failed, %d skipped\n", r-f-e-s, f+e, s}'; exit $$status
	$(MAKE) --no-print-directory hrn-table1-smoke hrn-table2-smoke hrn-ablation-noise-smoke ics-smoke

hrn-table1: ## HRN Table 1 as the paper describes it (MNIST, Fashion-MNIST, CIFAR-10; 5 seeds; 100 epochs)
	$(JBANG) hrn_table1 $(DATA_OPT) $(ARGS)

hrn-table1-official: ## HRN Table 1 as the authors' code runs it (best test AUC over 50 epochs, ...)
	$(JBANG) hrn_table1 --protocol official-code $(DATA_OPT) $(ARGS)

hrn-table1-check: ## regression check: HRN Table 1, exit 1 when a comparable cell is outside its tolerance
	$(JBANG) hrn_table1 --check $(DATA_OPT) $(ARGS)

hrn-table1-smoke: ## a 1-minute real-data pass through the whole script (2 classes, 1 seed, 3 epochs)
	rm -rf results/smoke
	$(JBANG) hrn_table1 --datasets mnist,cifar10 --classes 0,1 --seeds 1 --epochs 3 --out results/smoke $(DATA_OPT) $(ARGS)
	@test -s results/smoke/summary.md && test -s results/smoke/chart-mnist.png && test -s results/smoke/run-record.json \
	  && test $$(ls results/smoke/runs | wc -l) -eq 8 && echo "smoke: 1 passed, 0 failed"

hrn-table2: ## HRN Table 2 (KDDCUP99, Thyroid, Arrhythmia; P/R/F1 at TQM's top-k threshold; 5 seeds; 100 epochs; KDDCUP99 ~5 min a run)
	$(JBANG) hrn_table2 $(DATA_OPT) $(ARGS)

hrn-table2-smoke: ## a short real-data pass through hrn_table2 (Thyroid and Arrhythmia, 1 seed, 3 epochs)
	rm -rf results/smoke2
	$(JBANG) hrn_table2 --datasets thyroid,arrhythmia --seeds 1 --epochs 3 --out results/smoke2 $(DATA_OPT) $(ARGS)
	@test -s results/smoke2/summary.md && test $$(ls results/smoke2/runs | wc -l) -eq 2 && echo "smoke2: 1 passed, 0 failed"

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

bench: ## seconds per epoch of HRN on one MNIST class, alone and side by side
	$(JBANG) hrn_bench $(DATA_OPT) $(ARGS)

# ---- ICS (Schlachter et al. 2019) --------------------------------------------------------------------
ics-split: ## ICS Sec. 2.1: autoencoder + SSIM split per class (rho = 10), split files and the Fig. 1-like picture
	$(JBANG) ics_split $(DATA_OPT) $(ARGS)

ics-table1: ## ICS Table 1 as the paper describes it (Ours, NNwDS, NaiveNN, SSIM; 3 data sets; 5 seeds; slow on CPU: see README)
	$(JBANG) ics_table1 $(DATA_OPT) $(ARGS)

ics-table1-official: ## ICS Table 1 as the authors' code runs it (VGG-like, 800 iterations, checkpoint picked on 30 % of the test set)
	$(JBANG) ics_table1 --protocol official-code $(DATA_OPT) $(ARGS)

ics-table1-check: ## regression check: ICS Table 1, exit 1 when a comparable cell is outside its tolerance
	$(JBANG) ics_table1 --check $(DATA_OPT) $(ARGS)

ics-rho: ## ICS Fig. 4: ICS's class-averaged AUC for rho = 5..50 %, with the curve (1 seed)
	$(JBANG) ics_rho $(DATA_OPT) $(ARGS)

ics-bench: ## seconds per ICS training step and per (data set, class, seed) run, and the full-table estimate
	$(JBANG) ics_bench $(DATA_OPT) $(ARGS)

ics-smoke: ## a short real-data pass through ics_table1 (MNIST class 0, 1 seed, --quick: 128 images, 1 epoch)
	rm -rf results/smoke-ics
	$(JBANG) ics_table1 --datasets mnist --classes 0 --seeds 1 --quick --out results/smoke-ics $(DATA_OPT)
	@test -s results/smoke-ics/summary.md && test -s results/smoke-ics/chart-mnist.png && test -s results/smoke-ics/splits/mnist_c0_s1.csv \
	  && test $$(ls results/smoke-ics/runs | wc -l) -eq 4 && echo "smoke-ics: 1 passed, 0 failed"

jbang: ## resolve JBang from Maven Central (done automatically on first use) and print its version
	$(JBANG) version

clean: ## remove build outputs and caches (not results/)
	cd lib && mvn -B -q clean
	rm -rf .cache
