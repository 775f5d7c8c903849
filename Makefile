# SegNode: one command each to set up and build, to run, and to test (see README.md).
MVN ?= mvn -B -q

.PHONY: setup setup-tests build test run clean

setup:
	scripts/setup-debian.sh

setup-tests:
	scripts/setup-debian.sh --tests

build: setup
	$(MVN) package -DskipTests

## The test command of README.md and CI: sets up, then builds and runs every test.
test: setup-tests
	mvn -B --no-transfer-progress verify -Dspotless.apply.skip=true

## Sets up, builds and runs the node in the foreground on its embedded defaults (conf/, ae-config/,
## state in ./state, H2 database, the shipped model): AE SEGNODE on 127.0.0.1:11112. Ctrl-C stops it.
run: build
	bin/segnode node

clean:
	$(MVN) clean
